"""The annual report (verksamhetsberättelse): assembled from the data, and published as frozen versions."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering.models import Outcome
from councilportal.audits.models import Audit, Recommendation, RecommendationState
from councilportal.audits.policies import PUBLISHED_STATES, can_see_name_of
from councilportal.councils.models import Council, Membership, MembershipRole
from councilportal.errors import DomainError
from councilportal.meetings.models import Attendance, Meeting, MeetingState
from councilportal.organisations.models import Organisation
from councilportal.reports.models import AnnualReport, AnnualReportDraft
from councilportal.statistics.figures import (
    AUDIT_STATES,
    CARRIED_OUT,
    DECISIONS,
    FOLLOW_UP_ANSWERS,
    HELD_STATES,
    OUTCOMES,
    AuditFigures,
    FollowUpFigures,
    Scope,
    StatisticsFilters,
    ViewpointFigures,
    audit_figures,
    count,
    follow_up_figures,
    viewpoint_figures,
)
from councilportal.timeutil import now_utc, stockholm_to_utc
from councilportal.viewpoints.models import Viewpoint, ViewpointResponse, Visibility

FIRST_YEAR = 2000
CHANGED = (Outcome.CHANGED, Outcome.PARTLY_CHANGED)


def check_year(year: int, today: date) -> None:
    """A report covers a year that has begun."""
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(_("Det finns ingen verksamhetsberättelse för %(year)s.", year=year))


def _year_start(year: int) -> datetime:
    return stockholm_to_utc(datetime(year, 1, 1))


def figures_json(figures: ViewpointFigures | None) -> dict | None:
    """The figures a report keeps, each as Figure.as_json: a suppressed one is stored without its value."""
    if figures is None:
        return None
    named = {
        "submitted": figures.submitted, "answered": figures.answered, "closed": figures.closed,
        "withdrawn": figures.withdrawn, "answered_in_time": figures.answered_in_time,
        "receipt_median": figures.to_receipt.median, "receipt_p90": figures.to_receipt.p90,
        "first_median": figures.to_first_answer.median, "first_p90": figures.to_first_answer.p90,
        "final_median": figures.to_final_answer.median, "final_p90": figures.to_final_answer.p90,
        "satisfaction_mean": figures.satisfaction_mean, "rated": figures.rated, "reopened": figures.reopened,
        "with_outcome": figures.with_outcome,
    }
    found = {name: figure.as_json() for name, figure in named.items()}
    found["outcomes"] = {outcome.value: figures.outcome_counts[outcome].as_json() for outcome in OUTCOMES}
    found["outcome_shares"] = {outcome.value: figures.outcome_shares[outcome].as_json() for outcome in OUTCOMES}
    return found


def follow_ups_json(figures: FollowUpFigures) -> dict:
    return {
        "asked": figures.asked.as_json(), "answered": figures.answered.as_json(),
        "unanswered": figures.unanswered.as_json(),
        "answers": {answer.value: figures.answer_counts[answer].as_json() for answer in FOLLOW_UP_ANSWERS},
        "answer_shares": {answer.value: figures.answer_shares[answer].as_json() for answer in FOLLOW_UP_ANSWERS},
    }


def audit_figures_json(figures: AuditFigures) -> dict:
    return {
        "audits": figures.audits.as_json(),
        "by_state": {state.value: figures.by_state[state].as_json() for state in AUDIT_STATES},
        "recommendations": figures.recommendations.as_json(), "answered": figures.answered.as_json(),
        "decisions": {decision.value: figures.decision_counts[decision].as_json() for decision in DECISIONS},
        "decision_shares": {decision.value: figures.decision_shares[decision].as_json() for decision in DECISIONS},
        "answered_in_time": figures.answered_in_time.as_json(), "followed_up": figures.followed_up.as_json(),
        "carried_out": {value.value: figures.carried_out_counts[value].as_json() for value in CARRIED_OUT},
        "carried_out_shares": {value.value: figures.carried_out_shares[value].as_json() for value in CARRIED_OUT},
    }


def _organisations(session: Session, council: Council, year: int) -> list[dict]:
    """The user organisations with a representative on the council during the year, by name; a person's name
    only where they chose to show it publicly."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = session.execute(
        sa.select(Organisation.name, User.name, User.show_name_publicly)
        .select_from(Membership)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.council_id == council.id, Membership.role == MembershipRole.REPRESENTATIVE,
               Membership.term_start <= end, sa.or_(Membership.term_end.is_(None), Membership.term_end >= start))
        .order_by(Organisation.name, User.name)
    ).all()
    found: dict[str, list[str]] = {}
    for organisation, person, shown in rows:
        people = found.setdefault(organisation, [])
        if shown and person not in people:
            people.append(person)
    return [{"name": name, "people": people} for name, people in found.items()]


