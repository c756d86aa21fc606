"""An audit team's interview sessions and feedback meeting in each auditor's private calendar feed.

The calendar does not know audits: this module registers a source with it (audits → calendar).
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.audits.models import Audit, AuditInterview, AuditState, AuditTeamMember
from councilportal.calendar.services import FeedEntry, PrivateFeedSource, add_private_feed_source
from councilportal.links import absolute_url

INTERVIEW_LENGTH = timedelta(hours=1, minutes=30)
FEEDBACK_MEETING_LENGTH = timedelta(hours=2)


def _team_audits(user_id: int | sa.ColumnElement[int]) -> sa.Select:
    # Given a column, it belongs to an enclosing query, however deep this one lies within it.
    return (sa.select(AuditTeamMember.audit_id).where(AuditTeamMember.user_id == user_id)
            .correlate_except(AuditTeamMember))


def _in_calendar() -> sa.ColumnElement[bool]:
    return Audit.state != AuditState.CANCELLED


def stamp(user_id: sa.ColumnElement[int], since: datetime) -> tuple[sa.ScalarSelect, sa.ScalarSelect]:
    """The newest change of the person's audit events and their number, as columns of the query that
    finds the person: a conditional request loads no event."""
    meetings = (sa.select(Audit.updated_at.label("changed"))
                .where(Audit.id.in_(_team_audits(user_id)), _in_calendar(), Audit.feedback_meeting_at >= since))
    interviews = (sa.select(AuditInterview.updated_at.label("changed"))
                  .join(Audit, Audit.id == AuditInterview.audit_id)
                  .where(AuditInterview.audit_id.in_(_team_audits(user_id)), _in_calendar(),
                         AuditInterview.starts_at >= since))
    events = sa.union_all(meetings, interviews).subquery()
    return (sa.select(sa.func.max(events.c.changed)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(events).scalar_subquery())


def feedback_meeting_entry(audit: Audit) -> FeedEntry:
    """The feedback meeting as the feed and the invitations both give it: one UID for good."""
    return FeedEntry(
        uid=f"audit-{audit.id}-feedback@councilportal", starts_at=audit.feedback_meeting_at,
        ends_at=audit.feedback_meeting_at + FEEDBACK_MEETING_LENGTH,
        summary=_("Återföringsmöte: %(title)s", title=audit.title), description=audit.unit.name,
        url=absolute_url("audits.detail", audit_id=audit.id), last_modified=audit.updated_at,
        location=audit.feedback_meeting_location, sequence=audit.feedback_meeting_sequence)


def interview_entry(interview: AuditInterview, audit_title: str) -> FeedEntry:
    """An interview session as the feed and the invitations both give it: one UID for good."""
    return FeedEntry(
        uid=f"audit-interview-{interview.id}@councilportal", starts_at=interview.starts_at,
        ends_at=interview.starts_at + INTERVIEW_LENGTH, summary=_("Intervjuer: %(title)s", title=audit_title),
        description=_("Brukarrevision"), url=absolute_url("audits.detail", audit_id=interview.audit_id),
        last_modified=interview.updated_at, location=interview.location, sequence=interview.sequence)


def entries(session: Session, user_id: int, since: datetime) -> list[FeedEntry]:
    found = [feedback_meeting_entry(audit) for audit in session.scalars(sa.select(Audit).where(
        Audit.id.in_(_team_audits(user_id)), _in_calendar(), Audit.feedback_meeting_at >= since))]
    rows = session.execute(
        sa.select(AuditInterview, Audit.title).join(Audit, Audit.id == AuditInterview.audit_id)
        .where(AuditInterview.audit_id.in_(_team_audits(user_id)), _in_calendar(), AuditInterview.starts_at >= since)
        .order_by(AuditInterview.starts_at))
    found.extend(interview_entry(interview, title) for interview, title in rows)
    return found


def register(app: Flask) -> None:
    add_private_feed_source(app, PrivateFeedSource(stamp=stamp, entries=entries))
