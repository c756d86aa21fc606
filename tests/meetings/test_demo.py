"""The demo's meetings: a year of them for every council, in every state."""

from collections import Counter

import sqlalchemy as sa

from councilportal import demo
from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.mail.models import OutboxMessage
from councilportal.meetings import replies
from councilportal.meetings.models import (
    Attendance,
    DeputyCallIn,
    Meeting,
    MeetingDocument,
    MeetingState,
    MinutesChecker,
)
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


def test_the_demo_s_next_meeting_has_replies_and_a_deputy_called_in(session):
    demo.seed(session)
    session.commit()
    deputy = session.scalar(sa.select(User).where(User.email == "ersattare@exempel.se"))
    [call_in] = session.scalars(sa.select(DeputyCallIn)).all()
    assert call_in.deputy_membership_id in {m.id for m in deputy.memberships}
    meeting = session.get(Meeting, call_in.meeting_id)
    groups = replies.replies_by_organisation(session, meeting)
    seats = [seat for group in groups for seat in group.seats]
    assert [seat.stand_in.name for seat in seats if seat.stand_in] == [deputy.name]
    assert any(seat.is_empty for seat in seats)
    assert any(seat.reply is None for seat in seats)
    assert [m.recipient for m in session.scalars(sa.select(OutboxMessage)
                                                 .where(OutboxMessage.kind == "deputy_called_in"))] == [deputy.email]