def _meetings(session: Session, council: Council, year: int) -> tuple[list[dict], int]:
    """The held meetings of the year with how many attended, and how many were cancelled."""
    attended = (sa.select(sa.func.count(Attendance.id)).where(Attendance.meeting_id == Meeting.id)
                .correlate(Meeting).scalar_subquery())
    rows = session.execute(
        sa.select(Meeting.starts_at, Meeting.title, Meeting.state, attended)
        .where(Meeting.council_id == council.id, Meeting.starts_at >= _year_start(year),
               Meeting.starts_at < _year_start(year + 1),
               Meeting.state.in_((*HELD_STATES, MeetingState.CANCELLED)))
        .order_by(Meeting.starts_at)
    ).all()
    held = [{"starts_at": starts_at.isoformat(), "title": title, "attendance": attendance}
            for starts_at, title, state, attendance in rows if state in HELD_STATES]
    return held, sum(1 for row in rows if row.state is MeetingState.CANCELLED)


def _listed_in_report(council: Council) -> sa.ColumnElement[bool]:
    """Which single viewpoints a report may name: a public council's report is for everyone, so only those
    published to the public; a council's own report also those the whole council reads. Never a restricted one."""
    if council.is_public:
        return sa.and_(Viewpoint.visibility == Visibility.PUBLIC, Viewpoint.published_at.is_not(None))
    return Viewpoint.visibility.in_((Visibility.PUBLIC, Visibility.COUNCIL))


def _changes(session: Session, council: Council, year: int) -> list[dict]:
    """What changed thanks to viewpoints: those closed during the year with the outcome changed or partly
    changed, with the actions of their final answer."""
    latest_answer = (
        sa.select(ViewpointResponse.actions)
        .where(ViewpointResponse.viewpoint_id == Viewpoint.id, ViewpointResponse.is_final.is_(True))
        .order_by(ViewpointResponse.created_at.desc(), ViewpointResponse.id.desc())
        .limit(1).correlate(Viewpoint).scalar_subquery()
    )
    title = sa.func.coalesce(Viewpoint.public_title, Viewpoint.title) if council.is_public else Viewpoint.title
    rows = session.execute(
        sa.select(Viewpoint.year, Viewpoint.serial, title, Viewpoint.subject, Viewpoint.outcome, latest_answer)
        .where(Viewpoint.council_id == council.id, Viewpoint.outcome.in_(CHANGED),
               Viewpoint.closed_at >= _year_start(year), Viewpoint.closed_at < _year_start(year + 1),
               _listed_in_report(council))
        .order_by(Viewpoint.closed_at, Viewpoint.id)
    ).all()
    return [{"reference": f"BR-{row[0]}-{row[1]:04d}", "title": row[2], "subject": row[3], "outcome": row[4].value,
             "actions": row[5] or ""} for row in rows]


def _carried_over(session: Session, council: Council, year: int) -> dict:
    """Viewpoints submitted by the end of the year and neither closed nor withdrawn by then."""
    end = _year_start(year + 1)
    number = session.scalar(
        sa.select(sa.func.count(Viewpoint.id)).where(
            Viewpoint.council_id == council.id, Viewpoint.created_at < end,
            sa.or_(Viewpoint.closed_at.is_(None), Viewpoint.closed_at >= end),
            sa.or_(Viewpoint.withdrawn_at.is_(None), Viewpoint.withdrawn_at >= end),
        ))
    return count(number).as_json()


def report_scope(council: Council) -> Scope:
    """A public council's report is for everyone: of its audits, only those published to the public count."""
    return Scope((council.id,), None, (council.id,) if council.is_public else ())


