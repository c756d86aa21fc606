"""The figures of the statistics pages and the annual report, computed by aggregate SQL.

Each figure knows how many viewpoints it is drawn from; one drawn from fewer than MINIMUM_BASE is
suppressed ("färre än 5") wherever it is shown, so that no single matter or person can be singled out.
Functions here take a session, a Scope (whose viewpoints may be counted) and StatisticsFilters, and
are meant to be called by any page or API that shows these figures.
"""

import enum
import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.answering.models import Outcome
from councilportal.audits.models import Audit, AuditState, CarriedOut, Decision, Recommendation, RecommendationState
from councilportal.audits.policies import PUBLISHED_STATES
from councilportal.meetings.models import Attendance, Meeting, MeetingState
from councilportal.organisations.models import Organisation
from councilportal.statistics.sql import (
    date_day_number,
    swedish_day_number,
    weekday_holidays,
    working_day_ordinal,
)
from councilportal.timeutil import STOCKHOLM, stockholm_to_utc
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
)
from councilportal.viewpoints.queries import AWAITING_ANSWER, overdue_condition

# The figures' statements are large and run once for each change of the data, since their results are
# kept: compiled and kept by every worker, they held some 10 MB of its memory to save a few milliseconds.
UNCACHED = {"compiled_cache": None}

MINIMUM_BASE = 5
HELD_STATES = (MeetingState.HELD, MeetingState.MINUTES_APPROVED)
RATINGS = (1, 2, 3, 4, 5)
OUTCOMES = tuple(Outcome)
FOLLOW_UP_ANSWERS = tuple(FollowUpAnswer)
AUDIT_STATES = tuple(AuditState)
DECISIONS = tuple(Decision)
CARRIED_OUT = tuple(CarriedOut)


class FigureKind(enum.Enum):
    COUNT = "count"
    SHARE = "share"
    DAYS = "days"
    MEAN = "mean"


@dataclass(frozen=True)
class Figure:
    """A number and how many viewpoints it is drawn from (`base`); None when there is nothing to compute."""

    kind: FigureKind
    value: float | None
    base: int

    @property
    def suppressed(self) -> bool:
        """Drawn from one to four viewpoints. None at all singles out nobody: a zero count is shown."""
        return 0 < self.base < MINIMUM_BASE

    @property
    def shown(self) -> float | None:
        """The value as it may be shown: None when suppressed."""
        return None if self.suppressed else self.value

    def as_json(self) -> dict:
        """Without the base or a small value: a stored report must not keep what it may not show."""
        return {"kind": self.kind.value, "value": self.shown, "suppressed": self.suppressed}

    @classmethod
    def from_json(cls, data: dict) -> "Figure":
        return cls(FigureKind(data["kind"]), data["value"], 1 if data["suppressed"] else MINIMUM_BASE)


def count(value: int) -> Figure:
    return Figure(FigureKind.COUNT, value, value)


def share(part: int, whole: int) -> Figure:
    return Figure(FigureKind.SHARE, part / whole if whole else None, whole)


@dataclass(frozen=True)
class Scope:
    """Which viewpoints, meetings and audits a reader may count: those of `council_ids` (None: every council),
    and the viewpoints that `unit_id` answers for and the audits of that unit, on any council.

    `public_council_ids` are those of `council_ids` the reader reads only because they are public: of them,
    only the audits published to the public count (audits.policies.is_published_to_public)."""

    council_ids: tuple[int, ...] | None
    unit_id: int | None = None
    public_council_ids: tuple[int, ...] = ()

    def viewpoints(self) -> sa.ColumnElement[bool]:
        if self.council_ids is None:
            return sa.true()
        conditions = [Viewpoint.council_id.in_(self.council_ids)]
        if self.unit_id is not None:
            conditions.append(Viewpoint.responsible_unit_id == self.unit_id)
        return sa.or_(*conditions)

    def meetings(self) -> sa.ColumnElement[bool]:
        return sa.true() if self.council_ids is None else Meeting.council_id.in_(self.council_ids)

    def audits(self) -> sa.ColumnElement[bool]:
        """The SQL twin of audits.policies.can_view_audit, for the councils and unit of the scope."""
        if self.council_ids is None:
            return sa.true()
        in_full = [council_id for council_id in self.council_ids if council_id not in self.public_council_ids]
        conditions = [Audit.council_id.in_(in_full),
                      sa.and_(Audit.council_id.in_(self.public_council_ids), Audit.is_public.is_(True),
                              Audit.state.in_(PUBLISHED_STATES))]
        if self.unit_id is not None:
            conditions.append(Audit.unit_id == self.unit_id)
        return sa.or_(*conditions)


