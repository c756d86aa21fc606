"""After the meeting through the browser's eyes: attendance, minutes, checkers, approval and the report."""

import csv
import io
from datetime import date, timedelta

import pytest

from councilportal.councils.models import MembershipRole, Seat
from councilportal.meetings import attendance, minutes
from councilportal.meetings.models import AgendaItem, Attendance, Meeting, MeetingState
from councilportal.timeutil import now_utc
from tests.access import ROLES
from tests.factories import make_membership, make_organisation, make_user
from tests.meetings.factories import make_meeting


def past_meeting(session, council, *, items=2, state=MeetingState.PUBLISHED, title="Rådsmöte i mars") -> Meeting:
    meeting = make_meeting(session, council, state=state, items=items, sequence=1, title=title,
                           starts_at=now_utc() - timedelta(hours=3))
    session.commit()
    return meeting


def members_of(session, meeting_id) -> dict[str, int]:
    meeting = attendance.load_after_meeting(session, meeting_id)
    return {m.user.name: m.id for m in attendance.eligible_memberships(session, meeting)}


def reloaded(session, meeting_id) -> Meeting:
    session.expire_all()
    return attendance.load_after_meeting(session, meeting_id)


def approved_minutes(session, world, council) -> Meeting:
    """A meeting whose minutes every checker has approved, the representative attending."""
    meeting = attendance.load_after_meeting(session, past_meeting(session, council).id)
    if council.id != world.council.id:
        make_membership(session, council, world.representative, world.user_organisation)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    minutes.save_minutes(session, world.coordinator, meeting,
                         [minutes.ItemMinutes(item.id, "Vi pratade om ökade öppettider.", "Frågan tas upp i maj.")
                          for item in meeting.agenda_items])
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative])
    minutes.approve_minutes(session, world.representative, meeting)
    session.commit()
    return meeting


def test_the_coordinator_records_attendance_writes_minutes_and_the_checkers_approve(client, auth, world, session,
                                                                                    outbox):
    meeting = past_meeting(session, world.council)
    members = members_of(session, meeting.id)
    auth.login(world.coordinator)

    page = client.get(f"/meetings/{meeting.id}/attendance").text
    assert "Rut Representant, RSMH Test (ordinarie ledamot, brukarrepresentant)" in page
    response = client.post(f"/meetings/{meeting.id}/attendance",
                           data={"present": [members["Rut Representant"], members["Max Chef"]]}, follow_redirects=True)
    assert "Närvaron är sparad." in response.text
    assert reloaded(session, meeting.id).state is MeetingState.HELD

    items = reloaded(session, meeting.id).agenda_items
    form = {"items-0-item_id": items[0].id, "items-0-notes": "Förvaltningen berättade om året.",
            "items-0-decision": "Informationen noteras.", "items-1-item_id": items[1].id,
            "items-1-notes": "", "items-1-decision": "Nästa möte i maj."}
    response = client.post(f"/meetings/{meeting.id}/minutes/edit", data=form, follow_redirects=True)
    assert "Protokollet är sparat." in response.text
    assert "Förvaltningen berättade om året." in response.text

    response = client.post(f"/meetings/{meeting.id}/minutes/checkers",
                           data={"checker_ids": [world.representative.id, world.manager.id]}, follow_redirects=True)
    assert "Justerarna är utsedda" in response.text
    assert sorted(mail.recipient for mail in outbox("minutes_checker")) == ["chef@example.se", "rep@example.se"]
    assert f"http://portal.test/meetings/{meeting.id}/minutes" in outbox("minutes_checker")[0].message

    auth.logout()
    auth.login(world.admin)
    page = client.get(f"/meetings/{meeting.id}").text
    assert "Närvaro" in page and "Protokollet väntar på att du justerar det" not in page
    for checker in (world.representative, world.manager):
        auth.logout()
        auth.login(checker)
        assert "Protokollet väntar på att du justerar det" in client.get(f"/meetings/{meeting.id}").text
        assert "Justera protokollet" in client.get(f"/meetings/{meeting.id}/minutes").text
        response = client.post(f"/meetings/{meeting.id}/minutes/approve", follow_redirects=True)
        assert "Du har justerat protokollet." in response.text
    assert "Alla justerare har nu justerat" in response.text
    done = reloaded(session, meeting.id)
    assert done.state is MeetingState.MINUTES_APPROVED and done.minutes_approved_at is not None

    auth.logout()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/minutes/edit", data=form)
    assert "Protokollet är justerat och kan inte ändras längre." in response.text


def test_the_public_reads_approved_minutes_of_a_public_council_without_any_name(client, world, session):
    meeting = approved_minutes(session, world, world.public_council)
    page = client.get(f"/meetings/{meeting.id}/minutes").text
    assert "Vi pratade om ökade öppettider." in page
    assert "Antal deltagare: 1." in page
    assert "Antal justerare: 1." in page
    assert "Rut Representant" not in page