def _audits(session: Session, council: Council, year: int) -> list[dict]:
    """The council's audits commissioned during the year, with their submitted recommendations, answers and
    follow-ups; a public council's only once published to the public. The audit team by name only where
    the name rules let the public see it. Two queries."""
    audits = list(session.scalars(
        sa.select(Audit).where(Audit.council_id == council.id, Audit.created_at >= _year_start(year),
                               Audit.created_at < _year_start(year + 1), report_scope(council).audits())
        .order_by(Audit.created_at, Audit.id)))
    recommendations: dict[int, list[Recommendation]] = {}
    for recommendation in session.scalars(
            sa.select(Recommendation)
            .where(Recommendation.audit_id.in_([audit.id for audit in audits]),
                   Recommendation.state != RecommendationState.DRAFT)
            .order_by(Recommendation.audit_id, Recommendation.number)):
        recommendations.setdefault(recommendation.audit_id, []).append(recommendation)
    return [{
        "title": audit.title,
        "unit": audit.unit.name,
        "state": audit.state.value,
        "summary": audit.summary if audit.state in PUBLISHED_STATES else "",
        "team": [member.user.name for member in audit.team if can_see_name_of(None, audit, member.user)],
        "recommendations": [{
            "number": recommendation.number, "text": recommendation.text,
            "decision": recommendation.decision.value if recommendation.decision else None,
            "carried_out": recommendation.carried_out.value if recommendation.carried_out else None,
            "outcome": recommendation.outcome.value if recommendation.outcome else None,
        } for recommendation in recommendations.get(audit.id, [])],
    } for audit in audits]


def assemble_report(session: Session, council: Council, year: int, today: date) -> dict:
    """The report of `council` for `year` as it stands now, as JSON-ready data: what a published version keeps."""
    check_year(year, today)
    scope = Scope((council.id,))

    def year_figures(of_year: int) -> ViewpointFigures | None:
        period = StatisticsFilters(start=date(of_year, 1, 1), end=date(of_year, 12, 31))
        return viewpoint_figures(session, scope, period, today).get(None)

    year_filters = StatisticsFilters(start=date(year, 1, 1), end=date(year, 12, 31))
    by_subject = viewpoint_figures(session, scope, year_filters, today, group_by=Viewpoint.subject)
    meetings, cancelled = _meetings(session, council, year)
    return {
        "council": council.name,
        "municipality": council.owner.name,
        "year": year,
        "organisations": _organisations(session, council, year),
        "meetings": meetings,
        "meetings_cancelled": cancelled,
        "figures": figures_json(year_figures(year)),
        "previous_figures": figures_json(year_figures(year - 1)),
        "subjects": [{"subject": subject or "", **figures_json(figures)}
                     for subject, figures in sorted(by_subject.items(),
                                                    key=lambda pair: (-pair[1].submitted.value, pair[0] or ""))],
        "changes": _changes(session, council, year),
        "carried_over": _carried_over(session, council, year),
        "follow_ups": follow_ups_json(follow_up_figures(session, scope, year_filters)),
        "audit_figures": audit_figures_json(audit_figures(session, report_scope(council), year_filters, today)),
        "audits": _audits(session, council, year),
    }


def draft_of(session: Session, council: Council, year: int) -> AnnualReportDraft | None:
    return session.scalar(sa.select(AnnualReportDraft).where(AnnualReportDraft.council_id == council.id,
                                                             AnnualReportDraft.year == year))


def save_draft(session: Session, actor: User, council: Council, year: int, today: date, *,
               introduction: str, closing: str) -> AnnualReportDraft:
    check_year(year, today)
    draft = draft_of(session, council, year)
    if draft is None:
        draft = AnnualReportDraft(council_id=council.id, year=year)
        session.add(draft)
    draft.introduction, draft.closing, draft.updated_by_id = introduction.strip(), closing.strip(), actor.id
    session.flush()
    return draft


def published_versions(session: Session, council: Council, year: int | None = None) -> list[AnnualReport]:
    """Published versions, the newest year and version first."""
    statement = sa.select(AnnualReport).where(AnnualReport.council_id == council.id)
    if year is not None:
        statement = statement.where(AnnualReport.year == year)
    return list(session.scalars(statement.order_by(AnnualReport.year.desc(), AnnualReport.version.desc())))


def find_version(session: Session, council: Council, year: int, version: int | None = None) -> AnnualReport | None:
    """A published version, or the latest one of the year."""
    statement = sa.select(AnnualReport).where(AnnualReport.council_id == council.id, AnnualReport.year == year)
    if version is not None:
        statement = statement.where(AnnualReport.version == version)
    return session.scalar(statement.order_by(AnnualReport.version.desc()).limit(1))


def publish_report(session: Session, actor: User, council: Council, year: int, today: date) -> AnnualReport:
    """A new version: the saved introduction and closing word with the report assembled from the data now."""
    check_year(year, today)
    draft = draft_of(session, council, year)
    latest = find_version(session, council, year)
    report = AnnualReport(
        council_id=council.id, year=year, version=(latest.version + 1) if latest else 1,
        introduction=draft.introduction if draft else "", closing=draft.closing if draft else "",
        content=assemble_report(session, council, year, today), published_at=now_utc(), published_by_id=actor.id,
    )
    session.add(report)
    session.flush()
    return report
