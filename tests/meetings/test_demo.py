"""The demo's meetings: a year of them for every council, in every state."""

from collections import Counter

import sqlalchemy as sa

from councilportal import demo
from councilportal.councils.models import Council
from councilportal.mail.models import OutboxMessage
from councilportal.meetings.models import Attendance, Meeting, MeetingDocument, MeetingState, MinutesChecker
from councilportal.timeutil import now_utc


def test_the_demo_has_a_year_of_meetings_in_every_state(session):
    demo.seed(session)
    session.commit()
    meetings = session.scalars(sa.select(Meeting)).all()
    assert set(Counter(meeting.state for meeting in meetings)) == set(MeetingState)
    for council in session.scalars(sa.select(Council)):
        own = sorted((m for m in meetings if m.council_id == council.id), key=lambda m: m.starts_at)
        assert len(own) >= 12, council.name
        assert (now_utc() - own[0].starts_at).days >= 300 and (own[-1].starts_at - now_utc()).days >= 60
        assert council.agenda_template.splitlines()[0] == "Mötets öppnande"
        upcoming = [m for m in own if m.starts_at > now_utc()]
        assert upcoming[0].state is MeetingState.PUBLISHED
        assert all(m.state in (MeetingState.DRAFT, MeetingState.PUBLISHED, MeetingState.CANCELLED) for m in upcoming)

    approved = [m for m in meetings if m.state is MeetingState.MINUTES_APPROVED]
    assert all(m.minutes_approved_at > m.ends_at for m in approved)
    approved_ids = [m.id for m in approved]
    assert session.scalar(sa.select(sa.func.count(sa.distinct(Attendance.meeting_id)))
                          .where(Attendance.meeting_id.in_(approved_ids))) == len(approved)
    assert session.scalar(sa.select(sa.func.count()).where(MinutesChecker.meeting_id.in_(approved_ids),
                                                             MinutesChecker.approved_at.is_(None))) == 0
    assert session.scalar(sa.select(sa.func.count(MeetingDocument.id))) >= 3
    assert session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.kind.like("meeting%"))) == 0
