"""The invitation's calendar as a member's mail program gets it: published, sent over real SMTP, then cancelled."""

import email
import email.policy
from datetime import UTC, datetime, timedelta

from councilportal.extensions import db
from councilportal.timeutil import STOCKHOLM
from tests.calendar.ical import assert_folded_within_75_octets, events_by_uid, parse_both, utc
from tests.factories import TEST_PASSWORD, build_world
from tests.mail.test_outbox import smtp_server  # noqa: F401  (the fixture)
from tests.meetings.factories import make_meeting
from tests.meetings.test_ics import LONG_LOCATION, LONG_TITLE

# Sunday 25 October 2026: the clocks go back at 03.00, so 01.30–03.30 local lasts three hours.
AUTUMN_NIGHT = datetime(2026, 10, 25, 1, 30, tzinfo=STOCKHOLM).astimezone(UTC)


def calendar_parts(smtp_server) -> dict[str, tuple[str, bytes]]:  # noqa: F811
    """Per recipient: the method parameter of the text/calendar part and its decoded bytes."""
    parts = {}
    for received in smtp_server.inbox.messages:
        message = email.message_from_string(received.as_string(), policy=email.policy.default)
        calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
        parts[received["X-RcptTo"]] = (calendar.get_param("method"), calendar.get_payload(decode=True))
    return parts


def test_the_invitation_and_the_cancellation_survive_smtp_as_valid_calendars(make_app, smtp_server):  # noqa: F811
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port,
                   MAIL_DELIVER_IMMEDIATELY=True, MAIL_SENDER="Brukarrådsportalen <kallelse@example.se>")
    with app.app_context():
        world = build_world(db.session)
        meeting = make_meeting(db.session, world.council, title=LONG_TITLE, location=LONG_LOCATION,
                               starts_at=AUTUMN_NIGHT, duration=timedelta(hours=3), items=2)
        db.session.commit()
        meeting_id, uid, coordinator = meeting.id, meeting.uid, world.coordinator.email
    client = app.test_client()
    client.post("/login", data={"email": coordinator, "password": TEST_PASSWORD})

    assert client.post(f"/meetings/{meeting_id}/publish").status_code == 302
    invitations = calendar_parts(smtp_server)
    assert sorted(invitations) == ["chef@example.se", "rep@example.se"]
    method, data = invitations["rep@example.se"]
    assert method == "REQUEST"
    assert_folded_within_75_octets(data)
    calendar, independent = parse_both(data)
    assert str(calendar["METHOD"]) == independent.method.value == "REQUEST"
    [(_, other)] = events_by_uid(data).values()
    assert other.uid.value == uid
    assert other.summary.value == LONG_TITLE and other.location.value == LONG_LOCATION
    assert b"DTSTART;TZID=Europe/Stockholm:20261025T013000\r\n" in data
    assert b"DTEND;TZID=Europe/Stockholm:20261025T033000\r\n" in data
    assert (utc(other.dtstart.value), utc(other.dtend.value)) == (AUTUMN_NIGHT, AUTUMN_NIGHT + timedelta(hours=3))
    assert other.organizer.value == "mailto:kallelse@example.se"
    assert [attendee.value for attendee in other.attendee_list] == ["mailto:rep@example.se"]
    assert other.attendee.params["CN"] == ["Rut Representant"]
    assert other.status.value == "CONFIRMED"

    smtp_server.inbox.messages.clear()
    assert client.post(f"/meetings/{meeting_id}/cancel").status_code == 302
    method, data = calendar_parts(smtp_server)["rep@example.se"]
    assert method == "CANCEL"
    assert_folded_within_75_octets(data)
    [(_, cancelled)] = events_by_uid(data).values()
    assert cancelled.uid.value == uid
    assert cancelled.status.value == "CANCELLED"
    assert int(cancelled.sequence.value) > int(other.sequence.value)
