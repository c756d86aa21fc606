"""The figures of a fixed data set (tests/statistics/dataset.py), worked out by hand."""

from datetime import date

import pytest

from councilportal.answering.models import Outcome
from councilportal.statistics.figures import (
    Scope,
    StatisticsFilters,
    meeting_figures,
    percentile,
    quarterly_trend,
    viewpoint_figures,
)
from councilportal.timeutil import working_days_after, working_days_between
from councilportal.viewpoints.models import Viewpoint
from tests.statistics import dataset

YEAR_2025 = StatisticsFilters(start=date(2025, 1, 1), end=date(2025, 12, 31))


@pytest.mark.parametrize(("start", "end", "days"), [
    (date(2025, 4, 17), date(2025, 4, 22), 1),   # Easter: Good Friday and Easter Monday
    (date(2025, 12, 23), date(2026, 1, 2), 3),   # julafton, juldagen, annandag jul, nyårsafton, nyårsdagen
    (date(2025, 6, 18), date(2025, 6, 24), 3),   # midsommarafton
    (date(2025, 5, 28), date(2025, 6, 9), 6),    # Kristi himmelsfärd (29 May) and the National Day (6 June)
    (date(2025, 3, 7), date(2025, 3, 7), 0),
    (date(2025, 3, 7), date(2025, 3, 10), 1),    # Friday to Monday
    (date(2025, 3, 10), date(2025, 3, 7), -1),
])
def test_working_days_between_skips_weekends_and_swedish_holidays(start, end, days):
    assert working_days_between(start, end) == days


def test_working_days_between_undoes_working_days_after():
    start = date(2025, 12, 19)
    for count in range(0, 30):
        assert working_days_between(start, working_days_after(start, count)) == count


@pytest.mark.parametrize(("values", "fraction", "expected"), [
    ([(1, 1), (2, 1), (3, 1), (4, 1)], 0.5, 2.5),
    ([(value, 1) for value in range(1, 11)], 0.9, 9.1),
    ([(0, 2), (1, 5)], 0.9, 1),
    ([(7, 1)], 0.9, 7),
    ([], 0.5, None),
])
def test_percentile_interpolates_as_percentile_cont(values, fraction, expected):
    assert percentile(values, fraction) == pytest.approx(expected) if expected is not None else percentile(
        values, fraction) is None


def test_the_year_s_figures_match_the_ones_worked_out_by_hand(session, world):
    dataset.build(session, world)
    figures = viewpoint_figures(session, Scope((world.council.id,)), YEAR_2025, dataset.TODAY)[None]
    assert figures.submitted.shown == 8
    assert figures.received.shown == 7
    assert figures.answered.shown == 6
    assert figures.closed.shown == 6
    # One withdrawn and one overdue: fewer than five, so not shown.
    assert figures.withdrawn.value == 1 and figures.withdrawn.suppressed and figures.withdrawn.shown is None
    assert figures.open.suppressed and figures.overdue.value == 1 and figures.overdue.suppressed
    # Three of the six answered by their deadline, and the overdue one counts as missed: 3 / 7.
    assert figures.answered_in_time.shown == pytest.approx(3 / 7)
    # Receipt: 1, 0, 1, 1, 1, 0, 1 → 0 0 1 1 1 1 1: median 1, 90th percentile 1.
    assert (figures.to_receipt.median.shown, figures.to_receipt.p90.shown) == (1, 1)
    # First answer: 2, 2, 5, 3, 4, 2 → 2 2 2 3 4 5: median 2.5; 90th at position 4.5: 4 + (5 − 4) / 2.
    assert (figures.to_first_answer.median.shown, figures.to_first_answer.p90.shown) == (2.5, 4.5)
    # Final answer: 2, 2, 5, 3, 4, 10 → 2 2 3 4 5 10: median 3.5; 90th at position 4.5: 5 + (10 − 5) / 2.
    assert (figures.to_final_answer.median.shown, figures.to_final_answer.p90.shown) == (3.5, 7.5)
    assert figures.with_outcome.shown == 6
    assert figures.outcome_counts[Outcome.CHANGED].suppressed  # three
    assert figures.outcome_shares[Outcome.CHANGED].shown == pytest.approx(0.5)
    assert figures.outcome_shares[Outcome.PARTLY_CHANGED].shown == pytest.approx(2 / 6)
    assert figures.outcome_shares[Outcome.NOT_APPLICABLE].shown == 0
    # Ratings 5, 4, 4, 3, 2, 5.
    assert figures.satisfaction_mean.shown == pytest.approx(23 / 6)
    assert figures.rated.shown == 6
    assert all(figures.rating_counts[rating].suppressed for rating in range(2, 6))
    assert figures.rating_counts[1].shown == 0  # none at all singles out nobody
    assert [figures.rating_counts[rating].value for rating in range(1, 6)] == [0, 1, 1, 2, 2]
    assert figures.reopened.shown == pytest.approx(1 / 6)


