"""The rules of claiming, deciding and reporting compensation."""

from datetime import UTC, date, datetime, timedelta

import pytest

from councilportal.compensation import report, services
from councilportal.compensation.models import ClaimState, EventKind, RuleKind, TravelKind
from councilportal.councils.models import MembershipRole
from councilportal.errors import DomainError
from councilportal.meetings import attendance
from councilportal.meetings.models import MeetingState
from councilportal.timeutil import now_utc
from councilportal.uploads import store_upload
from tests.compensation.factories import add_hourly_rule, held_meeting, member_earlier, pdf, submitted_claim
from tests.factories import make_user
from tests.meetings.factories import make_meeting


def test_a_claim_is_priced_by_the_rule_and_the_meeting_length(session, world):
    claim = submitted_claim(session, world, travel_kind=TravelKind.KM, travel_km=37)
    assert claim.state is ClaimState.SUBMITTED
    assert claim.fee_ore == 70000  # 91 minutes: 400 kr + 2 started half hours × 150 kr
    assert claim.travel_ore == 9250  # 37 km × 2,50 kr
    assert claim.total_ore == 79250
    assert claim.organisation_id == world.user_organisation.id
    [event] = services.events_of_claim(session, claim)
    assert (event.kind, event.actor_id) == (EventKind.SUBMITTED, world.representative.id)
    assert "792,50" in event.text


def test_a_meeting_uses_the_rule_valid_on_its_day(session, world):
    add_hourly_rule(session, world)
    services.add_rule(session, world.coordinator, world.council, services.RuleFields(
        valid_from=date(2026, 6, 1), kind=RuleKind.PER_MEETING, meeting_fee_ore=50000))
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    before = held_meeting(session, world, starts_at=datetime(2026, 5, 31, 10, tzinfo=UTC), duration=timedelta(hours=1))
    on_the_day = held_meeting(session, world, starts_at=datetime(2026, 5, 31, 22, 30, tzinfo=UTC),
                              duration=timedelta(hours=1))  # 00.30 on 1 June in Stockholm
    assert services.submit_claim(session, world.representative, before, services.ClaimFields()).fee_ore == 40000
    claim = services.submit_claim(session, world.representative, on_the_day, services.ClaimFields())
    assert claim.fee_ore == 50000
    assert claim.month == date(2026, 6, 1)


def test_officials_and_people_absent_are_not_paid(session, world):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    with pytest.raises(DomainError, match="brukarorganisation"):
        services.submit_claim(session, world.manager, meeting, services.ClaimFields())
    with pytest.raises(DomainError, match="brukarorganisation"):
        services.submit_claim(session, world.outsider, meeting, services.ClaimFields())


def test_a_meeting_not_held_or_without_a_rule_cannot_be_claimed(session, world):
    coming = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    with pytest.raises(DomainError, match="hållet"):
        services.submit_claim(session, world.representative, coming, services.ClaimFields())
    meeting = held_meeting(session, world)
    with pytest.raises(DomainError, match="ingen arvodesregel"):
        services.submit_claim(session, world.representative, meeting, services.ClaimFields())


def test_a_ticket_needs_a_receipt_and_lost_income_the_employers_statement(session, world):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    with pytest.raises(DomainError) as refused:
        services.submit_claim(session, world.representative, meeting,
                              services.ClaimFields(travel_kind=TravelKind.TICKET, ticket_ore=5600))
    assert refused.value.field == "receipt"
    with pytest.raises(DomainError) as refused:
        services.submit_claim(session, world.representative, meeting, services.ClaimFields(lost_income_ore=120000))
    assert refused.value.field == "employer_statement"
    with pytest.raises(DomainError) as refused:
        services.submit_claim(session, world.representative, meeting, services.ClaimFields(travel_kind=TravelKind.KM))
    assert refused.value.field == "travel_km"
    claim = services.submit_claim(session, world.representative, meeting, services.ClaimFields(
        travel_kind=TravelKind.TICKET, ticket_ore=5600, receipt=store_upload(session, pdf()),
        lost_income_ore=120000, employer_statement=store_upload(session, pdf("intyg.pdf"))))
    assert claim.total_ore == 70000 + 5600 + 120000
    assert sorted(file.filename for file in claim.attachments) == ["intyg.pdf", "kvitto.pdf"]


def test_returned_with_a_comment_corrected_and_approved(session, world):
    claim = submitted_claim(session, world, travel_kind=TravelKind.KM, travel_km=370)
    with pytest.raises(DomainError, match="rättas"):
        services.return_claim(session, world.coordinator, claim, "  ")
    services.return_claim(session, world.coordinator, claim, "370 km verkar fel, menade du 37?")
    assert claim.state is ClaimState.RETURNED
    with pytest.raises(DomainError, match="redan behandlad"):
        services.approve_claim(session, world.coordinator, claim)
    services.submit_claim(session, world.representative, claim.meeting,
                          services.ClaimFields(travel_kind=TravelKind.KM, travel_km=37))
    assert (claim.state, claim.travel_ore) == (ClaimState.SUBMITTED, 9250)
    services.approve_claim(session, world.coordinator, claim)
    assert claim.state is ClaimState.APPROVED
    assert [event.kind for event in services.events_of_claim(session, claim)] == [
        EventKind.SUBMITTED, EventKind.RETURNED, EventKind.RESUBMITTED, EventKind.APPROVED]
    with pytest.raises(DomainError, match="redan begärt"):
        services.submit_claim(session, world.representative, claim.meeting, services.ClaimFields())


def test_approval_prices_the_meeting_as_it_stands(session, world):
    claim = submitted_claim(session, world)
    claim.meeting.ends_at = claim.meeting.starts_at + timedelta(minutes=60)
    services.approve_claim(session, world.coordinator, claim)
    assert claim.fee_ore == 40000


