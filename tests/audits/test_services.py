from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from councilportal.answering.models import Outcome
from councilportal.audits import queries, services
from councilportal.audits.models import (
    Activity,
    AuditState,
    AuditTimelineEntry,
    CarriedOut,
    Decision,
    Recommendation,
    RecommendationState,
    TimelineKind,
)
from councilportal.errors import ChangedMeanwhile, DomainError
from councilportal.timeutil import today_in_sweden, working_days_after
from tests.audits.factories import make_audit


def fields(world, **overrides):
    values = dict(title="Boendestödet", unit=world.unit, purpose="Hur upplevs stödet?", team=[world.representative],
                  lead=world.representative, council=world.council, contact=world.manager)
    values.update(overrides)
    return services.AuditFields(**values)


def test_a_coordinator_commissions_an_audit_with_a_team_and_a_lead(session, world):
    audit = services.commission_audit(session, world.coordinator, fields(world))
    assert audit.state is AuditState.PLANNED
    assert [(m.user_id, m.is_lead) for m in audit.team] == [(world.representative.id, True)]
    kinds = session.scalars(sa.select(AuditTimelineEntry.kind).where(AuditTimelineEntry.audit_id == audit.id)).all()
    assert kinds == [TimelineKind.COMMISSIONED]


@pytest.mark.parametrize("role", ["representative", "manager", "outsider"])
def test_only_coordinators_and_admins_commission(session, world, role):
    with pytest.raises(DomainError):
        services.commission_audit(session, getattr(world, role), fields(world))


@pytest.mark.parametrize("overrides, field", [
    ({"team": []}, "team"),
    ({"lead": None}, "lead_id"),
    ({"title": "  "}, "title"),
    ({"purpose": ""}, "purpose"),
    ({"unit": None}, "unit_id"),
    ({"period_start": today_in_sweden(), "period_end": today_in_sweden() - timedelta(days=1)}, "period_end"),
])
def test_bad_commissions_are_refused_on_their_field(session, world, overrides, field):
    with pytest.raises(DomainError) as refused:
        services.commission_audit(session, world.coordinator, fields(world, **overrides))
    assert refused.value.field == field


def test_the_lead_must_be_on_the_team(session, world):
    with pytest.raises(DomainError) as refused:
        services.commission_audit(session, world.coordinator, fields(world, lead=world.outsider))
    assert refused.value.field == "lead_id"


def test_fieldwork_is_started_by_the_coordinator_not_the_team(session, world):
    audit = make_audit(session, world)
    with pytest.raises(DomainError):
        services.start_fieldwork(session, world.representative, audit)
    services.start_fieldwork(session, world.coordinator, audit)
    assert audit.state is AuditState.FIELDWORK