@dataclass(frozen=True)
class StatisticsFilters:
    """What the figures are narrowed to; None leaves a criterion out. `start` and `end` are Swedish dates,
    both included, of submission (viewpoints) and of the meeting (meetings)."""

    council_id: int | None = None
    unit_id: int | None = None
    organisation_id: int | None = None
    subject: str | None = None
    start: date | None = None
    end: date | None = None

    def instants(self) -> tuple[datetime | None, datetime | None]:
        """The period as UTC instants: from the first day's midnight in Sweden up to the next day's after the last."""
        start = stockholm_to_utc(datetime.combine(self.start, datetime.min.time())) if self.start else None
        end = (stockholm_to_utc(datetime.combine(self.end + timedelta(days=1), datetime.min.time()))
               if self.end else None)
        return start, end


def period_of(year: int | None, quarter: int | None, start: date | None,
              end: date | None) -> tuple[date | None, date | None]:
    """The first and last day a period asks for: a date range (from, to, or both) wins over a year, which a
    quarter narrows. A quarter needs its year; a range that ends before it starts asks for nothing."""
    if start is not None and end is not None and end < start:
        start = end = None
    if start is not None or end is not None or year is None:
        return start, end
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    following = quarter_start(year + 1, 1) if quarter == 4 else quarter_start(year, quarter + 1)
    return quarter_start(year, quarter), following - timedelta(days=1)


def _viewpoint_conditions(scope: Scope, filters: StatisticsFilters) -> list[sa.ColumnElement[bool]]:
    conditions = [scope.viewpoints()]
    if filters.council_id is not None:
        conditions.append(Viewpoint.council_id == filters.council_id)
    if filters.unit_id is not None:
        conditions.append(Viewpoint.responsible_unit_id == filters.unit_id)
    if filters.organisation_id is not None:
        conditions.append(Viewpoint.organisation_id == filters.organisation_id)
    if filters.subject:
        conditions.append(sa.func.lower(Viewpoint.subject) == filters.subject.strip().lower())
    start, end = filters.instants()
    if start is not None:
        conditions.append(Viewpoint.created_at >= start)
    if end is not None:
        conditions.append(Viewpoint.created_at < end)
    return conditions


@dataclass(frozen=True)
class Durations:
    """Working days (weekends and Swedish public holidays skipped) from submission to an event."""

    median: Figure
    p90: Figure


@dataclass
class ViewpointFigures:
    submitted: Figure
    received: Figure
    answered: Figure
    closed: Figure
    withdrawn: Figure
    open: Figure
    overdue: Figure
    answered_in_time: Figure
    to_receipt: Durations
    to_first_answer: Durations
    to_final_answer: Durations
    outcome_counts: dict[Outcome, Figure]
    outcome_shares: dict[Outcome, Figure]
    with_outcome: Figure
    satisfaction_mean: Figure
    rating_counts: dict[int, Figure]
    rated: Figure
    reopened: Figure
    extra: dict = field(default_factory=dict)


def percentile(histogram: Sequence[tuple[int, int]], fraction: float) -> float | None:
    """The `fraction` percentile of values given as (value, how many) pairs, interpolated between the two
    nearest values as PostgreSQL's percentile_cont does: the median of 1, 2, 3, 4 is 2.5."""
    ordered = sorted((value, number) for value, number in histogram if number > 0)
    total = sum(number for _, number in ordered)
    if not total:
        return None
    position = fraction * (total - 1)

    def value_at(index: int) -> int:
        seen = 0
        for value, number in ordered:
            seen += number
            if index < seen:
                return value
        raise IndexError(index)

    lower, upper = value_at(math.floor(position)), value_at(math.ceil(position))
    return lower + (upper - lower) * (position - math.floor(position))


def _durations(histogram: list[tuple[int, int]]) -> Durations:
    total = sum(number for _, number in histogram)
    return Durations(Figure(FigureKind.DAYS, percentile(histogram, 0.5), total),
                     Figure(FigureKind.DAYS, percentile(histogram, 0.9), total))


def _count_where(condition) -> sa.ColumnElement[int]:
    return sa.func.count(sa.case((condition, 1)))


