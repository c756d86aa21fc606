"""One payroll file for many councils: per person and month the councils summed, each council's part beside,
in exact öre; admins get every council, coordinators the councils they run."""

from datetime import UTC, date, datetime, timedelta

import pytest

from councilportal.compensation import policies, report, services
from councilportal.compensation.models import RuleKind, TravelKind
from councilportal.meetings import attendance
from councilportal.meetings.models import MeetingState
from tests.compensation.factories import add_hourly_rule, member_earlier
from tests.factories import make_membership, make_user
from tests.meetings.factories import make_meeting

# 512,35 kr a meeting and 0,19 kr a km: amounts that only add up right in öre.
PER_MEETING = services.RuleFields(valid_from=date(2000, 1, 1), kind=RuleKind.PER_MEETING, meeting_fee_ore=51235,
                                  km_rate_ore=19)
START, END = date(2026, 3, 1), date(2026, 4, 30)


def held(session, world, council, day: date, hours: int):
    meeting = make_meeting(session, council, state=MeetingState.PUBLISHED,
                           starts_at=datetime(day.year, day.month, day.day, 13, tzinfo=UTC),
                           duration=timedelta(hours=hours))
    meeting = attendance.load_after_meeting(session, meeting.id)
    attendance.record_attendance(session, world.admin, meeting, attendance.eligible_memberships(session, meeting))
    return meeting


def approved(session, world, person, meeting, km: int):
    claim = services.submit_claim(session, person, meeting, services.ClaimFields(travel_kind=TravelKind.KM,
                                                                                 travel_km=km))
    services.approve_claim(session, world.admin, claim)


@pytest.fixture
def two_councils(session, world):
    """Rut sits on both councils, Anna on the private one only.

    Private council (hourly: 400 kr the first hour, 150 kr each started half hour, 2,50 kr a km):
      3 March, 2 hours, 10 km: Rut and Anna each 700,00 + 25,00.
    Public council (512,35 kr a meeting, 0,19 kr a km):
      17 March, 7 km: Rut 512,35 + 1,33.   7 April, 3 km: Rut 512,35 + 0,57.
    So Rut's March is 700,00 + 512,35 = 1 212,35 fee and 25,00 + 1,33 = 26,33 travel: 1 238,68 kr.
    """
    add_hourly_rule(session, world)
    services.add_rule(session, world.admin, world.public_council, PER_MEETING)
    anna = make_user(session, "Anna Annan", "anna@example.se")
    member_earlier(session, world, anna, date(2026, 1, 1))
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    make_membership(session, world.public_council, world.representative, world.user_organisation,
                    term_start=date(2026, 1, 1), term_end=date(2026, 12, 31))
    march = held(session, world, world.council, date(2026, 3, 3), hours=2)
    for person in (world.representative, anna):
        approved(session, world, person, march, km=10)
    approved(session, world, world.representative, held(session, world, world.public_council, date(2026, 3, 17), 1),
             km=7)
    approved(session, world, world.representative, held(session, world, world.public_council, date(2026, 4, 7), 1),
             km=3)
    services.set_payroll_identifier(session, world.admin, world.council, world.representative, "004217")
    session.commit()
    return anna


def test_the_councils_of_a_person_and_month_are_summed_on_one_row(session, world, two_councils):
    rows = report.payroll_across_councils(session, [world.public_council, world.council], START, END)
    assert [(row.month, row.name, row.identifier, row.fee_ore, row.travel_ore, row.total_ore) for row in rows] == [
        (date(2026, 3, 1), "Anna Annan", "anna@example.se", 70000, 2500, 72500),
        (date(2026, 3, 1), "Rut Representant", "004217", 70000 + 51235, 2500 + 133, 123868),
        (date(2026, 4, 1), "Rut Representant", "004217", 51235, 57, 51292),
    ]
    assert [(part.council, part.total_ore) for part in rows[1].by_council] == [
        ("Brukarrådet för socialtjänst", 72500), ("Öppna rådet", 51368)]
    assert sum(part.total_ore for row in rows for part in row.by_council) == sum(row.total_ore for row in rows)


