"""Invitations to an audit's interview sessions and feedback meeting, as for meetings: one mail per change and
person, the calendar's UID the same as in the private feed, SEQUENCE raised when the time or place changes."""

import email
import email.policy
from datetime import datetime

import sqlalchemy as sa

from councilportal.audits import services
from councilportal.audits.models import AuditInterview, AuditState, TimelineKind
from councilportal.extensions import db
from tests.audits.factories import make_audit
from tests.calendar.ical import events_by_uid
from tests.factories import TEST_PASSWORD, build_world
from tests.mail.test_outbox import smtp_server  # noqa: F401  (the fixture)
from tests.meetings.test_invitations import parsed, the_event

AHEAD = datetime(2099, 3, 2, 10, 0)
LATER = datetime(2099, 3, 9, 13, 30)


def _interview(session):
    return session.scalars(sa.select(AuditInterview)).one()


def _by_recipient(mails):
    return {mail.recipient: mail for mail in mails}


def test_a_session_ahead_invites_the_team_and_the_contact_once_each(session, world, outbox):
    audit = make_audit(session, world, state=AuditState.FIELDWORK, contact=world.manager)
    services.record_interview(session, world.representative, audit, AHEAD, users=0, relatives=0, staff=0,
                              location="Boendestödets lokal, Storgatan 3")
    session.commit()
    interview = _interview(session)

    mails = outbox("audit_session_invitation")
    assert sorted(mail.recipient for mail in mails) == ["chef@example.se", "rep@example.se"]
    message = parsed(_by_recipient(mails)["rep@example.se"])
    assert message["Subject"] == "Inbjudan: Intervjuer: Granskning av boendestödet, måndag 2 mars 2099 kl. 10.00"
    body = message.get_body(("plain",)).get_content()
    assert "Plats: Boendestödets lokal, Storgatan 3" in body
    data, event, independent = the_event(message)
    assert b"METHOD:REQUEST" in data
    assert str(event["UID"]) == f"audit-interview-{interview.id}@councilportal", "the UID of the private feed"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["ATTENDEE"]) == "mailto:rep@example.se"
    assert str(event["LOCATION"]) == "Boendestödets lokal, Storgatan 3"
    assert interview.invited_at is not None
    assert [entry.text for entry in session.scalars(sa.select(services.AuditTimelineEntry).where(
        services.AuditTimelineEntry.kind == TimelineKind.INVITATIONS_SENT))] == ["2"]


def test_a_session_already_held_is_a_record_and_mails_nobody(session, world, outbox):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    services.record_interview(session, world.representative, audit, datetime(2020, 3, 2, 10), users=4,
                              relatives=1, staff=2)
    session.commit()
    assert outbox() == []
    assert _interview(session).invited_at is None


def test_a_new_time_or_place_updates_calendars_and_counts_alone_do_not(session, world, outbox):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    services.record_interview(session, world.representative, audit, AHEAD, users=0, relatives=0, staff=0)
    session.commit()
    interview = _interview(session)

    services.change_interview(session, world.representative, audit, interview, AHEAD, users=3, relatives=1, staff=0)
    session.commit()
    assert outbox("audit_session_updated") == [], "the counts are not in the calendar"

    services.change_interview(session, world.representative, audit, interview, LATER, users=3, relatives=1, staff=0,
                              location="Sal 4")
    session.commit()
    [update] = outbox("audit_session_updated")
    _, event, independent = the_event(parsed(update))
    assert str(event["UID"]) == f"audit-interview-{interview.id}@councilportal"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["LOCATION"]) == "Sal 4"
    assert "DTSTART;TZID=Europe/Stockholm:20990309T133000" in event.to_ical().decode()

    services.change_interview(session, world.representative, audit, interview, LATER, users=3, relatives=1, staff=0,
                              location="Sal 4")
    session.commit()
    assert len(outbox("audit_session_updated")) == 1, "saving the same again mails nobody"


def test_removing_a_session_sends_a_cancellation_with_the_same_uid(session, world, outbox):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    services.record_interview(session, world.representative, audit, AHEAD, users=0, relatives=0, staff=0)
    session.commit()
    interview = _interview(session)
    uid = f"audit-interview-{interview.id}@councilportal"

    services.remove_interview(session, world.representative, audit, interview)
    session.commit()

    [cancelled] = outbox("audit_session_cancelled")
    data, event, _ = the_event(parsed(cancelled))
    assert b"METHOD:CANCEL" in data
    assert str(event["UID"]) == uid and str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert session.scalar(sa.select(sa.func.count()).select_from(AuditInterview)) == 0