def test_members_see_who_attended_and_who_approved(client, auth, world, session):
    meeting = approved_minutes(session, world, world.council)
    auth.login(world.manager)
    page = client.get(f"/meetings/{meeting.id}/minutes").text
    assert "Rut Representant, RSMH Test (brukarrepresentant, ordinarie ledamot)" in page
    assert "Rut Representant: justerat" in page


def test_minutes_in_the_making_are_for_the_coordinators_and_the_checkers(client, auth, world, session):
    meeting = attendance.load_after_meeting(session, past_meeting(session, world.council).id)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative])
    session.commit()
    auth.login(world.manager)
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 403
    auth.logout()
    auth.login(world.representative)
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 200


def test_attendance_for_a_meeting_that_has_not_begun_is_refused_and_nothing_changes(client, auth, world, session):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1)
    session.commit()
    members = members_of(session, meeting.id)
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/attendance", data={"present": [members["Max Chef"]]})
    assert response.status_code == 200
    assert "Mötet har inte börjat än." in response.text
    assert reloaded(session, meeting.id).attendances == []
    assert reloaded(session, meeting.id).state is MeetingState.PUBLISHED


def test_attendance_for_someone_outside_the_council_is_refused(client, auth, world, session):
    meeting = past_meeting(session, world.council)
    other = make_membership(session, world.public_council, world.outsider, world.user_organisation)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/attendance", data={"present": [other.id]})
    assert "Välj bland rådets ledamöter på mötesdagen." in response.text
    assert reloaded(session, meeting.id).attendances == []


def test_another_person_is_added_and_removed(client, auth, world, session):
    meeting = past_meeting(session, world.council)
    guest = make_user(session, "Gästa Tjänsteperson", "gast@example.se")
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/attendance/add",
                           data={"email": "ingen@example.se", "organisation_id": "0", "role": "official"})
    assert response.status_code == 400
    assert "Ingen person i portalen har den e-postadressen." in response.text
    response = client.post(f"/meetings/{meeting.id}/attendance/add", follow_redirects=True,
                           data={"email": "gast@example.se", "organisation_id": "0", "role": "official"})
    assert "Gästa Tjänsteperson är tillagd bland de närvarande." in response.text
    [added] = reloaded(session, meeting.id).attendances
    assert added.user_id == guest.id
    response = client.post(f"/meetings/{meeting.id}/attendance/{added.id}/remove", follow_redirects=True)
    assert "Gästa Tjänsteperson är borttagen från de närvarande." in response.text
    assert reloaded(session, meeting.id).attendances == []


def test_adding_and_removing_a_person_after_an_approval_says_the_checkers_must_approve_again(client, auth, world,
                                                                                            session, outbox):
    meeting = attendance.load_after_meeting(session, past_meeting(session, world.council).id)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    minutes.save_minutes(session, world.coordinator, meeting,
                         [minutes.ItemMinutes(item.id, "Antecknat.", "") for item in meeting.agenda_items])
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative, world.manager])
    minutes.approve_minutes(session, world.representative, meeting)
    make_user(session, "Gästa Tjänsteperson", "gast@example.se")
    session.commit()
    auth.login(world.coordinator)
    notice = "Justerarna hade redan godkänt protokollet. Eftersom det har ändrats behöver de justera igen."

    response = client.post(f"/meetings/{meeting.id}/attendance/add", follow_redirects=True,
                           data={"email": "gast@example.se", "organisation_id": "0", "role": "official"})
    assert notice in response.text
    minutes.approve_minutes(session, world.representative, reloaded(session, meeting.id))
    session.commit()
    added = next(a for a in reloaded(session, meeting.id).attendances if a.user.name == "Gästa Tjänsteperson")
    response = client.post(f"/meetings/{meeting.id}/attendance/{added.id}/remove", follow_redirects=True)
    assert notice in response.text
    assert [mail.recipient for mail in outbox("minutes_changed")] == [world.representative.email] * 2
    assert all(checker.approved_at is None for checker in reloaded(session, meeting.id).minutes_checkers)


def test_removing_attendance_of_another_meeting_is_not_found(client, auth, world, session):
    first = approved_minutes(session, world, world.council)
    second = past_meeting(session, world.council)
    auth.login(world.coordinator)
    attended = first.attendances[0]
    assert client.post(f"/meetings/{second.id}/attendance/{attended.id}/remove").status_code == 404
    assert len(reloaded(session, first.id).attendances) == 2


def test_the_minutes_page_makes_as_many_queries_for_30_items_and_attendees_as_for_3(client, auth, world, session,
                                                                                   count_queries):
    meeting = approved_minutes(session, world, world.council)

    def grow(count):
        meeting.agenda_items.extend(AgendaItem(position=100 + len(meeting.agenda_items), title="Extra", notes="x")
                                    for _ in range(count))
        for _ in range(count):
            meeting.attendances.append(Attendance(user=make_user(session), organisation=world.user_organisation,
                                                  role=MembershipRole.REPRESENTATIVE, seat=Seat.ORDINARY))
        session.commit()

    grow(1)
    auth.login(world.manager)
    with count_queries() as few:
        assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 200
    grow(27)
    with count_queries() as many:
        assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 200
    assert many.count == few.count, many.statements