def test_one_council_gives_the_same_as_its_own_report(session, world, two_councils):
    across = report.payroll_across_councils(session, [world.council], START, END)
    assert across == report.payroll_report(session, world.council, START, END)
    assert [row.total_ore for row in across] == [72500, 72500]
    assert report.payroll_across_councils(session, [], START, END) == []


def test_another_source_joins_across_councils_too(session, world, two_councils):
    import sqlalchemy as sa

    def audit_hours(council_id, first_month, last_month):
        return sa.select(sa.literal(world.representative.id).label("user_id"),
                         sa.literal(date(2026, 4, 1)).label("month"), sa.literal(90001).label("fee_ore"),
                         sa.literal(0).label("travel_ore"), sa.literal(0).label("lost_income_ore"),
                         sa.literal(0).label("flagged"), sa.literal(report.AUDITS).label("activity"),
                         ).where(sa.literal(council_id) == world.council.id)

    rows = report.payroll_across_councils(session, [world.council, world.public_council], START, END,
                                          sources=(*report.PAYABLE_SOURCES, audit_hours))
    april = [(row.activity, row.fee_ore, row.total_ore, [part.council for part in row.by_council])
             for row in rows if row.month == date(2026, 4, 1)]
    assert april == [(report.MEETINGS, 51235, 51235 + 57, ["Öppna rådet"]),
                     (report.AUDITS, 90001, 90001, ["Brukarrådet för socialtjänst"])]


def test_admins_get_every_council_and_coordinators_theirs(world):
    councils = [world.council, world.public_council]
    assert policies.payroll_councils(world.admin, councils) == councils
    assert policies.payroll_councils(world.coordinator, councils) == [world.council]
    assert policies.can_view_payroll_across_councils(world.admin)
    assert policies.can_view_payroll_across_councils(world.coordinator)
    for person in (None, world.representative, world.manager, world.outsider):
        assert not policies.can_view_payroll_across_councils(person)


def _text(response) -> str:
    return response.get_data(as_text=True).replace("\xa0", " ")


def test_the_admin_downloads_every_council_in_one_csv(client, auth, world, two_councils):
    auth.login(world.admin)
    url = "/compensation/payroll?start=2026-03-01&end=2026-04-30"
    page = _text(client.get(url))
    assert "1 238,68 kr" in page and "Öppna rådet: 513,68 kr" in page
    assert "2 476,60 kr" in page  # the total: 725,00 + 1 238,68 + 512,92
    response = client.get(url + "&format=csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="arvode-alla-rad-2026-03-01-2026-04-30.csv"'
    assert response.get_data().decode("utf-8-sig").splitlines() == [
        "Identitet;Namn;Månad;Aktivitet;Arvode (kr);Resa (kr);Förlorad arbetsinkomst (kr);Summa (kr);"
        "Närvaro ändrad efter godkännande;Per råd (kr)",
        "anna@example.se;Anna Annan;2026-03;Rådsmöten;700,00;25,00;0,00;725,00;;Brukarrådet för socialtjänst: 725,00",
        "004217;Rut Representant;2026-03;Rådsmöten;1212,35;26,33;0,00;1238,68;;"
        "Brukarrådet för socialtjänst: 725,00 / Öppna rådet: 513,68",
        "004217;Rut Representant;2026-04;Rådsmöten;512,35;0,57;0,00;512,92;;Öppna rådet: 512,92",
    ]


def test_a_coordinator_gets_only_the_councils_they_run(client, auth, world, two_councils):
    auth.login(world.coordinator)
    page = _text(client.get("/compensation/payroll?start=2026-03-01&end=2026-04-30"))
    assert "Öppna rådet" not in page
    assert "1 238,68 kr" not in page and page.count("725,00 kr") >= 2
    assert "/compensation/payroll" in _text(client.get("/compensation"))


def test_a_period_that_ends_before_it_begins_is_refused(client, auth, world):
    auth.login(world.admin)
    response = client.get("/compensation/payroll?start=2026-04-30&end=2026-03-01")
    assert response.status_code == 400
    assert "Perioden slutar innan den börjar" in _text(response)
    assert client.get("/compensation/payroll?start=inte-ett-datum&end=2026-03-01").status_code == 400
