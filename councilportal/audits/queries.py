"""Reading audits: which a person may see, the lists' filters, a page's recommendations and timeline."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload

from councilportal.accounts.models import User
from councilportal.answering import workflow as answering
from councilportal.audits.models import (
    Audit,
    AuditDocument,
    AuditInterview,
    AuditorHours,
    AuditState,
    AuditTeamMember,
    AuditTimelineEntry,
    Recommendation,
    RecommendationState,
)
from councilportal.audits.policies import PUBLISHED_STATES
from councilportal.councils.models import Council, Membership, MembershipRole
from councilportal.meetings.attendance import HoursRow
from councilportal.timeutil import stockholm_to_utc, today_in_sweden

AWAITING_ANSWER = (RecommendationState.AWAITING_ANSWER, RecommendationState.IN_PROGRESS)


def overdue_condition(today: date) -> sa.ColumnElement[bool]:
    return answering.overdue_condition(Recommendation, AWAITING_ANSWER, today)


def is_overdue(recommendation: Recommendation, today: date) -> bool:
    return answering.is_overdue(recommendation, AWAITING_ANSWER, today)


def run_by(user: User) -> sa.ColumnElement[bool]:
    """The audits `user` runs; condition by condition the same as policies.runs_audit."""
    if not user.active:
        return sa.false()
    if user.is_admin:
        return sa.true()
    coordinated = sorted(council.id for council in user.coordinated_councils)
    if not coordinated:
        return sa.false()
    return sa.or_(Audit.council_id.in_(coordinated), Audit.council_id.is_(None))


def on_team_of(user: User) -> sa.ColumnElement[bool]:
    """The audits whose team `user` is on (policies.is_on_team)."""
    if not user.active:
        return sa.false()
    return Audit.id.in_(sa.select(AuditTeamMember.audit_id).where(AuditTeamMember.user_id == user.id))


def recommendations_assigned_to(user: User, today: date) -> sa.Select:
    """The recommendations awaiting an answer from `user`, as responsible manager or a manager of the
    responsible unit (policies.can_answer_recommendation): overdue first, then by deadline."""
    return (
        sa.select(Recommendation)
        .where(answering.responsible_condition(Recommendation, user), Recommendation.state.in_(AWAITING_ANSWER))
        .order_by(sa.case((overdue_condition(today), 0), else_=1), Recommendation.deadline.is_(None),
                  Recommendation.deadline, Recommendation.id)
    )


def visible_audits(user: User | None, today: date | None = None) -> sa.Select:
    """Every audit `user` may open (None is the public), newest first; condition by condition the same as
    policies.can_view_audit."""
    published = sa.and_(Audit.is_public.is_(True), Audit.state.in_(PUBLISHED_STATES),
                        Audit.council_id.in_(sa.select(Council.id).where(Council.is_public.is_(True))))
    statement = sa.select(Audit).order_by(Audit.created_at.desc(), Audit.id.desc())
    if user is None or not user.active:
        return statement.where(published)
    if user.is_admin:
        return statement
    today = today or today_in_sweden()
    coordinated = [council.id for council in user.coordinated_councils]
    member_of = [m.council_id for m in user.memberships if m.is_active_on(today)]
    conditions = [
        published,
        Audit.id.in_(sa.select(AuditTeamMember.audit_id).where(AuditTeamMember.user_id == user.id)),
        Audit.contact_id == user.id,
        Audit.council_id.in_([*coordinated, *member_of]),
    ]
    if user.unit_id is not None:
        conditions.append(Audit.unit_id == user.unit_id)
    if coordinated:
        conditions.append(Audit.council_id.is_(None))
    return statement.where(sa.or_(*conditions))


def filtered(statement: sa.Select, *, state: AuditState | None, unit_id: int | None, year: int | None) -> sa.Select:
    if state is not None:
        statement = statement.where(Audit.state == state)
    if unit_id:
        statement = statement.where(Audit.unit_id == unit_id)
    if year:
        # The year it was commissioned, in Swedish time.
        start = stockholm_to_utc(datetime(year, 1, 1))
        statement = statement.where(Audit.created_at >= start,
                                    Audit.created_at < stockholm_to_utc(datetime(year + 1, 1, 1)))
    return statement


@dataclass
class AuditPage:
    recommendations: list[Recommendation]
    timeline: list[AuditTimelineEntry]
    documents: list[AuditDocument]
    interviews: list[AuditInterview]
    hours: list[AuditorHours]


def audit_page(session: Session, audit: Audit, *, work_in_progress: bool) -> AuditPage:
    """What an audit's page shows, in a fixed number of queries however many recommendations it has."""
    recommendations = list(session.scalars(
        sa.select(Recommendation).where(Recommendation.audit_id == audit.id)
        .options(selectinload(Recommendation.responses)).order_by(Recommendation.number)
    ).unique())
    timeline = list(session.scalars(
        sa.select(AuditTimelineEntry).where(AuditTimelineEntry.audit_id == audit.id).order_by(AuditTimelineEntry.id)))
    if not work_in_progress:
        return AuditPage(recommendations, timeline, [], [], [])
    documents = list(session.scalars(
        sa.select(AuditDocument).where(AuditDocument.audit_id == audit.id).order_by(AuditDocument.id)))
    interviews = list(session.scalars(
        sa.select(AuditInterview).where(AuditInterview.audit_id == audit.id).order_by(AuditInterview.starts_at)))
    hours = list(session.scalars(
        sa.select(AuditorHours).where(AuditorHours.audit_id == audit.id)
        .order_by(AuditorHours.worked_on, AuditorHours.id)))
    return AuditPage(recommendations, timeline, documents, interviews, hours)


def team_candidates(session: Session) -> list[User]:
    """People who may audit: active users who sit on a council for a user organisation."""
    return list(session.scalars(
        sa.select(User).where(User.active.is_(True), User.id.in_(
            sa.select(Membership.user_id).where(Membership.role == MembershipRole.REPRESENTATIVE)))
        .order_by(User.name)))


def auditor_hours_report(session: Session, start: date, end: date, council: Council | None) -> list[HoursRow]:
    """Each auditor's hours on audits (of `council`'s commissioning, when given) from `start` to `end`, both
    included: the compensation report lists them beside meeting attendance. One query."""
    statement = (
        sa.select(User.name, User.email, sa.func.sum(AuditorHours.hours))
        .join(User, User.id == AuditorHours.user_id)
        .where(AuditorHours.worked_on >= start, AuditorHours.worked_on <= end)
        .group_by(User.id, User.name, User.email).order_by(User.name, User.id))
    if council is not None:
        statement = statement.join(Audit, Audit.id == AuditorHours.audit_id).where(Audit.council_id == council.id)
    return [HoursRow(_("Brukarrevision"), name, email, Decimal(total))
            for name, email, total in session.execute(statement)]