def test_the_attendance_report_is_a_table_and_an_excel_csv(client, auth, world, session):
    approved_minutes(session, world, world.council)
    auth.login(world.coordinator)
    today = date.today()
    period = {"start": (today - timedelta(days=7)).isoformat(), "end": today.isoformat()}
    page = client.get("/councils/socialtjanst/attendance-report", query_string=period).text
    assert "<td>RSMH Test</td><td>Rut Representant</td><td class=\"number\">1</td>" in page

    response = client.get("/councils/socialtjanst/attendance-report", query_string={**period, "format": "csv"})
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Organisation", "Namn", "E-postadress", "Antal möten"],
                    ["RSMH Test", "Rut Representant", "rep@example.se", "1"],
                    ["Testkommun", "Max Chef", "chef@example.se", "1"]]


def test_the_admin_sees_every_council_in_one_report(client, auth, world, session):
    approved_minutes(session, world, world.council)
    approved_minutes(session, world, world.public_council)
    auth.login(world.admin)
    response = client.get("/admin/attendance-report", query_string={"format": "csv", "start": "2000-01-01",
                                                                     "end": date.today().isoformat()})
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Råd", "Organisation", "Namn", "E-postadress", "Antal möten"]
    assert sorted((row[0], row[2]) for row in rows[1:]) == [
        ("Brukarrådet för socialtjänst", "Max Chef"), ("Brukarrådet för socialtjänst", "Rut Representant"),
        ("Öppna rådet", "Rut Representant")]


@pytest.mark.parametrize("query, message", [
    ({"start": "inte ett datum", "end": "2026-01-31"}, "Fyll i ett giltigt datum"),
    ({"start": "2026-02-01", "end": "2026-01-31"}, "Perioden slutar innan den börjar."),
    ({"start": "2026-02-01", "end": "2026-13-40", "format": "csv"}, "Fyll i ett giltigt datum"),
    ({"start": "0001-01-01", "end": "9999-12-31"}, "Välj ett datum mellan år 1900 och 2999."),
])
def test_bad_report_dates_get_a_clear_message(client, auth, world, query, message):
    auth.login(world.coordinator)
    response = client.get("/councils/socialtjanst/attendance-report", query_string=query)
    assert response.status_code == 400
    assert message in response.text
    assert 'class="error-summary"' in response.text


def test_a_guest_from_another_organisation_counts_for_that_organisation(session, world):
    other = make_organisation(session, "Attention")
    meeting = attendance.load_after_meeting(session, past_meeting(session, world.council).id)
    attendance.add_attendee(session, world.coordinator, meeting, world.outsider, other, MembershipRole.REPRESENTATIVE)
    meeting.state = MeetingState.HELD
    session.commit()
    [row] = attendance.attendance_report(session, date.today() - timedelta(days=1), date.today(), world.council)
    assert (row.organisation, row.name, row.meetings) == ("Attention", "Otto Utanför", 1)


def test_the_attendance_page_and_the_report_make_as_many_queries_for_30_members_as_for_3(client, auth, world,
                                                                                        session, count_queries):
    meeting = past_meeting(session, world.council)

    def attend(count):
        loaded = attendance.load_after_meeting(session, meeting.id)
        for _ in range(count):
            make_membership(session, world.council, make_user(session), make_organisation(session))
        attendance.record_attendance(session, world.coordinator, loaded,
                                     attendance.eligible_memberships(session, loaded))
        session.commit()

    def measure():
        with count_queries() as page_queries:
            assert client.get(f"/meetings/{meeting.id}/attendance").status_code == 200
        with count_queries() as report_queries:
            assert client.get("/councils/socialtjanst/attendance-report").status_code == 200
        return page_queries.count, report_queries.count

    attend(1)
    auth.login(world.coordinator)
    few = measure()
    attend(27)
    assert measure() == few


@pytest.mark.parametrize("role", ROLES)
def test_council_and_meeting_page_links_show_exactly_to_those_their_route_serves(client, auth, world, session, role):
    """Each template asks the policy its route asks; for every role, the link and the route agree."""
    meeting = past_meeting(session, world.council)
    links = [(f"/councils/{council.slug}", f"/councils/{council.slug}/{target}")
             for council in (world.council, world.public_council)
             for target in ("attendance-report", "meetings.ics")]
    links.append((f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/attendance"))
    if world.by_role(role) is not None:
        auth.login(world.by_role(role))
    for page, target in links:
        shown = client.get(page)
        served = client.get(target).status_code == 200
        assert (f'href="{target}"' in shown.text) is served, f"{role}: link to {target} on {page}"