def viewpoint_figures(session: Session, scope: Scope, filters: StatisticsFilters, today: date,
                      group_by: sa.ColumnElement | None = None) -> dict[Hashable, ViewpointFigures]:
    """Every viewpoint figure, overall (key None) or per value of `group_by` (e.g. Viewpoint.subject), in two
    queries: one of counts, and one of how many viewpoints took how many working days."""
    conditions = _viewpoint_conditions(scope, filters)
    key = (group_by if group_by is not None else sa.null()).label("key")
    answered_by = swedish_day_number(Viewpoint.answered_at)
    # As IN over an uncorrelated query rather than a correlated EXISTS: PostgreSQL reads each list once
    # into a hash, where EXISTS looked it up in an index once for every viewpoint counted.
    has_reopened = Viewpoint.id.in_(sa.select(ViewpointEvent.viewpoint_id)
                                    .where(ViewpointEvent.kind == EventKind.REOPENED))
    ever_answered = Viewpoint.id.in_(sa.select(ViewpointResponse.viewpoint_id)
                                     .where(ViewpointResponse.is_final.is_(True)))
    deadline_passed_or_met = sa.and_(Viewpoint.deadline.is_not(None),
                                     sa.or_(Viewpoint.answered_at.is_not(None), Viewpoint.deadline < today))
    in_time = sa.and_(Viewpoint.deadline.is_not(None), Viewpoint.answered_at.is_not(None),
                      answered_by <= date_day_number(Viewpoint.deadline))
    columns = [
        key,
        sa.func.count(Viewpoint.id).label("submitted"),
        sa.func.count(Viewpoint.received_at).label("received"),
        sa.func.count(Viewpoint.answered_at).label("answered"),
        _count_where(Viewpoint.state == ViewpointState.CLOSED).label("closed"),
        _count_where(Viewpoint.state == ViewpointState.WITHDRAWN).label("withdrawn"),
        _count_where(Viewpoint.state.in_(AWAITING_ANSWER)).label("open"),
        _count_where(overdue_condition(today)).label("overdue"),
        _count_where(in_time).label("in_time"),
        _count_where(deadline_passed_or_met).label("deadline_due"),
        sa.func.count(Viewpoint.outcome).label("with_outcome"),
        *(_count_where(Viewpoint.outcome == outcome).label(f"outcome_{outcome.value}") for outcome in OUTCOMES),
        sa.func.count(Viewpoint.rating).label("rated"),
        sa.func.avg(Viewpoint.rating).label("rating_mean"),
        *(_count_where(Viewpoint.rating == rating).label(f"rating_{rating}") for rating in RATINGS),
        _count_where(has_reopened).label("reopened"),
        _count_where(ever_answered).label("ever_answered"),
    ]
    statement = sa.select(*columns).where(*conditions)
    if group_by is not None:
        statement = statement.group_by(group_by)
    rows = session.execute(statement, execution_options=UNCACHED).all()
    histograms = _duration_histograms(session, conditions, group_by, today) if rows else {}
    return {row.key: _figures_of(row, histograms.get(row.key, {})) for row in rows if row.submitted}


def _figures_of(row, histograms: dict[str, list[tuple[int, int]]]) -> ViewpointFigures:
    return ViewpointFigures(
        submitted=count(row.submitted),
        received=count(row.received),
        answered=count(row.answered),
        closed=count(row.closed),
        withdrawn=count(row.withdrawn),
        open=count(row.open),
        overdue=count(row.overdue),
        answered_in_time=share(row.in_time, row.deadline_due),
        to_receipt=_durations(histograms.get("receipt", [])),
        to_first_answer=_durations(histograms.get("first", [])),
        to_final_answer=_durations(histograms.get("final", [])),
        outcome_counts={outcome: count(getattr(row, f"outcome_{outcome.value}")) for outcome in OUTCOMES},
        outcome_shares={outcome: share(getattr(row, f"outcome_{outcome.value}"), row.with_outcome)
                        for outcome in OUTCOMES},
        with_outcome=count(row.with_outcome),
        satisfaction_mean=Figure(FigureKind.MEAN, float(row.rating_mean) if row.rating_mean is not None else None,
                                 row.rated),
        rating_counts={rating: count(getattr(row, f"rating_{rating}")) for rating in RATINGS},
        rated=count(row.rated),
        reopened=share(row.reopened, row.ever_answered),
    )


