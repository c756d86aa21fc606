"""The figures of a fixed data set (tests/statistics/dataset.py), worked out by hand."""

from datetime import date

import pytest

from councilportal.answering.models import Outcome
from councilportal.audits.models import AuditState, CarriedOut, Decision
from councilportal.statistics.figures import (
    Scope,
    StatisticsFilters,
    audit_figures,
    follow_up_figures,
    meeting_figures,
    percentile,
    quarterly_trend,
    viewpoint_figures,
)
from councilportal.timeutil import working_days_after, working_days_between
from councilportal.viewpoints.models import FollowUpAnswer, Viewpoint
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


def test_what_the_follow_ups_of_the_year_found_matches_the_hand_worked_answers(session, world):
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    figures = follow_up_figures(session, Scope((world.council.id,)), YEAR_2025)
    # Asked in 2025: two on the second viewpoint (one unanswered) and one each on the first, third, fourth and
    # sixth: six follow-ups of five viewpoints. The one not asked yet and the one due in 2026 count not.
    assert figures.asked.shown == 6
    assert figures.answered.shown == 5
    assert figures.unanswered.value == 1 and figures.unanswered.shown is None
    # Yes twice, partly, no and don't know once each: counts below five are suppressed, shares of five are not.
    assert all(figure.suppressed for figure in figures.answer_counts.values())
    assert figures.answer_shares[FollowUpAnswer.YES].shown == pytest.approx(2 / 5)
    for answer in (FollowUpAnswer.PARTLY, FollowUpAnswer.NO, FollowUpAnswer.DONT_KNOW):
        assert figures.answer_shares[answer].shown == pytest.approx(1 / 5)
    every_year = follow_up_figures(session, Scope((world.council.id,)), StatisticsFilters())
    assert every_year.asked.shown == 7 and every_year.unanswered.value == 2


def test_follow_ups_follow_the_filters_and_the_scope(session, world):
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    # Subject "Arbete": only the sixth viewpoint's "don't know" in 2025, one viewpoint: nothing shown.
    work = follow_up_figures(session, Scope((world.council.id,)),
                             StatisticsFilters(subject="arbete", start=date(2025, 1, 1), end=date(2025, 12, 31)))
    assert work.answered.value == 1 and work.answered.suppressed
    assert work.answer_shares[FollowUpAnswer.DONT_KNOW].shown is None
    elsewhere = follow_up_figures(session, Scope((world.public_council.id,)), YEAR_2025)
    assert elsewhere.asked.value == 0 and not elsewhere.asked.suppressed


def test_the_audits_and_recommendations_of_the_year_match_the_hand_worked_answers(session, world):
    dataset.build_audits(session, world)
    figures = audit_figures(session, Scope((world.council.id,)), YEAR_2025, dataset.TODAY)
    # Commissioned in 2025 on the private council: closed, answered, fieldwork (the cancelled one was in 2024).
    assert figures.audits.value == 3 and figures.audits.suppressed
    assert figures.by_state[AuditState.CLOSED].value == 1 and figures.by_state[AuditState.CANCELLED].value == 0
    # Five and three recommendations in submitted reports; the fieldwork audit's drafts count not.
    assert figures.recommendations.shown == 8 and figures.answered.shown == 8
    assert figures.decision_counts[Decision.ACCEPTED].shown == 5
    assert figures.decision_shares[Decision.ACCEPTED].shown == pytest.approx(5 / 8)
    assert figures.decision_shares[Decision.PARTLY_ACCEPTED].shown == pytest.approx(2 / 8)
    assert figures.decision_shares[Decision.NOT_ACCEPTED].shown == pytest.approx(1 / 8)
    # By the deadline: 29 April, 30 April and 10 April of the first audit (00:30 on 1 May in Sweden is late),
    # 1 and 14 October of the second (20 October is late): 5 of 8.
    assert figures.answered_in_time.shown == pytest.approx(5 / 8)
    # The first audit's five follow-ups: yes twice, partly, no, unknown.
    assert figures.followed_up.shown == 5
    assert figures.carried_out_shares[CarriedOut.YES].shown == pytest.approx(2 / 5)
    assert figures.carried_out_shares[CarriedOut.UNKNOWN].shown == pytest.approx(1 / 5)
    assert figures.carried_out_counts[CarriedOut.NO].suppressed


def test_the_public_counts_only_audits_published_to_the_public(session, world):
    dataset.build_audits(session, world)
    public = audit_figures(session, Scope((world.public_council.id,), None, (world.public_council.id,)),
                           YEAR_2025, dataset.TODAY)
    assert public.audits.value == 1 and public.recommendations.value == 2
    coordinating = audit_figures(session, Scope((world.public_council.id,)), YEAR_2025, dataset.TODAY)
    assert coordinating.audits.value == 2 and coordinating.recommendations.value == 3
    unit = audit_figures(session, Scope((), world.unit.id), StatisticsFilters(), dataset.TODAY)
    assert unit.audits.value == 6
