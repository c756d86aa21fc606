"""Calendar UIDs: a new meeting's names this site's host, so two installations never collide; meetings
already in people's calendars keep the UID they were sent with, so no calendar gets a duplicate."""

import re

import sqlalchemy as sa

from councilportal import create_app
from councilportal.extensions import db
from councilportal.links import absolute_url
from councilportal.meetings.models import MeetingState, new_calendar_uid
from councilportal.schema import migrations
from tests.conftest import _recreate_postgres_database, app_config
from tests.factories import build_world
from tests.meetings.factories import make_meeting

NEW_UID = re.compile(r"[0-9a-f-]{36}@portal\.test")


def test_a_new_meetings_uid_names_the_site_and_is_its_own(session, world):
    first, second = make_meeting(session, world.council), make_meeting(session, world.council)
    assert NEW_UID.fullmatch(first.uid) and NEW_UID.fullmatch(second.uid)
    assert first.uid != second.uid


def test_two_sites_never_make_the_same_uid(make_app):
    uids = []
    for host in ("kommun-a.example", "kommun-b.example"):
        with make_app(PORTAL_URL=f"https://{host}/portal").app_context():
            uids.append(new_calendar_uid())
    assert uids[0].endswith("@kommun-a.example") and uids[1].endswith("@kommun-b.example")
    assert uids[0].split("@")[0] != uids[1].split("@")[0]


def test_meetings_made_before_the_upgrade_keep_their_uid(database_url, tmp_path):
    if database_url.startswith("postgresql"):
        url = sa.make_url(database_url)
        url = url.set(database=f"{url.database}_uids").render_as_string(hide_password=False)
        _recreate_postgres_database(url)
    else:
        url = f"sqlite:///{tmp_path / 'uids.sqlite'}"
    app = create_app(app_config(url, tmp_path))
    with app.app_context():
        migrations().upgrade()
        world = build_world(db.session)
        ids = [make_meeting(db.session, world.council).id for _ in range(3)]
        db.session.commit()
        migrations().downgrade("0017_compensation")
        migrations().upgrade()
        kept = dict(db.session.execute(sa.text("SELECT id, calendar_uid FROM meetings")).all())
        newcomer = make_meeting(db.session, world.council)
        assert NEW_UID.fullmatch(newcomer.uid)
        db.session.close()
        db.engine.dispose()
    assert kept == {identifier: f"meeting-{identifier}@councilportal" for identifier in ids}


def test_links_in_mail_and_feeds_follow_the_port_make_run_serves_on(make_app, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    app = make_app(PORTAL_URL=None)
    assert app.config["PORTAL_URL"] == "http://127.0.0.1:8123"
    with app.app_context():
        assert absolute_url("meetings.detail", meeting_id=7) == "http://127.0.0.1:8123/meetings/7"
        world = build_world(db.session)
        meeting = make_meeting(db.session, world.public_council, state=MeetingState.PUBLISHED)
        assert meeting.uid.endswith("@127.0.0.1")
        db.session.commit()
        feed_path = f"/councils/{world.public_council.slug}/meetings.ics"
    feed = app.test_client().get(feed_path).text.replace("\r\n ", "")
    assert f"URL:http://127.0.0.1:8123/meetings/{meeting.id}" in feed
    monkeypatch.delenv("PORT")
    assert make_app(PORTAL_URL=None).config["PORTAL_URL"] == "http://127.0.0.1:5000"

