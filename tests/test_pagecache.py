"""Public pages kept by the worker: served again while nothing changed, never across a change or a person."""

import sqlalchemy as sa
from flask_wtf.csrf import generate_csrf

from councilportal.councils.models import Council
from councilportal.extensions import db
from councilportal.meetings.models import MeetingState
from councilportal.pagecache import ContentVersion, kept_for_the_public
from tests.conftest import Auth
from tests.meetings.factories import make_meeting


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
    app.add_url_rule("/with-a-form", "with_a_form", kept_for_the_public(lambda: generate_csrf()))
    first, second = app.test_client(), app.test_client()
    assert first.get("/with-a-form").text != second.get("/with-a-form").text
