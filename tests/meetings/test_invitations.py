"""Publishing, changing and cancelling a meeting: the mails members get and the calendar files in them."""

import email
import email.policy
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from councilportal.extensions import db
from councilportal.mail.models import OutboxMessage
from councilportal.meetings import services
from councilportal.meetings.models import Meeting, MeetingState
from tests.calendar.ical import events_by_uid
from tests.factories import build_world, make_membership, make_user
from tests.mail.test_outbox import smtp_server  # noqa: F401  (the fixture)
from tests.meetings.factories import make_meeting

MARCH_2_AT_ONE = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)


def parsed(outbox_message) -> email.message.EmailMessage:
    return email.message_from_string(outbox_message.message, policy=email.policy.default)


def calendar_part(message: email.message.EmailMessage) -> bytes:
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert parts, "the mail carries a text/calendar part"
    return parts[0].get_payload(decode=True)


def the_event(message):
    data = calendar_part(message)
    [(event, independent)] = events_by_uid(data).values()
    return data, event, independent


@pytest.fixture
def meeting(session, world):
    meeting = make_meeting(session, world.council, title="Rådsmöte mars", starts_at=MARCH_2_AT_ONE, items=2,
                           location="Stadshuset, sal 2")
    session.commit()
    return meeting


def test_publishing_invites_every_active_member_with_a_calendar_request(client, auth, world, session, outbox,
                                                                      meeting):
    former = make_user(session, "Före Detta")
    make_membership(session, world.council, former, world.user_organisation,
                    term_start=datetime(2020, 1, 1).date(), term_end=datetime(2021, 1, 1).date())
    session.commit()
    auth.login(world.coordinator)

    response = client.post(f"/meetings/{meeting.id}/publish", follow_redirects=True)

    assert "Mötet är publicerat och kallelsen är skickad till 2 ledamöter." in response.text
    mails = outbox("meeting_invitation")
    assert sorted(mail.recipient for mail in mails) == ["chef@example.se", "rep@example.se"]
    message = parsed(next(mail for mail in mails if mail.recipient == "rep@example.se"))
    assert message["Subject"] == "Kallelse: Rådsmöte mars, tisdag 2 mars 2027 kl. 13.00"
    body = message.get_body(("plain",)).get_content()
    assert "Tid: tisdag 2 mars 2027 kl. 13.00–15.00" in body
    assert "1. Punkt 1\n2. Punkt 2" in body
    assert f"http://portal.test/meetings/{meeting.id}" in body
    data, event, independent = the_event(message)
    assert b"METHOD:REQUEST" in data
    assert next(p for p in message.walk() if p.get_content_type() == "text/calendar").get_param("method") == "REQUEST"
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 0
    assert str(event["ATTENDEE"]) == "mailto:rep@example.se", "each member is invited on their own"
    assert independent.dtstart.value == MARCH_2_AT_ONE
    session.expire_all()
    assert session.get(Meeting, meeting.id).state is MeetingState.PUBLISHED


def test_a_meeting_is_published_only_once(client, auth, world, session, outbox, meeting):
    auth.login(world.coordinator)
    client.post(f"/meetings/{meeting.id}/publish")
    response = client.post(f"/meetings/{meeting.id}/publish", follow_redirects=True)
    assert "Bara ett utkast kan publiceras." in response.text
    assert len(outbox("meeting_invitation")) == 2


def test_a_change_to_a_published_meeting_sends_an_update_with_a_higher_sequence(client, auth, world, session,
                                                                              outbox, meeting):
    auth.login(world.coordinator)
    client.post(f"/meetings/{meeting.id}/publish")
    response = client.post(f"/meetings/{meeting.id}/edit", follow_redirects=True, data={
        "title": "Rådsmöte mars", "starts_at": "2027-03-02T14:00", "ends_at": "2027-03-02T16:00",
        "location": "Stadshuset, sal 3", "online_url": "", "description": "", "case_number": ""})
    assert "ledamöterna har fått en uppdatering med e-post" in response.text
    updates = outbox("meeting_updated")
    assert len(updates) == 2
    message = parsed(updates[0])
    assert message["Subject"].startswith("Ändrat möte: Rådsmöte mars, tisdag 2 mars 2027 kl. 14.00")
    assert "Plats: Stadshuset, sal 3" in message.get_body(("plain",)).get_content()
    _data, event, independent = the_event(message)
    assert int(event["SEQUENCE"]) == 1
    assert str(event["UID"]) == meeting.uid
    assert independent.location.value == "Stadshuset, sal 3"