def _duration_histograms(session: Session, conditions, group_by, today: date) -> dict:
    """{key: {"receipt" | "first" | "final": [(working days, how many viewpoints)]}} in one query.

    The Swedish day of each moment is worked out once per viewpoint (a materialised CTE), then turned into its
    working-day ordinal, so that the difference of two ordinals is the working days between them; only the
    (days, count) pairs come back.
    """
    first_moment = session.scalar(sa.select(sa.func.min(Viewpoint.created_at)).where(*conditions),
                                  execution_options=UNCACHED)
    if first_moment is None:
        return {}
    holidays = weekday_holidays(first_moment.astimezone(STOCKHOLM).date(), today + timedelta(days=1))
    first_answers = (
        sa.select(ViewpointResponse.viewpoint_id, sa.func.min(ViewpointResponse.created_at).label("first_at"))
        .where(ViewpointResponse.viewpoint_id.in_(sa.select(Viewpoint.id).where(*conditions)))
        .group_by(ViewpointResponse.viewpoint_id)
        .subquery("first_answers")
    )
    key = (group_by if group_by is not None else sa.null()).label("key")
    days = (
        sa.select(key, swedish_day_number(Viewpoint.created_at).label("submitted"),
                  swedish_day_number(Viewpoint.received_at).label("receipt"),
                  swedish_day_number(first_answers.c.first_at).label("first"),
                  swedish_day_number(Viewpoint.answered_at).label("final"))
        .select_from(Viewpoint)
        .outerjoin(first_answers, first_answers.c.viewpoint_id == Viewpoint.id)
        .where(*conditions)
        .cte("days")
        .prefix_with("MATERIALIZED")
    )
    submitted = working_day_ordinal(days.c.submitted, holidays)
    parts = []
    for measure in ("receipt", "first", "final"):
        end = days.c[measure]
        working_days = (working_day_ordinal(end, holidays) - submitted).label("days")
        parts.append(sa.select(sa.literal(measure).label("measure"), days.c.key, working_days,
                               sa.func.count().label("viewpoints"))
                     .where(end.is_not(None)).group_by(days.c.key, working_days))
    found: dict = defaultdict(lambda: defaultdict(list))
    for row in session.execute(sa.union_all(*parts), execution_options=UNCACHED):
        found[row.key][row.measure].append((row.days, row.viewpoints))
    return found


def quarters_back(today: date, number: int = 12) -> list[tuple[int, int]]:
    """The last `number` quarters as (year, quarter), oldest first, ending with today's."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(number):
        found.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found[::-1]


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def quarterly_trend(session: Session, scope: Scope, filters: StatisticsFilters, today: date,
                    number: int = 12) -> list[tuple[tuple[int, int], ViewpointFigures | None]]:
    """The figures per quarter of submission over the last `number` quarters (three years), oldest first;
    the filters' period is replaced by these quarters."""
    quarters = quarters_back(today, number)
    bounds = [stockholm_to_utc(datetime.combine(quarter_start(*q), datetime.min.time())) for q in quarters]
    last_year, last_quarter = quarters[-1]
    following = quarter_start(last_year + (last_quarter == 4), last_quarter % 4 + 1)
    trend_filters = StatisticsFilters(filters.council_id, filters.unit_id, filters.organisation_id, filters.subject,
                                      quarter_start(*quarters[0]), following - timedelta(days=1))
    quarter_index = sa.case(*((Viewpoint.created_at < bound, index - 1)
                              for index, bound in enumerate(bounds[1:], start=1)), else_=len(quarters) - 1)
    found = viewpoint_figures(session, scope, trend_filters, today, group_by=quarter_index)
    return [(quarter, found.get(index)) for index, quarter in enumerate(quarters)]


@dataclass(frozen=True)
class MeetingFigures:
    held: int
    cancelled: int
    attendance: list[tuple[str, int, int]]  # organisation (None: without one), attendances, meetings


def _meeting_conditions(scope: Scope, filters: StatisticsFilters) -> list:
    conditions = [scope.meetings()]
    if filters.council_id is not None:
        conditions.append(Meeting.council_id == filters.council_id)
    start, end = filters.instants()
    if start is not None:
        conditions.append(Meeting.starts_at >= start)
    if end is not None:
        conditions.append(Meeting.starts_at < end)
    return conditions