def test_approval_is_refused_when_the_person_no_longer_attended(session, world):
    claim = submitted_claim(session, world)
    meeting = attendance.load_after_meeting(session, claim.meeting_id)
    attendance.record_attendance(session, world.coordinator, meeting, [])
    with pytest.raises(DomainError, match="närvarande"):
        services.approve_claim(session, world.coordinator, claim)


def test_attendance_changed_after_approval_is_flagged_on_the_claim_and_the_report(session, world):
    claim = submitted_claim(session, world)
    services.approve_claim(session, world.coordinator, claim)
    today = now_utc().date()
    assert not services.attendance_changed(session, claim)
    assert not report.payroll_report(session, world.council, today - timedelta(days=40), today)[0].flagged
    meeting = attendance.load_after_meeting(session, claim.meeting_id)
    attendance.record_attendance(session, world.coordinator, meeting, [])
    assert services.attendance_changed(session, claim)
    assert report.payroll_report(session, world.council, today - timedelta(days=40), today)[0].flagged


def test_a_moved_meeting_is_flagged_too(session, world):
    claim = submitted_claim(session, world)
    services.approve_claim(session, world.coordinator, claim)
    claim.meeting.ends_at += timedelta(minutes=30)
    session.flush()
    assert services.attendance_changed(session, claim)


def test_the_report_sums_approved_amounts_per_person_and_month(session, world):
    add_hourly_rule(session, world)
    other = make_user(session, "Anna Annan", "anna@example.se")
    member_earlier(session, world, other, date(2026, 1, 1))
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    march = [held_meeting(session, world, starts_at=datetime(2026, 3, day, 13, tzinfo=UTC), duration=timedelta(hours=2))
             for day in (3, 17)]
    april = held_meeting(session, world, starts_at=datetime(2026, 4, 7, 13, tzinfo=UTC), duration=timedelta(hours=1))
    for meeting in [*march, april]:
        for person in (world.representative, other):
            claim = services.submit_claim(session, person, meeting, services.ClaimFields(
                travel_kind=TravelKind.KM, travel_km=10))
            if not (person is other and meeting is april):
                services.approve_claim(session, world.coordinator, claim)
    services.set_payroll_identifier(session, world.coordinator, world.council, other, "A-1042")
    rows = report.payroll_report(session, world.council, date(2026, 3, 15), date(2026, 4, 2))
    assert [(row.month, row.name, row.identifier, row.fee_ore, row.travel_ore, row.total_ore) for row in rows] == [
        (date(2026, 3, 1), "Anna Annan", "A-1042", 2 * 70000, 2 * 2500, 145000),
        (date(2026, 3, 1), "Rut Representant", "rep@example.se", 2 * 70000, 2 * 2500, 145000),
        (date(2026, 4, 1), "Rut Representant", "rep@example.se", 40000, 2500, 42500),
    ]
    assert report.payroll_report(session, world.public_council, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_the_report_takes_another_source_as_one_function(session, world):
    """How auditors' hours (or any other paid work) join: one select with the same columns."""
    import sqlalchemy as sa

    def audit_hours(council_id, first_month, last_month):
        return sa.select(sa.literal(world.outsider.id).label("user_id"), sa.literal(date(2026, 5, 1)).label("month"),
                         sa.literal(90000).label("fee_ore"), sa.literal(0).label("travel_ore"),
                         sa.literal(0).label("lost_income_ore"), sa.literal(0).label("flagged"),
                         sa.literal(report.AUDITS).label("activity"))

    rows = report.payroll_report(session, world.council, date(2026, 5, 1), date(2026, 5, 31),
                                 sources=(*report.PAYABLE_SOURCES, audit_hours))
    assert [(row.name, row.fee_ore) for row in rows] == [("Otto Utanför", 90000)]


@pytest.mark.parametrize("identifier", ["19121212-1212", "121212-1212", "Pnr 191212121212", "197010632391"])
def test_no_personnummer_or_samordningsnummer_is_stored(session, world, identifier):
    with pytest.raises(DomainError, match="personnummer") as refused:
        services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, identifier)
    assert refused.value.field == "identifier"
    assert services.payroll_identifier(session, world.representative) == ""


def test_an_employee_number_or_email_is_kept_and_emptied(session, world):
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, " 004217 ")
    assert services.payroll_identifier(session, world.representative) == "004217"
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative,
                                    "rut.lon@exempelstad.se")
    assert services.payroll_identifier(session, world.representative) == "rut.lon@exempelstad.se"
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, "")
    assert services.payroll_identifier(session, world.representative) == ""
    kinds = [event.kind for event in services.events_of_council(session, world.council)]
    assert kinds == [EventKind.PAYROLL_ID_SET] * 3


def test_a_rule_needs_its_amount_and_a_free_date(session, world):
    add_hourly_rule(session, world)
    with pytest.raises(DomainError) as refused:
        add_hourly_rule(session, world)
    assert refused.value.field == "valid_from"
    with pytest.raises(DomainError) as refused:
        services.add_rule(session, world.coordinator, world.council, services.RuleFields(
            valid_from=date(2027, 1, 1), kind=RuleKind.PER_MEETING))
    assert refused.value.field == "meeting_fee"
    assert [event.kind for event in services.events_of_council(session, world.council)] == [EventKind.RULE_ADDED]


def test_my_meetings_lists_paid_attendance_only(session, world):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    attendance.add_attendee(session, world.coordinator, meeting, world.outsider, None, MembershipRole.OFFICIAL)
    assert [row.meeting.id for row in services.my_meetings(session, world.representative)] == [meeting.id]
    assert services.my_meetings(session, world.manager) == []
    assert services.my_meetings(session, world.outsider) == []