def test_cancelling_tells_every_member_and_keeps_the_meeting_visible(client, auth, world, session, outbox, meeting):
    auth.login(world.coordinator)
    client.post(f"/meetings/{meeting.id}/publish")
    confirm = client.get(f"/meetings/{meeting.id}/cancel")
    assert "Ställ in mötet?" in confirm.text

    response = client.post(f"/meetings/{meeting.id}/cancel", follow_redirects=True)

    assert "Mötet är inställt och ledamöterna har fått besked." in response.text
    assert "Mötet är inställt." in response.text
    cancellations = outbox("meeting_cancelled")
    assert sorted(mail.recipient for mail in cancellations) == ["chef@example.se", "rep@example.se"]
    message = parsed(cancellations[0])
    assert message["Subject"] == "Inställt möte: Rådsmöte mars, tisdag 2 mars 2027 kl. 13.00"
    data, event, independent = the_event(message)
    assert b"METHOD:CANCEL" in data
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert independent.status.value == "CANCELLED"
    auth.logout()
    auth.login(world.representative)
    assert "Rådsmöte mars" in client.get("/councils/socialtjanst/meetings").text


def test_a_draft_cannot_be_cancelled_and_nobody_is_told(client, auth, world, session, outbox, meeting):
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/cancel", follow_redirects=True)
    assert "Ett utkast ställs inte in; ta bort det i stället." in response.text
    assert outbox() == []
    session.expire_all()
    assert session.get(Meeting, meeting.id).state is MeetingState.DRAFT


def test_a_member_reading_english_gets_the_invitation_in_english(client, auth, world, session, outbox, meeting):
    world.representative.locale = "en"
    session.commit()
    auth.login(world.coordinator)
    client.post(f"/meetings/{meeting.id}/publish")
    [mail] = [mail for mail in outbox("meeting_invitation") if mail.recipient == "rep@example.se"]
    assert parsed(mail)["Subject"] == "Invitation: Rådsmöte mars, Tuesday 2 March 2027 at 13:00"


def test_the_invitation_goes_through_smtp_with_a_calendar_request(make_app, smtp_server):  # noqa: F811
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port,
                   MAIL_DELIVER_IMMEDIATELY=True)
    with app.app_context():
        world = build_world(db.session)
        meeting = make_meeting(db.session, world.council, starts_at=MARCH_2_AT_ONE, items=1)
        db.session.commit()
        meeting_id, meeting_uid, coordinator_email = meeting.id, meeting.uid, world.coordinator.email
    client = app.test_client()
    client.post("/login", data={"email": coordinator_email, "password": "rätt-häst-batteri-häftklammer"})

    assert client.post(f"/meetings/{meeting_id}/publish").status_code == 302

    received = sorted(smtp_server.inbox.messages, key=lambda message: message["X-RcptTo"])
    assert [message["X-RcptTo"] for message in received] == ["chef@example.se", "rep@example.se"]
    message = email.message_from_string(received[1].as_string(), policy=email.policy.default)
    calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "REQUEST"
    _data, event, _independent = the_event(message)
    assert str(event["UID"]) == meeting_uid
    with app.app_context():
        sent = db.session.scalars(sa.select(OutboxMessage.sent_at)).all()
    assert len(sent) == 2 and all(sent), "both invitations left the outbox"


DETAILS = ("title", "starts_at", "ends_at", "location", "online_url", "description", "case_number")


@pytest.mark.parametrize(("field", "value"), [
    ("location", "Stadshuset, sal 3"), ("online_url", "https://meet.example.se/rad"),
    ("description", "Vi börjar med fika."), ("case_number", "KS 2027/12"), ("title", "Rådsmöte mars, nytt namn"),
])
def test_changing_one_detail_of_a_published_meeting_sends_an_update_with_a_higher_sequence(session, world, outbox,
                                                                                           meeting, field, value):
    services.publish_meeting(session, world.coordinator, meeting)
    session.commit()
    details = {name: getattr(meeting, name) for name in DETAILS} | {field: value}

    assert services.update_meeting(session, world.coordinator, meeting, services.MeetingFields(**details)) is True
    session.commit()

    updates = outbox("meeting_updated")
    assert sorted(mail.recipient for mail in updates) == ["chef@example.se", "rep@example.se"]
    _data, event, independent = the_event(parsed(updates[0]))
    assert int(event["SEQUENCE"]) == 1
    if field == "location":
        assert independent.location.value == "Stadshuset, sal 3"