def test_a_subject_with_fewer_than_five_viewpoints_shows_none_of_its_figures(session, world):
    dataset.build(session, world)
    by_subject = viewpoint_figures(session, Scope((world.council.id,)), YEAR_2025, dataset.TODAY,
                                   group_by=Viewpoint.subject)
    housing = by_subject["Boende"]
    assert housing.submitted.value == 4 and housing.submitted.shown is None
    assert housing.to_final_answer.median.value == pytest.approx(2.5)  # 2, 2, 3, 5
    assert housing.to_final_answer.median.shown is None and housing.satisfaction_mean.shown is None
    assert by_subject["Arbete"].submitted.shown is None  # four too
    work = viewpoint_figures(session, Scope((world.council.id,)), StatisticsFilters(subject="arbete "),
                             dataset.TODAY)[None]
    assert work.submitted.value == 4


def test_period_filters_use_the_swedish_date(session, world):
    dataset.build(session, world)
    scope = Scope((world.council.id,))
    # Submitted 00:30 on 9 January in Sweden, which is 8 January in UTC.
    ninth = viewpoint_figures(session, scope, StatisticsFilters(start=date(2025, 1, 9), end=date(2025, 1, 9)),
                              dataset.TODAY)
    eighth = viewpoint_figures(session, scope, StatisticsFilters(start=date(2025, 1, 8), end=date(2025, 1, 8)),
                               dataset.TODAY)
    assert ninth[None].submitted.value == 1 and eighth == {}


def test_nothing_outside_the_scope_is_counted(session, world):
    dataset.build(session, world)
    assert viewpoint_figures(session, Scope((world.public_council.id,)), YEAR_2025, dataset.TODAY) == {}
    # The unit answers for seven of them (not the withdrawn one), on a council outside the scope.
    unit_scope = Scope((world.public_council.id,), unit_id=world.unit.id)
    assert viewpoint_figures(session, unit_scope, YEAR_2025, dataset.TODAY)[None].submitted.value == 7


def test_the_trend_counts_each_quarter_of_the_last_three_years(session, world):
    dataset.build(session, world)
    trend = quarterly_trend(session, Scope((world.council.id,)), StatisticsFilters(), dataset.TODAY)
    assert [quarter for quarter, _ in trend][0] == (2023, 2) and trend[-1][0] == (2026, 1)
    submitted = {quarter: figures.submitted.value for quarter, figures in trend if figures}
    assert submitted == {(2025, 1): 2, (2025, 2): 3, (2025, 3): 1, (2025, 4): 2}


def test_meetings_held_cancelled_and_attendance_per_organisation(session, world):
    from councilportal.councils.models import MembershipRole
    from councilportal.meetings.models import Attendance, MeetingState
    from tests.meetings.factories import make_meeting

    held = make_meeting(session, world.council, state=MeetingState.HELD, starts_at=dataset.at(2025, 3, 4, 13))
    make_meeting(session, world.council, state=MeetingState.MINUTES_APPROVED, starts_at=dataset.at(2025, 5, 4, 13))
    make_meeting(session, world.council, state=MeetingState.CANCELLED, starts_at=dataset.at(2025, 6, 4, 13))
    make_meeting(session, world.council, state=MeetingState.HELD, starts_at=dataset.at(2024, 6, 4, 13))
    session.add(Attendance(meeting_id=held.id, user_id=world.representative.id,
                           organisation_id=world.user_organisation.id, role=MembershipRole.REPRESENTATIVE))
    session.commit()
    figures = meeting_figures(session, Scope((world.council.id,)), YEAR_2025)
    assert (figures.held, figures.cancelled) == (2, 1)
    assert figures.attendance == [("RSMH Test", 1, 1)]