def meeting_figures(session: Session, scope: Scope, filters: StatisticsFilters) -> MeetingFigures:
    """Meetings held and cancelled, and attendance at the held ones per organisation, in two queries."""
    conditions = _meeting_conditions(scope, filters)
    held, cancelled = session.execute(
        sa.select(_count_where(Meeting.state.in_(HELD_STATES)), _count_where(Meeting.state == MeetingState.CANCELLED))
        .where(*conditions),
        execution_options=UNCACHED,
    ).one()
    organisation_filter = ([Attendance.organisation_id == filters.organisation_id]
                           if filters.organisation_id is not None else [])
    attendance = session.execute(
        sa.select(Organisation.name, sa.func.count(Attendance.id), sa.func.count(sa.distinct(Attendance.meeting_id)))
        .select_from(Attendance)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .outerjoin(Organisation, Organisation.id == Attendance.organisation_id)
        .where(*conditions, Meeting.state.in_(HELD_STATES), *organisation_filter)
        .group_by(Organisation.name)
        .order_by(sa.func.count(Attendance.id).desc(), Organisation.name),
        execution_options=UNCACHED,
    ).all()
    return MeetingFigures(held, cancelled,
                          [(name, attendances, meetings) for name, attendances, meetings in attendance])


def unit_ranking(by_unit: dict[Hashable, ViewpointFigures]) -> list[tuple[Hashable, ViewpointFigures]]:
    """Units with at least MINIMUM_BASE viewpoints each, the largest share answered by the deadline first;
    units with fewer are left out of any ranking."""
    ranked = [(unit, figures) for unit, figures in by_unit.items()
              if unit is not None and figures.submitted.value >= MINIMUM_BASE]
    return sorted(ranked, key=lambda pair: (-(pair[1].answered_in_time.shown or 0), -pair[1].submitted.value))


@dataclass(frozen=True)
class FollowUpFigures:
    """What the follow-ups of promised actions found: of those asked, how many were answered with each answer
    and how many still wait for one. Each figure's base is the number of viewpoints it is drawn from."""

    asked: Figure
    answered: Figure
    unanswered: Figure
    answer_counts: dict[FollowUpAnswer, Figure]
    answer_shares: dict[FollowUpAnswer, Figure]


def _distinct_viewpoints_where(condition) -> sa.ColumnElement[int]:
    return sa.func.count(sa.distinct(sa.case((condition, ViewpointFollowUp.viewpoint_id))))


def follow_up_figures(session: Session, scope: Scope, filters: StatisticsFilters) -> FollowUpFigures:
    """The follow-ups asked about, of the viewpoints the scope and filters count (but for the period), whose
    follow-up date falls in the period: one aggregate query."""
    conditions = _viewpoint_conditions(scope, StatisticsFilters(filters.council_id, filters.unit_id,
                                                                filters.organisation_id, filters.subject))
    if filters.start is not None:
        conditions.append(ViewpointFollowUp.due_on >= filters.start)
    if filters.end is not None:
        conditions.append(ViewpointFollowUp.due_on <= filters.end)
    answered = ViewpointFollowUp.answer.is_not(None)
    row = session.execute(
        sa.select(
            sa.func.count(ViewpointFollowUp.id).label("asked"),
            sa.func.count(sa.distinct(ViewpointFollowUp.viewpoint_id)).label("asked_base"),
            sa.func.count(ViewpointFollowUp.answer).label("answered"),
            _distinct_viewpoints_where(answered).label("answered_base"),
            _count_where(ViewpointFollowUp.answer.is_(None)).label("unanswered"),
            _distinct_viewpoints_where(ViewpointFollowUp.answer.is_(None)).label("unanswered_base"),
            *(_count_where(ViewpointFollowUp.answer == answer).label(f"answer_{answer.value}")
              for answer in FOLLOW_UP_ANSWERS),
            *(_distinct_viewpoints_where(ViewpointFollowUp.answer == answer).label(f"base_{answer.value}")
              for answer in FOLLOW_UP_ANSWERS),
        )
        .select_from(ViewpointFollowUp)
        .join(Viewpoint, Viewpoint.id == ViewpointFollowUp.viewpoint_id)
        .where(ViewpointFollowUp.asked_on.is_not(None), *conditions),
        execution_options=UNCACHED,
    ).one()
    return FollowUpFigures(
        asked=Figure(FigureKind.COUNT, row.asked, row.asked_base),
        answered=Figure(FigureKind.COUNT, row.answered, row.answered_base),
        unanswered=Figure(FigureKind.COUNT, row.unanswered, row.unanswered_base),
        answer_counts={answer: Figure(FigureKind.COUNT, getattr(row, f"answer_{answer.value}"),
                                      getattr(row, f"base_{answer.value}")) for answer in FOLLOW_UP_ANSWERS},
        answer_shares={answer: Figure(FigureKind.SHARE,
                                      getattr(row, f"answer_{answer.value}") / row.answered if row.answered else None,
                                      row.answered_base) for answer in FOLLOW_UP_ANSWERS},
    )


