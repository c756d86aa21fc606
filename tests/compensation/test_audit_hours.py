"""Auditors' hours in the council's payroll: each day's work on an audit priced by the council's rule of that day,
on a table of cases worked out by hand (400 kr the first hour, 150 kr each started half hour after it)."""

from datetime import date
from decimal import Decimal

import pytest

from councilportal.audits.models import Activity, AuditorHours, AuditState
from councilportal.compensation import report, services
from councilportal.compensation.models import RuleKind
from councilportal.councils.models import MembershipRole
from tests.audits.factories import make_audit
from tests.compensation.factories import add_hourly_rule, member_earlier
from tests.factories import make_membership, make_user

MARCH = date(2026, 3, 1)


def _hours(session, audit, person, day: int, *amounts: str, month: int = 3):
    for amount in amounts:
        session.add(AuditorHours(audit_id=audit.id, user_id=person.id, activity=Activity.INTERVIEWS,
                                 worked_on=date(2026, month, day), hours=Decimal(amount)))
    session.flush()


def _audit(session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    return audit


def _march(session, world, council=None):
    return report.payroll_report(session, council or world.council, MARCH, date(2026, 3, 31))


@pytest.mark.parametrize(("hours", "expected_ore"), [
    (("0.25",), 40000),          # a quarter of an hour: the first hour is the least paid
    (("1.00",), 40000),          # exactly an hour
    (("1.01",), 55000),          # 36 seconds over: a half hour started, 400 + 150
    (("1.50",), 55000),          # that half hour full
    (("1.51",), 70000),          # into the second half hour: 400 + 2 × 150
    (("2.00",), 70000),
    (("2.01",), 85000),          # 400 + 3 × 150
    (("7.50",), 235000),         # a long day: 13 half hours after the first hour, 400 + 1 950
    (("0.75", "0.75"), 55000),   # two entries of one day are one day's work: 1,5 h
    (("1.00", "0.01"), 55000),   # and the started half hour counts across them
])
def test_one_days_work_across_the_half_hour_edges(session, world, hours, expected_ore):
    add_hourly_rule(session, world)
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 10, *hours)
    [row] = _march(session, world)
    assert (row.activity, row.fee_ore, row.travel_ore, row.lost_income_ore) == (report.AUDITS, expected_ore, 0, 0)
    assert row.month == MARCH


def test_each_day_is_priced_on_its_own_and_summed_per_month(session, world):
    add_hourly_rule(session, world)
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 3, "1.00")    # 400
    _hours(session, audit, world.representative, 4, "1.00")    # 400, not 2 h in one: 700
    _hours(session, audit, world.representative, 28, "3.00")   # 400 + 4 × 150 = 1 000
    _hours(session, audit, world.representative, 2, "2.00", month=4)  # April: another month
    [march] = _march(session, world)
    assert march.fee_ore == 180000
    [april] = report.payroll_report(session, world.council, date(2026, 4, 1), date(2026, 4, 30))
    assert (april.month, april.fee_ore) == (date(2026, 4, 1), 70000)


def test_a_fee_per_meeting_council_pays_one_fee_per_day_of_audit_work(session, world):
    services.add_rule(session, world.coordinator, world.council, services.RuleFields(
        valid_from=date(2000, 1, 1), kind=RuleKind.PER_MEETING, meeting_fee_ore=52550))
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 3, "0.50")
    _hours(session, audit, world.representative, 4, "6.00", "1.25")
    [row] = _march(session, world)
    assert row.fee_ore == 2 * 52550


def test_the_rule_of_the_day_pays_it(session, world):
    add_hourly_rule(session, world)
    services.add_rule(session, world.coordinator, world.council, services.RuleFields(
        valid_from=date(2026, 3, 15), kind=RuleKind.HOURLY, first_hour_ore=50000, half_hour_ore=20000))
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 14, "1.50")   # old rule: 400 + 150
    _hours(session, audit, world.representative, 15, "1.50")   # new rule: 500 + 200
    [row] = _march(session, world)
    assert row.fee_ore == 55000 + 70000


def test_only_representatives_of_user_organisations_are_paid(session, world):
    add_hourly_rule(session, world)
    audit = _audit(session, world)
    official = make_user(session, "Olle Tjänsteman", "olle@example.se")
    make_membership(session, world.council, official, world.municipality, role=MembershipRole.OFFICIAL,
                    term_start=date(2026, 1, 1))
    stranger = make_user(session, "Sara Utan Uppdrag", "sara@example.se")
    for person in (official, stranger):
        _hours(session, audit, person, 10, "2.00")
    assert _march(session, world) == []


def test_audits_of_another_council_and_days_without_a_rule_are_not_in_the_report(session, world):
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 10, "2.00")
    assert _march(session, world) == [], "the council has no rule"
    add_hourly_rule(session, world, world.public_council)
    assert _march(session, world, world.public_council) == [], "commissioned by the other council"


def test_meeting_claims_and_audit_days_stand_side_by_side_in_the_csv(client, auth, session, world):
    add_hourly_rule(session, world)
    audit = _audit(session, world)
    _hours(session, audit, world.representative, 10, "2.00")
    session.commit()
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/compensation/report?start=2026-03-01&end=2026-03-31"
    assert "Brukarrevision" in client.get(url).text
    lines = client.get(url + "&format=csv").get_data().decode("utf-8-sig").splitlines()
    assert lines[1] == "rep@example.se;Rut Representant;2026-03;Brukarrevision;700,00;0,00;0,00;700,00;"
