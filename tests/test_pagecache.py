"""Public pages kept by the worker: served again while nothing changed, never across a change or a person."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_wtf.csrf import generate_csrf

from councilportal import pagecache
from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.extensions import db
from councilportal.meetings.models import MeetingState
from councilportal.pagecache import ContentVersion, kept_until_changed, kept_while_unchanged
from councilportal.timeutil import now_utc
from councilportal.viewpoints.models import Viewpoint
from tests.conftest import TEST_PASSWORD, Auth
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    """The kept pages' clock stands still: a test run across the turn of a minute must still find its
    page kept. The test of the minute itself moves it."""
    moment = now_utc()
    monkeypatch.setattr(pagecache, "now_utc", lambda: moment)


def version(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(ContentVersion.version))


def test_a_public_page_is_served_again_from_one_query_while_nothing_changes(client, world, count_queries):
    first = client.get("/councils/oppna-radet")
    assert first.status_code == 200
    with count_queries() as counter:
        again = client.get("/councils/oppna-radet")
    assert again.data == first.data
    assert counter.count == 1 and "content_version" in counter.statements[0]


def test_any_change_shows_at_once(app, client, session, world):
    assert "Öppna rådet" in client.get("/councils/oppna-radet").text
    before = version(app)
    session.get(Council, world.public_council.id).name = "Det öppna rådet i Testkommun"
    session.commit()
    assert version(app) == before + 1
    assert "Det öppna rådet i Testkommun" in client.get("/councils/oppna-radet").text


def test_a_page_built_again_replaces_its_kept_copy_after_a_change_or_a_minute(app, client, session, world,
                                                                           monkeypatch):
    moments = iter(now_utc() + timedelta(minutes=minute) for minute in (0, 0, 1, 1))
    monkeypatch.setattr(pagecache, "now_utc", lambda: next(moments))
    client.get("/councils/oppna-radet")
    session.get(Council, world.public_council.id).name = "Det öppna rådet i Testkommun"
    session.commit()
    assert "Det öppna rådet i Testkommun" in client.get("/councils/oppna-radet").text
    client.get("/councils/oppna-radet")
    # Built three times (first, after the change, in the next minute), kept once: the copies nobody can
    # be handed any more do not pile up in the worker's memory.
    assert len(app.extensions["councilportal.page_cache"][0]) == 1


def test_a_kept_value_is_replaced_when_the_data_changes(app, session, world):
    built = []
    with app.test_request_context():
        assert kept_while_unchanged(("figures",), lambda: built.append(1) or "first") == "first"
        assert kept_while_unchanged(("figures",), lambda: built.append(1) or "again") == "first"
        session.get(Council, world.public_council.id).name = "Det öppna rådet i Testkommun"
        session.commit()
        assert kept_while_unchanged(("figures",), lambda: built.append(1) or "after") == "after"
    assert len(built) == 2 and len(app.extensions["councilportal.kept_values"][0]) == 1


def test_changes_made_by_statement_raise_the_version_too(app, session, world):
    before = version(app)
    session.execute(sa.update(Council).where(Council.id == world.public_council.id).values(description="Ny"))
    session.commit()
    assert version(app) == before + 1


def test_bookkeeping_and_reading_leave_the_version_as_it_is(app, client, auth, session, world):
    before = version(app)
    client.get("/councils/oppna-radet")
    client.post("/login", data={"email": world.outsider.email, "password": "fel lösenord"})
    assert version(app) == before


def test_signing_in_keeps_every_kept_page_but_a_changed_name_does_not(app, client, session, world):
    before = version(app)
    client.post("/login", data={"email": world.representative.email, "password": TEST_PASSWORD})
    assert client.get("/att-gora").status_code == 200
    assert version(app) == before
    session.get(User, world.representative.id).name = "Rut Nynamn"
    session.commit()
    assert version(app) == before + 1


def test_a_new_meeting_reaches_the_public_page_at_once(client, session, world):
    client.get("/councils/oppna-radet/meetings")
    make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Extra insatt möte")
    session.commit()
    assert "Extra insatt möte" in client.get("/councils/oppna-radet/meetings").text


def test_a_signed_in_person_never_gets_the_publics_copy(app, world):
    person, public = app.test_client(), app.test_client()
    Auth(person).login(world.coordinator)
    person.get("/councils/")  # shows the welcome message, if any
    kept = public.get("/councils/oppna-radet").text
    assert "Logga in" in kept
    own = person.get("/councils/oppna-radet").text
    assert "Logga ut" in own and "Cora Samordnare" in own
    Auth(person).logout()
    assert "Du är utloggad." in person.get("/councils/oppna-radet").text  # a message is never kept
    assert person.get("/councils/oppna-radet").text == kept


def test_each_language_and_address_is_kept_apart(client, world):
    swedish = client.get("/councils/oppna-radet").text
    english = client.get("/councils/oppna-radet?lang=en").text
    assert 'lang="sv"' in swedish and 'lang="en"' in english
    assert 'lang="en"' in client.get("/councils/oppna-radet").text  # the choice stays with the visitor


def test_a_page_with_a_form_token_is_never_kept(make_app, world):
    app = make_app(WTF_CSRF_ENABLED=True)
    app.add_url_rule("/with-a-form", "with_a_form", kept_until_changed(lambda: generate_csrf()))
    first, second = app.test_client(), app.test_client()
    assert first.get("/with-a-form").text != second.get("/with-a-form").text


def test_a_signed_in_persons_page_is_kept_for_them_until_something_changes(client, auth, session, world,
                                                                           count_queries):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               title="Längre öppettider")
    session.commit()
    auth.login(world.coordinator)
    first = client.get("/viewpoints/")
    assert "Längre öppettider" in first.text
    assert first.status_code == 200
    with count_queries() as counter:
        again = client.get("/viewpoints/")
    assert again.data == first.data
    # Who is signed in, and whether the page changed: nothing else is read.
    assert counter.count <= 3 and any("content_version" in statement for statement in counter.statements)
    session.get(Viewpoint, viewpoint.id).title = "Längre öppettider på helger"
    session.commit()
    assert "Längre öppettider på helger" in client.get("/viewpoints/").text


def test_a_kept_page_is_never_handed_to_another_person_or_session(make_app, world):
    app = make_app(WTF_CSRF_ENABLED=True)
    coordinator, same_coordinator_elsewhere, representative = app.test_client(), app.test_client(), app.test_client()
    for client, person in ((coordinator, world.coordinator), (same_coordinator_elsewhere, world.coordinator),
                           (representative, world.representative)):
        sign_in_page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', sign_in_page).group(1)
        assert client.post("/login", data={"email": person.email, "password": TEST_PASSWORD,
                                           "csrf_token": token}).status_code == 302
    pages = [client.get("/my-meetings").text for client in (coordinator, same_coordinator_elsewhere, representative)]
    assert world.coordinator.name in pages[0] and world.representative.name in pages[2]
    assert world.coordinator.name not in pages[2]
    # The sign-out form on each page carries that session's own token.
    assert pages[0] != pages[1]
    assert coordinator.get("/my-meetings").text == pages[0]