def test_interviews_are_counts_only_and_never_negative(session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    interview = services.record_interview(session, world.representative, audit, datetime(2027, 3, 1, 10),
                                          users=4, relatives=1, staff=2)
    assert (interview.users, interview.relatives, interview.staff) == (4, 1, 2)
    with pytest.raises(DomainError) as refused:
        services.record_interview(session, world.representative, audit, datetime(2027, 3, 1, 10), users=-1,
                                  relatives=0, staff=0)
    assert refused.value.field == "users"
    with pytest.raises(DomainError):
        services.record_interview(session, world.manager, audit, datetime(2027, 3, 1, 10), users=1, relatives=0,
                                  staff=0)


def test_a_report_needs_a_summary_and_a_recommendation(session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    with pytest.raises(DomainError) as refused:
        services.submit_report(session, world.representative, audit)
    assert refused.value.field == "summary"
    services.write_report(session, world.representative, audit, "Sammanfattning.", "Iakttagelser.")
    with pytest.raises(DomainError) as refused:
        services.submit_report(session, world.representative, audit)
    assert refused.value.field == "text"


def test_submitting_the_report_sends_every_recommendation_to_the_unit_with_a_working_day_deadline(
        app, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK, contact=world.manager)
    services.write_report(session, world.representative, audit, "Sammanfattning.", "")
    numbers = [services.add_recommendation(session, world.representative, audit, f"Gör {n}.").number
               for n in range(3)]
    assert numbers == [1, 2, 3]
    services.submit_report(session, world.representative, audit)
    session.expire_all()
    recommendations = session.scalars(sa.select(Recommendation).where(Recommendation.audit_id == audit.id)).all()
    deadline = working_days_after(today_in_sweden(), app.config["AUDIT_ANSWER_WORKING_DAYS"])
    assert {(r.state, r.responsible_unit_id, r.responsible_manager_id, r.deadline) for r in recommendations} == {
        (RecommendationState.AWAITING_ANSWER, world.unit.id, world.manager.id, deadline)}
    assert audit.state is AuditState.REPORT


def test_the_unit_answers_each_recommendation_and_the_audit_is_answered_after_the_last(session, world):
    audit = make_audit(session, world, state=AuditState.REPORT, recommendations=2)
    first, second = session.scalars(sa.select(Recommendation).order_by(Recommendation.number)).all()
    with pytest.raises(DomainError):
        services.answer_recommendation(session, world.outsider, first, Decision.ACCEPTED, "Ja.")
    services.give_interim_answer(session, world.manager, first, "Vi utreder.")
    assert first.state is RecommendationState.IN_PROGRESS
    with pytest.raises(DomainError) as refused:
        services.answer_recommendation(session, world.manager, first, None, "Ja.")
    assert refused.value.field == "decision"
    services.answer_recommendation(session, world.manager, first, Decision.ACCEPTED, "Ja.", "Nytt schema.")
    assert audit.state is AuditState.REPORT
    services.answer_recommendation(session, world.manager, second, Decision.NOT_ACCEPTED, "Nej, därför att …")
    assert audit.state is AuditState.ANSWERED
    with pytest.raises(DomainError):
        services.give_interim_answer(session, world.manager, second, "Igen.")


def test_a_stale_answer_is_refused(session, world):
    make_audit(session, world, state=AuditState.REPORT, recommendations=1)
    recommendation = session.scalars(sa.select(Recommendation)).one()
    with pytest.raises(ChangedMeanwhile):
        services.answer_recommendation(session, world.manager, recommendation, Decision.ACCEPTED, "Ja.",
                                       expected_version=recommendation.version - 1)


def test_follow_up_after_every_answer_then_close(session, world):
    audit = make_audit(session, world, state=AuditState.ANSWERED, recommendations=2)
    first, second = session.scalars(sa.select(Recommendation).order_by(Recommendation.number)).all()
    with pytest.raises(DomainError) as refused:
        services.follow_up_recommendation(session, world.representative, first, CarriedOut.YES, Outcome.CHANGED, 6)
    assert refused.value.field == "rating"
    with pytest.raises(DomainError):
        services.follow_up_recommendation(session, world.manager, first, CarriedOut.YES, Outcome.CHANGED, 4)
    services.follow_up_recommendation(session, world.representative, first, CarriedOut.YES, Outcome.CHANGED, 4)
    assert audit.state is AuditState.ANSWERED
    services.follow_up_recommendation(session, world.representative, second, CarriedOut.NO, Outcome.NOT_CHANGED, 2)
    assert audit.state is AuditState.FOLLOWED_UP and second.rating == 2
    with pytest.raises(DomainError):
        services.close_audit(session, world.representative, audit)
    services.close_audit(session, world.coordinator, audit)
    assert audit.state is AuditState.CLOSED


def test_follow_up_waits_for_every_answer(session, world):
    make_audit(session, world, state=AuditState.REPORT, recommendations=2)
    first, _second = session.scalars(sa.select(Recommendation).order_by(Recommendation.number)).all()
    services.answer_recommendation(session, world.manager, first, Decision.ACCEPTED, "Ja.")
    with pytest.raises(DomainError):
        services.follow_up_recommendation(session, world.representative, first, CarriedOut.YES, Outcome.CHANGED, 4)


def test_cancelling_before_the_report_only(session, world):
    planned = make_audit(session, world)
    with pytest.raises(DomainError) as refused:
        services.cancel_audit(session, world.coordinator, planned, "")
    assert refused.value.field == "reason"
    services.cancel_audit(session, world.coordinator, planned, "Verksamheten läggs ned.")
    assert planned.state is AuditState.CANCELLED
    reported = make_audit(session, world, state=AuditState.REPORT, recommendations=1)
    with pytest.raises(DomainError):
        services.cancel_audit(session, world.coordinator, reported, "För sent.")


def test_auditors_record_their_own_hours_which_the_compensation_report_sums(session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    today = today_in_sweden()
    services.record_hours(session, world.representative, audit, world.representative, Activity.INTERVIEWS, today,
                          Decimal("2.5"))
    services.record_hours(session, world.coordinator, audit, world.representative, Activity.ANALYSIS, today, "1")
    for actor, auditor, day, hours, field in [
        (world.representative, world.outsider, today, "1", "user_id"),
        (world.representative, world.representative, today + timedelta(days=1), "1", "worked_on"),
        (world.representative, world.representative, today, "25", "hours"),
        (world.representative, world.representative, today, "mycket", "hours"),
    ]:
        with pytest.raises(DomainError) as refused:
            services.record_hours(session, actor, audit, auditor, Activity.REPORT, day, hours)
        assert refused.value.field == field
    with pytest.raises(DomainError):
        services.record_hours(session, world.manager, audit, world.representative, Activity.REPORT, today, "1")
    (row,) = queries.auditor_hours_report(session, today, today, None)
    assert (row.email, row.hours) == (world.representative.email, Decimal("3.5"))
    assert queries.auditor_hours_report(session, today, today, world.public_council) == []
