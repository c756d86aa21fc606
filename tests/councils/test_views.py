from datetime import date

import pytest
import sqlalchemy as sa

from councilportal.accounts.models import User
from councilportal.councils.models import Council, Membership, Seat
from tests.factories import make_membership, make_organisation, make_user


def member_form(organisation, **overrides):
    data = {"email": "ny@example.se", "name": "Ny Ledamot", "organisation_id": str(organisation.id),
            "role": "representative", "seat": "ordinary", "stands_in_for_id": "0",
            "term_start": "2026-01-01", "term_end": "2027-12-31"}
    data.update(overrides)
    return data


def memberships_of(session, council) -> int:
    return session.scalar(sa.select(sa.func.count(Membership.id)).where(Membership.council_id == council.id))


def test_the_coordinator_adds_and_invites_a_new_member(client, auth, world, session, outbox):
    auth.login(world.coordinator)
    other = make_organisation(session, "Attention")
    session.commit()
    response = client.post("/councils/socialtjanst/members/new", data=member_form(other), follow_redirects=True)
    assert "Ny Ledamot är tillagd i rådet och har fått en inbjudan med e-post." in response.text
    assert "Ny Ledamot" in client.get("/councils/socialtjanst/members").text
    assert [mail.recipient for mail in outbox("invitation")] == ["ny@example.se"]


def test_a_full_quota_is_explained_on_the_form_and_nothing_is_added(client, auth, world, session, outbox):
    auth.login(world.coordinator)
    before = memberships_of(session, world.council)
    response = client.post("/councils/socialtjanst/members/new", data=member_form(world.user_organisation))
    assert response.status_code == 200
    assert "RSMH Test har redan fyllt sina ordinarie platser (1 per organisation)" in response.text
    assert 'class="error-summary"' in response.text
    session.expire_all()
    assert memberships_of(session, world.council) == before
    assert session.scalar(sa.select(User).where(User.email == "ny@example.se")) is None
    assert outbox() == []


def test_a_deputy_is_added_for_the_organisations_ordinary_member(client, auth, world, session):
    auth.login(world.coordinator)
    response = client.post("/councils/socialtjanst/members/new", data=member_form(
        world.user_organisation, seat="deputy", stands_in_for_id=str(world.membership.id)))
    assert response.status_code == 302
    page = client.get("/councils/socialtjanst/members").text
    assert "för Rut Representant" in page


@pytest.mark.parametrize("overrides, message", [
    ({"term_start": "inte ett datum"}, "Fyll i ett giltigt datum"),
    ({"name": "x" * 201}, "Högst 200 tecken."),
    ({"email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
    ({"organisation_id": "999999"}, "Välj ett av alternativen."),
    ({"organisation_id": "abc"}, "Välj ett av alternativen."),
    ({"seat": "kung"}, "Välj ett av alternativen."),
    ({"stands_in_for_id": "999999"}, "Välj ett av alternativen."),
])
def test_bad_membership_input_is_refused_without_a_change(client, auth, world, session, overrides, message):
    auth.login(world.coordinator)
    before = memberships_of(session, world.council)
    response = client.post("/councils/socialtjanst/members/new", data=member_form(world.user_organisation, **overrides))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    session.expire_all()
    assert memberships_of(session, world.council) == before


def test_a_coordinator_of_another_council_cannot_touch_these_members(client, auth, world, session):
    auth.login(world.coordinator)
    response = client.post(f"/councils/{world.public_council.slug}/members/new",
                           data=member_form(world.user_organisation))
    assert response.status_code == 403


def test_a_membership_of_another_council_is_not_found_through_this_one(client, auth, world, session):
    world.public_council.coordinators.append(world.coordinator)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/councils/{world.public_council.slug}/members/{world.membership.id}/end",
                           data={"last_day": "2099-01-01"})
    assert response.status_code == 404
    session.expire_all()
    assert session.get(Membership, world.membership.id).term_end is None


def test_the_coordinator_changes_a_term_and_ends_a_membership(client, auth, world, session):
    auth.login(world.coordinator)
    data = member_form(world.user_organisation, term_start="2026-01-01", term_end="2026-12-31")
    assert client.post(f"/councils/socialtjanst/members/{world.membership.id}/edit", data=data).status_code == 302
    session.expire_all()
    assert session.get(Membership, world.membership.id).term_end == date(2026, 12, 31)
    response = client.post(f"/councils/socialtjanst/members/{world.membership.id}/end",
                           data={"last_day": "2026-06-30"}, follow_redirects=True)
    assert "Mandatet för Rut Representant slutar 2026-06-30." in response.text


def test_the_admin_creates_a_council_with_a_generated_slug(client, auth, world, session):
    auth.login(world.admin)
    response = client.post("/admin/councils/new", data={
        "name": "Brukarråd för äldreomsorg", "slug": "", "description": "Om <äldreomsorg>",
        "subject_area": "Äldre", "owner_id": str(world.municipality.id), "is_public": "y",
        "coordinator_ids": [str(world.coordinator.id)]})
    assert response.headers["Location"] == "/councils/brukarrad-for-aldreomsorg"
    page = client.get("/councils/brukarrad-for-aldreomsorg").text
    assert "Om &lt;äldreomsorg&gt;" in page


def test_a_bad_slug_is_explained(client, auth, world, session):
    auth.login(world.admin)
    response = client.post("/admin/councils/new",
                           data={"name": "X", "slug": "Ogiltig Slug!", "owner_id": str(world.municipality.id)})
    assert "Kortnamnet får bara innehålla a–z" in response.text
    assert session.scalar(sa.select(sa.func.count(Council.id))) == 2


def test_the_public_page_shows_no_names_unless_the_person_chose_it(client, world, session):
    shown = make_user(session, "Synlig Person", show_name_publicly=True)
    hidden = make_user(session, "Dold Person")
    make_membership(session, world.public_council, shown, world.user_organisation)
    make_membership(session, world.public_council, hidden, world.user_organisation, seat=Seat.DEPUTY)
    session.commit()
    page = client.get(f"/councils/{world.public_council.slug}").text
    assert "Synlig Person" in page
    assert "Dold Person" not in page
    assert page.count("RSMH Test") == 2


def test_members_see_every_name_on_their_council(client, auth, world):
    auth.login(world.representative)
    page = client.get("/councils/socialtjanst").text
    assert "Max Chef" in page and "Rut Representant" in page


def fill_council(session, council, organisation, count):
    for _ in range(count):
        make_membership(session, council, make_user(session), make_organisation(session))
    session.commit()


@pytest.mark.parametrize("path", ["/councils/socialtjanst", "/councils/socialtjanst/members", "/my-councils",
                                  "/councils/"])
def test_council_pages_make_the_same_number_of_queries_for_3_or_30_members(client, auth, world, session,
                                                                            count_queries, path):
    auth.login(world.coordinator)
    fill_council(session, world.council, world.user_organisation, 3)
    # Each count is of a page built, not of a copy kept for the reader.
    with count_queries() as few:
        assert client.get(path).status_code == 200
    fill_council(session, world.council, world.user_organisation, 27)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count, many.statements
