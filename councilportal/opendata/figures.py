"""A public council's statistics in the API: the figures of its public statistics page, suppressed the same
way (a figure drawn from fewer than five viewpoints has no value), for the period the client asks for."""

from datetime import date

from flask import url_for
from werkzeug.datastructures import MultiDict

from councilportal.councils.models import Council
from councilportal.errors import DomainError
from councilportal.statistics.figures import (
    AUDIT_STATES,
    CARRIED_OUT,
    DECISIONS,
    FOLLOW_UP_ANSWERS,
    MINIMUM_BASE,
    OUTCOMES,
    RATINGS,
    Durations,
    StatisticsFilters,
    ViewpointFigures,
    count,
    period_of,
)
from councilportal.statistics.services import Statistics

FIRST_YEAR, LAST_YEAR = 2000, 2999


def _whole_number(arguments: MultiDict, name: str, lowest: int, highest: int) -> int | None:
    text = arguments.get(name)
    if text is None:
        return None
    if not text.isascii() or not text.isdigit() or not lowest <= int(text) <= highest:
        raise DomainError(f"{name} must be a whole number from {lowest} to {highest}.", name)
    return int(text)


def _day(arguments: MultiDict, name: str) -> date | None:
    text = arguments.get(name)
    if text is None:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 and text.isascii() else None
    except ValueError:
        day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DomainError(f"{name} must be a date such as 2026-03-31.", name)
    return day


def period_filters(council: Council, arguments: MultiDict) -> StatisticsFilters:
    """The period asked for, by the statistics page's rule (statistics.figures.period_of)."""
    year = _whole_number(arguments, "year", FIRST_YEAR, LAST_YEAR)
    quarter = _whole_number(arguments, "quarter", 1, 4)
    start, end = _day(arguments, "start"), _day(arguments, "end")
    if quarter is not None and year is None:
        raise DomainError("A quarter needs its year.", "quarter")
    if start is not None and end is not None and end < start:
        raise DomainError("end comes before start.", "end")
    start, end = period_of(year, quarter, start, end)
    return StatisticsFilters(council_id=council.id, start=start, end=end)


def _durations(durations: Durations) -> dict:
    return {"median": durations.median.as_json(), "p90": durations.p90.as_json()}


def _by_value(counts: dict, shares: dict, values) -> dict:
    return {value.value: {"count": counts[value].as_json(), "share": shares[value].as_json()} for value in values}


def _viewpoints(figures: ViewpointFigures | None) -> dict | None:
    if figures is None:
        return None
    named = {
        "submitted": figures.submitted, "received": figures.received, "answered": figures.answered,
        "closed": figures.closed, "withdrawn": figures.withdrawn, "open": figures.open, "overdue": figures.overdue,
        "answered_in_time": figures.answered_in_time, "reopened": figures.reopened, "rated": figures.rated,
        "satisfaction_mean": figures.satisfaction_mean, "with_outcome": figures.with_outcome,
    }
    return {
        **{name: figure.as_json() for name, figure in named.items()},
        "working_days": {"to_receipt": _durations(figures.to_receipt),
                         "to_first_answer": _durations(figures.to_first_answer),
                         "to_final_answer": _durations(figures.to_final_answer)},
        "outcomes": _by_value(figures.outcome_counts, figures.outcome_shares, OUTCOMES),
        "ratings": {str(rating): figures.rating_counts[rating].as_json() for rating in RATINGS},
    }


def _group(name: str, figures: ViewpointFigures) -> dict:
    return {"name": name, "submitted": figures.submitted.as_json(),
            "answered_in_time": figures.answered_in_time.as_json(),
            "final_answer_median": figures.to_final_answer.median.as_json(),
            "satisfaction_mean": figures.satisfaction_mean.as_json()}


def _trend_figure(figures: ViewpointFigures | None) -> dict:
    return (figures.submitted if figures else count(0)).as_json()


def statistics_json(council: Council, filters: StatisticsFilters, statistics: Statistics) -> dict:
    follow_ups, audits = statistics.follow_ups, statistics.audits
    return {
        "council": council.slug,
        "url": url_for("statistics.council", slug=council.slug, _external=True),
        "period": {"start": filters.start.isoformat() if filters.start else None,
                   "end": filters.end.isoformat() if filters.end else None},
        "minimum_base": MINIMUM_BASE,
        "viewpoints": _viewpoints(statistics.overall),
        "by_subject": [_group(subject, figures) for subject, figures in statistics.by_subject],
        "by_unit": [_group(unit, figures) for unit, figures in statistics.unit_ranking],
        "units_left_out": statistics.units_left_out,
        "trend": [{"year": year, "quarter": quarter, "submitted": _trend_figure(figures)}
                  for (year, quarter), figures in statistics.trend],
        "meetings": {
            "held": statistics.meetings.held, "cancelled": statistics.meetings.cancelled,
            "attendance": [{"organisation": name, "attendances": attendances, "meetings": meetings}
                           for name, attendances, meetings in statistics.meetings.attendance],
        },
        "follow_ups": {
            "asked": follow_ups.asked.as_json(), "answered": follow_ups.answered.as_json(),
            "unanswered": follow_ups.unanswered.as_json(),
            "answers": _by_value(follow_ups.answer_counts, follow_ups.answer_shares, FOLLOW_UP_ANSWERS),
        },
        "audits": {
            "audits": audits.audits.as_json(),
            "by_state": {state.value: audits.by_state[state].as_json() for state in AUDIT_STATES},
            "recommendations": audits.recommendations.as_json(), "answered": audits.answered.as_json(),
            "decisions": _by_value(audits.decision_counts, audits.decision_shares, DECISIONS),
            "answered_in_time": audits.answered_in_time.as_json(), "followed_up": audits.followed_up.as_json(),
            "carried_out": _by_value(audits.carried_out_counts, audits.carried_out_shares, CARRIED_OUT),
        },
    }
