import json

import sqlalchemy as sa

from councilportal.accounts.models import AuditEvent, User
from councilportal.councils.models import Membership
from councilportal.privacy.services import erase_person
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import EventKind, ViewpointEvent, ViewpointState
from tests.factories import TEST_PASSWORD
from tests.viewpoints.factories import make_viewpoint


def test_a_person_downloads_everything_kept_about_them_and_the_export_is_logged(client, auth, world, session):
    auth.login(world.representative)
    response = client.post("/profile/my-data")
    assert response.headers["Content-Disposition"] == 'attachment; filename="mina-uppgifter.json"'
    data = json.loads(response.data)
    assert data["profile"]["email"] == world.representative.email
    assert data["memberships"][0]["council"] == world.council.name
    assert data["memberships"][0]["organisation"] == world.user_organisation.name
    assert any(attempt["succeeded"] for attempt in data["sign_in_attempts"])
    assert "personal_data_exported" in session.scalars(sa.select(AuditEvent.action)).all()


def test_an_admin_erases_a_person_who_can_no_longer_sign_in(client, auth, world, session):
    auth.login(world.admin)
    refused = client.post(f"/admin/accounts/{world.representative.id}/erase", data={})
    assert "Kryssa i rutan för att bekräfta." in refused.text
    response = client.post(f"/admin/accounts/{world.representative.id}/erase", data={"understood": "y"})
    assert response.headers["Location"] == "/admin/accounts"
    session.expire_all()
    person = session.get(User, world.representative.id)
    assert (person.name, person.email, person.phone, person.password_hash, person.active) == (
        "Raderad person", f"person-{person.id}@erased.invalid", "", None, False)
    membership = session.get(Membership, world.membership.id)
    assert not membership.is_active_on(today_in_sweden())
    assert "person_erased" in session.scalars(sa.select(AuditEvent.action)).all()
    auth.logout()
    assert client.post("/login", data={"email": "rep@example.se", "password": TEST_PASSWORD}).status_code == 200
    assert "Rut Representant" not in client.get("/councils/oppna-radet").text


def test_erasing_twice_is_refused(client, auth, world):
    auth.login(world.admin)
    client.post(f"/admin/accounts/{world.outsider.id}/erase", data={"understood": "y"})
    again = client.post(f"/admin/accounts/{world.outsider.id}/erase", data={"understood": "y"})
    assert "Personen är redan raderad." in again.text


def test_an_erased_manager_is_no_longer_named_in_the_timelines_of_viewpoints_once_assigned_to_them(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED)
    workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager)
    other = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                           state=ViewpointState.RECEIVED)
    workflow.assign_viewpoint(session, world.coordinator, other, unit=None, manager=world.manager)
    session.add(ViewpointEvent(viewpoint_id=other.id, kind=EventKind.ASSIGNED, text="Socialförvaltningen, Max Chefsson"))
    session.commit()

    erase_person(session, world.admin, world.manager)
    session.commit()

    assignments = session.scalars(sa.select(ViewpointEvent.text).where(ViewpointEvent.kind == EventKind.ASSIGNED)
                                  .order_by(ViewpointEvent.id)).all()
    assert assignments == ["Socialförvaltningen, Raderad person", "Raderad person",
                           "Socialförvaltningen, Max Chefsson"], "only the erased person's name goes"
