"""The audit team's interviews and feedback meeting in each auditor's private feed, and nobody else's."""

from datetime import datetime

import sqlalchemy as sa

from councilportal.audits import services
from councilportal.audits.models import AuditInterview, AuditState
from tests.audits.factories import make_audit


def test_interviews_and_the_feedback_meeting_join_the_teams_private_feed(client, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    services.record_interview(session, world.representative, audit, datetime(2099, 3, 2, 10), users=3, relatives=0,
                              staff=1)
    services.set_feedback_meeting(session, world.coordinator, audit, datetime(2099, 4, 7, 13))
    session.commit()
    interview = session.scalars(sa.select(AuditInterview)).one()

    feed = client.get(f"/calendar/{world.representative.calendar_token}.ics")
    assert feed.status_code == 200
    text = feed.data.decode()
    assert f"audit-{audit.id}-feedback@councilportal" in text
    assert f"audit-interview-{interview.id}@councilportal" in text
    assert "Återföringsmöte: Granskning av boendestödet" in text
    assert "DTSTART;TZID=Europe/Stockholm:20990407T130000" in text

    etag = feed.headers["ETag"]
    assert client.get(f"/calendar/{world.representative.calendar_token}.ics",
                      headers={"If-None-Match": etag}).status_code == 304
    services.record_interview(session, world.representative, audit, datetime(2099, 3, 9, 10), users=1, relatives=1,
                              staff=0)
    session.commit()
    assert client.get(f"/calendar/{world.representative.calendar_token}.ics",
                      headers={"If-None-Match": etag}).status_code == 200

    outsider_feed = client.get(f"/calendar/{world.manager.calendar_token}.ics").data.decode()
    assert "audit-" not in outsider_feed


def test_another_teams_sessions_leave_a_persons_feed_unchanged(client, session, world):
    feed = f"/calendar/{world.manager.calendar_token}.ics"
    etag = client.get(feed).headers["ETag"]
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    services.record_interview(session, world.representative, audit, datetime(2099, 3, 2, 10), users=3, relatives=0,
                              staff=1)
    services.set_feedback_meeting(session, world.coordinator, audit, datetime(2099, 4, 7, 13))
    session.commit()
    assert client.get(feed, headers={"If-None-Match": etag}).status_code == 304, "the manager is on no audit team"
