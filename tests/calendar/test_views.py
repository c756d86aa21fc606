"""The three feeds as calendar programs see them: content, access, and cheap conditional requests."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.accounts.models import AuditEvent
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.timeutil import now_utc
from tests.calendar.ical import events_by_uid, parse_both
from tests.factories import make_council
from tests.meetings.factories import make_meeting

SHOWN_STATES = (MeetingState.PUBLISHED, MeetingState.HELD, MeetingState.MINUTES_APPROVED, MeetingState.CANCELLED)


def meetings_in_every_state(session, council):
    made = {state: make_meeting(session, council, state=state, items=2, sequence=1,
                                title=f"Möte {state.value}") for state in MeetingState}
    session.commit()
    return made


def assert_calendar(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["ETag"]
    assert response.headers["Last-Modified"]
    return response.data


def test_the_public_feed_holds_every_meeting_but_drafts_and_cancelled_ones_stay_cancelled(client, world, session):
    made = meetings_in_every_state(session, world.public_council)
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Annat råds möte")
    session.commit()

    data = assert_calendar(client.get("/councils/oppna-radet/meetings.ics"))
    calendar, independent = parse_both(data)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Öppna rådet"
    events = events_by_uid(data)
    assert set(events) == {made[state].uid for state in SHOWN_STATES}
    statuses = {uid: other.status.value for uid, (_, other) in events.items()}
    assert statuses.pop(made[MeetingState.CANCELLED].uid) == "CANCELLED"
    assert set(statuses.values()) == {"CONFIRMED"}
    assert "Möte draft" not in data.decode()


def test_a_private_council_has_no_public_feed(client, auth, world, session):
    meetings_in_every_state(session, world.council)
    assert client.get("/councils/socialtjanst/meetings.ics").status_code == 404
    auth.login(world.coordinator)
    assert client.get("/councils/socialtjanst/meetings.ics").status_code == 404


def test_one_meeting_downloads_as_a_file_with_its_agenda(client, world, session):
    meeting = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, items=3)
    session.commit()
    response = client.get(f"/meetings/{meeting.id}.ics")
    data = assert_calendar(response)
    assert response.headers["Content-Disposition"] == f'attachment; filename="mote-{meeting.id}.ics"'
    [(_, other)] = events_by_uid(data).values()
    assert "1. Punkt 1\n2. Punkt 2\n3. Punkt 3" in other.description.value
    assert other.url.value == f"http://portal.test/meetings/{meeting.id}"


def test_a_draft_is_not_found_even_by_its_coordinator(client, auth, world, session):
    draft = make_meeting(session, world.council, state=MeetingState.DRAFT)
    session.commit()
    auth.login(world.coordinator)
    assert client.get(f"/meetings/{draft.id}.ics").status_code == 404
    assert client.get(f"/meetings/{draft.id}.ics?token={world.coordinator.calendar_token}").status_code == 404


def test_a_private_meeting_opens_with_a_members_token_and_nothing_else(client, world, session):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    session.commit()
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 302
    assert_calendar(client.get(f"/meetings/{meeting.id}.ics?token={world.representative.calendar_token}"))
    assert client.get(f"/meetings/{meeting.id}.ics?token={world.outsider.calendar_token}").status_code == 404
    assert client.get(f"/meetings/{meeting.id}.ics?token=").status_code == 404


def test_the_personal_feed_holds_the_meetings_of_the_councils_one_sits_on_or_coordinates(client, world, session):
    sits_on = meetings_in_every_state(session, world.council)
    coordinated = make_council(session, world.municipality, coordinators=[world.representative])
    coordinated_meeting = make_meeting(session, coordinated, state=MeetingState.PUBLISHED)
    not_mine = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED)
    session.commit()

    data = assert_calendar(client.get(f"/calendar/{world.representative.calendar_token}.ics"))
    calendar, _ = parse_both(data)
    assert str(calendar["X-WR-CALNAME"]) == "Brukarrådsportalen: mina möten"
    assert set(events_by_uid(data)) == {sits_on[state].uid for state in SHOWN_STATES} | {coordinated_meeting.uid}
    assert not_mine.uid not in data.decode()


def test_an_unknown_token_and_a_deactivated_persons_token_are_the_same_bare_404(client, world, session):
    unknown_path = "/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics"
    unknown = client.get(unknown_path)
    world.representative.active = False
    session.commit()
    deactivated_path = f"/calendar/{world.representative.calendar_token}.ics"
    deactivated = client.get(deactivated_path)
    assert unknown.status_code == deactivated.status_code == 404
    # The page links to itself in the other language; apart from its own address it is the same page.
    assert unknown.text.replace(unknown_path, "") == deactivated.text.replace(deactivated_path, "")
    assert client.get(f"/calendar/{'x' * 500}.ics").status_code == 404


def test_regenerating_the_token_kills_the_old_link(client, auth, world, session):
    old_link = f"/calendar/{world.representative.calendar_token}.ics"
    assert client.get(old_link).status_code == 200
    auth.login(world.representative)

    response = client.post("/profile/calendar-token", follow_redirects=True)
    assert "Du har fått en ny kalenderlänk." in response.text
    session.expire_all()
    new_token = world.representative.calendar_token
    assert f"/calendar/{new_token}.ics" in response.text
    assert f"webcal://portal.test/calendar/{new_token}.ics" in response.text
    auth.logout()
    assert client.get(old_link).status_code == 404
    assert_calendar(client.get(f"/calendar/{new_token}.ics"))
    assert session.scalar(sa.select(AuditEvent.action).where(AuditEvent.subject_user_id == world.representative.id)
                          .order_by(AuditEvent.id.desc()).limit(1)) == "calendar_token_regenerated"


def test_the_profile_shows_the_webcal_and_https_links(client, auth, world):
    auth.login(world.representative)
    page = client.get("/profile").text
    token = world.representative.calendar_token
    assert f'href="webcal://portal.test/calendar/{token}.ics"' in page
    assert f'value="http://portal.test/calendar/{token}.ics"' in page


FEEDS = ("council", "personal", "meeting")


def feed_with_meetings(session, world, which: str, count: int) -> tuple[str, list[Meeting]]:
    """`count` published meetings in the feed `which`, and its URL (a public meeting's own for "meeting")."""
    council = world.council if which == "personal" else world.public_council
    made = [make_meeting(session, council, state=MeetingState.PUBLISHED, items=3) for _ in range(count)]
    session.commit()
    urls = {"council": "/councils/oppna-radet/meetings.ics",
            "personal": f"/calendar/{world.representative.calendar_token}.ics",
            "meeting": f"/meetings/{made[0].id}.ics"}
    return urls[which], made


@pytest.mark.parametrize("which", FEEDS)
def test_a_matching_etag_gets_304_from_one_aggregate_query_without_loading_meetings(client, world, session,
                                                                                   count_queries, which):
    url, _ = feed_with_meetings(session, world, which, 3)
    first = client.get(url)
    etag = first.headers["ETag"]
    with count_queries() as counter:
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    # One query finds the feed (its council, or its owner and their councils) and its stamp together,
    # the personal feed's other sources (audits) included.
    assert counter.count == 1, counter.statements
    assert not any("agenda_items" in s for s in counter.statements)
    if which != "meeting":
        assert "max(" in counter.statements[0].lower()


@pytest.mark.parametrize("which", FEEDS)
def test_if_modified_since_gets_304_until_a_meeting_changes(client, world, session, which):
    url, [meeting, _] = feed_with_meetings(session, world, which, 2)
    first = client.get(url)
    assert client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304

    meeting.title = "Flyttat möte"
    meeting.updated_at = now_utc() + timedelta(seconds=2)
    session.commit()
    changed = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"],
                                       "If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert "Flyttat möte" in changed.data.decode()


def test_the_etag_changes_when_a_meeting_leaves_the_feed_even_if_no_date_moves(client, world, session):
    made = [make_meeting(session, world.public_council, state=MeetingState.PUBLISHED) for _ in range(2)]
    session.commit()
    first = client.get("/councils/oppna-radet/meetings.ics")
    made[0].state = MeetingState.DRAFT
    session.commit()
    response = client.get("/councils/oppna-radet/meetings.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert response.status_code == 200
    assert made[0].uid not in response.data.decode()


@pytest.mark.parametrize("which", ["council", "personal"])
def test_a_feed_makes_as_many_queries_for_300_meetings_as_for_3(client, world, session, count_queries, which):
    url, _ = feed_with_meetings(session, world, which, 3)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    feed_with_meetings(session, world, which, 297)
    with count_queries() as many:
        response = client.get(url)
    assert len(events_by_uid(assert_calendar(response))) == 300
    assert many.count == few.count, many.statements


@pytest.mark.parametrize("which", ["council", "personal"])
def test_feeds_cover_the_configured_window_and_the_etag_changes_when_a_meeting_leaves_it(make_app, session, world,
                                                                                         which):
    app = make_app(CALENDAR_FEED_DAYS_BACK=30)
    client = app.test_client()
    council = world.public_council if which == "council" else world.council
    url = ("/councils/oppna-radet/meetings.ics" if which == "council"
           else f"/calendar/{world.coordinator.calendar_token}.ics")
    now = now_utc()
    old = make_meeting(session, council, state=MeetingState.HELD, starts_at=now - timedelta(days=31))
    leaving = make_meeting(session, council, state=MeetingState.HELD, starts_at=now - timedelta(days=29))
    coming = make_meeting(session, council, state=MeetingState.PUBLISHED, starts_at=now + timedelta(days=200))
    session.commit()
    first = client.get(url)
    assert set(events_by_uid(assert_calendar(first))) == {leaving.uid, coming.uid}
    assert old.uid not in first.text

    leaving.starts_at = now - timedelta(days=31)  # as if two days had passed
    session.commit()
    response = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert response.headers["ETag"] != first.headers["ETag"]
    assert set(events_by_uid(assert_calendar(response))) == {coming.uid}


def test_a_kept_feed_is_rebuilt_when_a_meeting_changes(client, session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Före ändringen")
    session.commit()
    url = f"/calendar/{world.coordinator.calendar_token}.ics"
    before = client.get(url)
    assert "Före ändringen" in before.text
    assert client.get(url).data == before.data

    meeting.title = "Efter ändringen"
    meeting.updated_at = now_utc()
    session.commit()
    after = client.get(url)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Efter ändringen" in after.text and "Före" not in after.text
    # The outdated body is replaced, not kept beside the new one until the cache is full.
    assert len(client.application.extensions["councilportal.feed_cache"][0]) == 1


def test_a_kept_meeting_file_is_rebuilt_when_the_meeting_changes(client, session, world):
    meeting = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Före ändringen")
    session.commit()
    url = f"/meetings/{meeting.id}.ics"
    before = client.get(url)
    assert "Före ändringen" in before.text and client.get(url).data == before.data

    meeting.title = "Efter ändringen"
    meeting.updated_at = now_utc()
    session.commit()
    after = client.get(url)
    assert "Efter ändringen" in after.text and "Före" not in after.text


def test_leaving_one_council_for_another_changes_the_personal_feed(client, session, world):
    """The feed's ETag names its councils: a swap that keeps the count and the latest change still shows."""
    other = make_council(session, world.municipality, name="Annat råd")
    here = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Här")
    there = make_meeting(session, other, state=MeetingState.PUBLISHED, title="Där")
    here.updated_at = there.updated_at = now_utc() - timedelta(days=1)
    session.commit()
    url = f"/calendar/{world.representative.calendar_token}.ics"
    before = client.get(url)
    assert here.uid in events_by_uid(before.data)
    membership = next(m for m in world.representative.memberships if m.council_id == world.council.id)
    membership.council_id = other.id
    session.commit()
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    uids = set(events_by_uid(after.data))
    assert there.uid in uids and here.uid not in uids
@pytest.mark.parametrize("which", FEEDS)
def test_a_feed_in_another_language_has_another_etag_so_no_client_keeps_the_wrong_words(client, world, session,
                                                                                        which):
    url, _ = feed_with_meetings(session, world, which, 2)
    swedish = client.get(f"{url}?lang=sv")
    assert "Dagordning:" in swedish.data.decode()

    english = client.get(f"{url}?lang=en", headers={"If-None-Match": swedish.headers["ETag"]})

    assert english.status_code == 200, "the Swedish copy is not current for an English reader"
    assert english.headers["ETag"] != swedish.headers["ETag"]
    assert "Agenda:" in english.data.decode()
    again = client.get(f"{url}?lang=en", headers={"If-None-Match": english.headers["ETag"]})
    assert again.status_code == 304