@dataclass(frozen=True)
class AuditFigures:
    """Audits commissioned in the period by state, and what became of their recommendations: the unit's
    decision, answered by the deadline, and the team's follow-up. A recommendation counts once its report is
    submitted; the figures about recommendations are suppressed below MINIMUM_BASE recommendations."""

    audits: Figure
    by_state: dict[AuditState, Figure]
    recommendations: Figure
    answered: Figure
    decision_counts: dict[Decision, Figure]
    decision_shares: dict[Decision, Figure]
    answered_in_time: Figure
    followed_up: Figure
    carried_out_counts: dict[CarriedOut, Figure]
    carried_out_shares: dict[CarriedOut, Figure]


def _audit_conditions(scope: Scope, filters: StatisticsFilters) -> list[sa.ColumnElement[bool]]:
    """Audits have no organisation or subject: those filters leave them as they are."""
    conditions = [scope.audits()]
    if filters.council_id is not None:
        conditions.append(Audit.council_id == filters.council_id)
    if filters.unit_id is not None:
        conditions.append(Audit.unit_id == filters.unit_id)
    start, end = filters.instants()
    if start is not None:
        conditions.append(Audit.created_at >= start)
    if end is not None:
        conditions.append(Audit.created_at < end)
    return conditions


def audit_figures(session: Session, scope: Scope, filters: StatisticsFilters, today: date) -> AuditFigures:
    """Two aggregate queries: the audits by state, and their recommendations."""
    conditions = _audit_conditions(scope, filters)
    states = session.execute(
        sa.select(sa.func.count(Audit.id), *(_count_where(Audit.state == state) for state in AUDIT_STATES))
        .where(*conditions),
        execution_options=UNCACHED,
    ).one()
    answered_by = swedish_day_number(Recommendation.answered_at)
    deadline_due = sa.and_(Recommendation.deadline.is_not(None),
                           sa.or_(Recommendation.answered_at.is_not(None), Recommendation.deadline < today))
    in_time = sa.and_(Recommendation.deadline.is_not(None), Recommendation.answered_at.is_not(None),
                      answered_by <= date_day_number(Recommendation.deadline))
    row = session.execute(
        sa.select(
            sa.func.count(Recommendation.id).label("recommendations"),
            sa.func.count(Recommendation.decision).label("answered"),
            *(_count_where(Recommendation.decision == decision).label(f"decision_{decision.value}")
              for decision in DECISIONS),
            _count_where(in_time).label("in_time"),
            _count_where(deadline_due).label("deadline_due"),
            sa.func.count(Recommendation.carried_out).label("followed_up"),
            *(_count_where(Recommendation.carried_out == carried_out).label(f"carried_out_{carried_out.value}")
              for carried_out in CARRIED_OUT),
        )
        .select_from(Recommendation)
        .join(Audit, Audit.id == Recommendation.audit_id)
        .where(Recommendation.state != RecommendationState.DRAFT, *conditions),
        execution_options=UNCACHED,
    ).one()
    return AuditFigures(
        audits=count(states[0]),
        by_state={state: count(number) for state, number in zip(AUDIT_STATES, states[1:], strict=True)},
        recommendations=count(row.recommendations),
        answered=count(row.answered),
        decision_counts={decision: count(getattr(row, f"decision_{decision.value}")) for decision in DECISIONS},
        decision_shares={decision: share(getattr(row, f"decision_{decision.value}"), row.answered)
                         for decision in DECISIONS},
        answered_in_time=share(row.in_time, row.deadline_due),
        followed_up=count(row.followed_up),
        carried_out_counts={value: count(getattr(row, f"carried_out_{value.value}")) for value in CARRIED_OUT},
        carried_out_shares={value: share(getattr(row, f"carried_out_{value.value}"), row.followed_up)
                            for value in CARRIED_OUT},
    )