def test_the_feedback_meeting_is_invited_moved_and_cancelled_with_the_audit(session, world, outbox):
    audit = make_audit(session, world, state=AuditState.FIELDWORK, contact=world.manager)
    services.record_interview(session, world.representative, audit, AHEAD, users=0, relatives=0, staff=0)
    services.set_feedback_meeting(session, world.coordinator, audit, datetime(2099, 4, 7, 13), "Stadshuset")
    session.commit()
    uid = f"audit-{audit.id}-feedback@councilportal"
    assert len(outbox("audit_session_invitation")) == 4, "the session and the meeting, to the lead and the contact"

    services.set_feedback_meeting(session, world.coordinator, audit, datetime(2099, 4, 7, 13), "Stadshuset")
    session.commit()
    assert outbox("audit_session_updated") == [], "nothing changed, nothing sent"

    services.set_feedback_meeting(session, world.coordinator, audit, datetime(2099, 4, 8, 9), "Stadshuset")
    session.commit()
    updates = outbox("audit_session_updated")
    assert len(updates) == 2
    _, event, _ = the_event(parsed(updates[0]))
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1

    services.cancel_audit(session, world.coordinator, audit, "Verksamheten läggs ned.")
    session.commit()
    cancellations = outbox("audit_session_cancelled")
    assert len(cancellations) == 4, "the meeting and the session, once per person"
    uids = {str(the_event(parsed(mail))[1]["UID"]) for mail in cancellations}
    assert uids == {uid, f"audit-interview-{_interview(session).id}@councilportal"}
    meeting = next(the_event(parsed(mail))[1] for mail in cancellations
                   if str(the_event(parsed(mail))[1]["UID"]) == uid)
    assert int(meeting["SEQUENCE"]) == 2


def test_the_page_shows_the_team_that_invitations_were_sent(client, auth, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    session.commit()
    auth.login(world.representative)
    response = client.post(f"/audits/{audit.id}/interviews", data={
        "interview-starts_at": "2099-03-02T10:00", "interview-location": "Sal 4", "interview-users": "0",
        "interview-relatives": "0", "interview-staff": "0"}, follow_redirects=True)
    assert "Intervjun är registrerad." in response.text
    assert "Skickad " in response.text
    assert "skickade inbjudan till granskningsgruppen och kontaktpersonen" in response.text

    interview = _interview(session)
    response = client.post(f"/audits/{audit.id}/interviews/{interview.id}", data={
        f"interview{interview.id}-starts_at": "", f"interview{interview.id}-users": "0",
        f"interview{interview.id}-relatives": "0", f"interview{interview.id}-staff": "0"})
    assert response.status_code == 422
    assert "Fyll i dag och tid för intervjun." in response.text

    response = client.post(f"/audits/{audit.id}/interviews/{interview.id}/remove", follow_redirects=True)
    assert "Intervjutiden är borttagen." in response.text


def test_a_session_of_another_audit_is_not_found(client, auth, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    other = make_audit(session, world, state=AuditState.FIELDWORK, title="En annan")
    services.record_interview(session, world.representative, other, AHEAD, users=0, relatives=0, staff=0)
    session.commit()
    auth.login(world.representative)
    assert client.post(f"/audits/{audit.id}/interviews/{_interview(session).id}/remove").status_code == 404


def test_the_invitation_survives_real_smtp(make_app, smtp_server):  # noqa: F811
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port,
                   MAIL_DELIVER_IMMEDIATELY=True, MAIL_SENDER="Brukarrådsportalen <kallelse@example.se>")
    with app.app_context():
        world = build_world(db.session)
        audit = make_audit(db.session, world, state=AuditState.FIELDWORK)
        db.session.commit()
        audit_id, lead = audit.id, world.representative.email
    client = app.test_client()
    client.post("/login", data={"email": lead, "password": TEST_PASSWORD})

    response = client.post(f"/audits/{audit_id}/interviews", data={
        "interview-starts_at": "2099-03-02T10:00", "interview-users": "0", "interview-relatives": "0",
        "interview-staff": "0"})
    assert response.status_code == 302
    [received] = smtp_server.inbox.messages
    assert received["X-RcptTo"] == "rep@example.se"
    message = email.message_from_string(received.as_string(), policy=email.policy.default)
    calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "REQUEST"
    data = calendar.get_payload(decode=True)
    [(_, independent)] = events_by_uid(data).values()
    with app.app_context():
        interview_id = db.session.scalar(sa.select(AuditInterview.id))
    assert independent.uid.value == f"audit-interview-{interview_id}@councilportal"
    assert [attendee.value for attendee in independent.attendee_list] == ["mailto:rep@example.se"]
