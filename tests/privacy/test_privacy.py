import json
from datetime import timedelta

import pyotp
import sqlalchemy as sa

from councilportal.accounts import services as accounts
from councilportal.accounts.models import AuditEvent, PasswordResetRequest, RecoveryCode, SignIn, User
from councilportal.councils.models import Membership
from councilportal.privacy.services import erase_person
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import EventKind, ViewpointEvent, ViewpointState
from tests.factories import TEST_PASSWORD, make_membership
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
    session.add(ViewpointEvent(viewpoint_id=other.id, kind=EventKind.ASSIGNED,
                               text="Socialförvaltningen, Max Chefsson"))
    session.commit()

    erase_person(session, world.admin, world.manager)
    session.commit()

    assignments = session.scalars(sa.select(ViewpointEvent.text).where(ViewpointEvent.kind == EventKind.ASSIGNED)
                                  .order_by(ViewpointEvent.id)).all()
    assert assignments == ["Socialförvaltningen, Raderad person", "Raderad person",
                           "Socialförvaltningen, Max Chefsson"], "only the erased person's name goes"


def test_erasing_ends_every_term_that_runs_on_and_removes_terms_not_yet_begun(session, world):
    today = today_in_sweden()
    person = world.representative
    terms = {
        "ended": (today - timedelta(days=400), today - timedelta(days=30)),
        "open-ended": (today - timedelta(days=30), None),
        "ends next year": (today - timedelta(days=30), today + timedelta(days=365)),
        "begins today": (today, today + timedelta(days=365)),
        "begins next month": (today + timedelta(days=30), None),
    }
    made = {name: make_membership(session, world.public_council, person, world.user_organisation,
                                  term_start=start, term_end=end) for name, (start, end) in terms.items()}
    ids = {membership.id: name for name, membership in made.items()}
    session.commit()

    erase_person(session, world.admin, person)
    session.commit()

    left = {ids[membership.id]: (membership.term_start, membership.term_end) for membership in session.scalars(
        sa.select(Membership).where(Membership.id.in_(ids)))}
    yesterday = today - timedelta(days=1)
    assert left == {"ended": terms["ended"], "open-ended": (terms["open-ended"][0], yesterday),
                    "ends next year": (terms["ends next year"][0], yesterday)}
    for day in (today, today + timedelta(days=30), today + timedelta(days=3650)):
        assert session.scalar(sa.select(sa.func.count(Membership.id)).where(
            Membership.user_id == person.id, Membership.is_active_on(day))) == 0, day


def test_the_erased_persons_placeholder_is_stored_in_swedish_whatever_the_admins_language(client, auth, world,
                                                                                          session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED)
    workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager)
    world.admin.locale = "en"
    session.commit()
    auth.login(world.admin)
    assert "Accounts" in client.get("/admin/accounts").text, "the admin reads English"

    client.post(f"/admin/accounts/{world.manager.id}/erase", data={"understood": "y"})

    session.expire_all()
    assert session.get(User, world.manager.id).name == "Raderad person"
    assert session.scalar(sa.select(ViewpointEvent.text).where(ViewpointEvent.kind == EventKind.ASSIGNED)) == (
        "Socialförvaltningen, Raderad person")


def test_erasing_leaves_no_sign_in_two_factor_secret_recovery_code_or_reset_request(app, session, world):
    person = world.coordinator
    with app.test_request_context():
        accounts.start_sign_in(session, person)
        accounts.begin_two_factor_setup(session, person)
        accounts.confirm_two_factor_setup(session, person, pyotp.TOTP(person.two_factor_secret).now())
        accounts.request_password_reset(session, person.email, "192.0.2.1")
    session.commit()
    kept = {model: session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (SignIn, RecoveryCode, PasswordResetRequest)}
    assert all(kept.values()), kept

    erase_person(session, world.admin, person)
    session.commit()
    for model in (SignIn, RecoveryCode, PasswordResetRequest):
        assert session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model
    assert person.two_factor_secret is None and person.two_factor_enabled_at is None
