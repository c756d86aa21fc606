"""After the meeting, without HTTP: held, attendance, minutes, checkers and approval, the arvode report."""

import email
import email.policy
from datetime import date, datetime, timedelta

import pytest

from councilportal.councils.models import MembershipRole, Seat
from councilportal.errors import DomainError
from councilportal.meetings import attendance, minutes
from councilportal.meetings.models import MeetingState
from councilportal.timeutil import STOCKHOLM, now_utc
from tests.factories import make_membership, make_organisation, make_user
from tests.meetings.factories import make_meeting


def held_meeting(session, council, *, state=MeetingState.PUBLISHED, starts_at=None, items=3):
    """A meeting that began three hours ago, reloaded the way the minutes views load it."""
    meeting = make_meeting(session, council, state=state, items=items, sequence=1,
                           starts_at=starts_at or now_utc() - timedelta(hours=3))
    session.commit()
    return attendance.load_after_meeting(session, meeting.id)


def membership_of(session, meeting, user):
    return next(m for m in attendance.eligible_memberships(session, meeting) if m.user_id == user.id)


def write_minutes(session, actor, meeting, text="Antecknat."):
    entries = [minutes.ItemMinutes(item.id, text, "Beslut.") for item in meeting.agenda_items]
    return minutes.save_minutes(session, actor, meeting, entries)


def test_a_meeting_is_marked_held_only_once_it_has_begun(session, world):
    future = held_meeting(session, world.council, starts_at=now_utc() + timedelta(days=1))
    with pytest.raises(DomainError, match="har inte börjat"):
        attendance.mark_held(session, world.coordinator, future)
    past = held_meeting(session, world.council)
    before = past.updated_at
    attendance.mark_held(session, world.coordinator, past)
    assert past.state is MeetingState.HELD
    assert past.updated_at > before
    with pytest.raises(DomainError, match="Bara ett publicerat möte"):
        attendance.mark_held(session, world.coordinator, past)


@pytest.mark.parametrize("state", [MeetingState.DRAFT, MeetingState.CANCELLED])
def test_no_attendance_for_a_draft_or_a_cancelled_meeting(session, world, state):
    meeting = held_meeting(session, world.council, state=state)
    with pytest.raises(DomainError):
        attendance.record_attendance(session, world.coordinator, meeting, [])


def test_attendance_takes_role_organisation_and_seat_from_the_membership_and_marks_the_meeting_held(session, world):
    meeting = held_meeting(session, world.council)
    members = attendance.eligible_memberships(session, meeting)
    assert {m.user_id for m in members} == {world.representative.id, world.manager.id}

    attendance.record_attendance(session, world.coordinator, meeting, members)
    assert meeting.state is MeetingState.HELD
    recorded = {a.user_id: (a.organisation_id, a.role, a.seat) for a in meeting.attendances}
    assert recorded == {
        world.representative.id: (world.user_organisation.id, MembershipRole.REPRESENTATIVE, Seat.ORDINARY),
        world.manager.id: (world.municipality.id, MembershipRole.OFFICIAL, Seat.ORDINARY),
    }

    attendance.record_attendance(session, world.coordinator, meeting, [membership_of(session, meeting, world.manager)])
    assert [a.user_id for a in meeting.attendances] == [world.manager.id]


def test_only_members_on_the_meeting_day_are_offered(session, world):
    meeting_day = date.today() - timedelta(days=10)
    starts_at = datetime.combine(meeting_day, datetime.min.time(), tzinfo=STOCKHOLM).replace(hour=13)
    former = make_user(session, "Förra Ledamoten")
    make_membership(session, world.council, former, make_organisation(session),
                    term_start=meeting_day - timedelta(days=400), term_end=meeting_day - timedelta(days=1))
    later = make_user(session, "Senare Ledamot")
    make_membership(session, world.council, later, make_organisation(session),
                    term_start=meeting_day + timedelta(days=1))
    meeting = held_meeting(session, world.council, starts_at=starts_at)

    offered = {m.user.name for m in attendance.eligible_memberships(session, meeting)}
    assert "Förra Ledamoten" not in offered and "Senare Ledamot" not in offered
    assert "Rut Representant" in offered
    stranger = make_membership(session, world.public_council, world.outsider, world.user_organisation)
    with pytest.raises(DomainError, match="Välj bland rådets ledamöter"):
        attendance.record_attendance(session, world.coordinator, meeting, [stranger])


def test_another_person_is_added_by_email_once(session, world):
    meeting = held_meeting(session, world.council)
    with pytest.raises(DomainError, match="Ingen person"):
        attendance.add_attendee(session, world.coordinator, meeting, None, None, MembershipRole.OFFICIAL)
    attendance.add_attendee(session, world.coordinator, meeting, world.outsider, None, MembershipRole.OFFICIAL)
    assert meeting.state is MeetingState.HELD
    with pytest.raises(DomainError, match="finns redan"):
        attendance.add_attendee(session, world.coordinator, meeting, world.outsider, None, MembershipRole.OFFICIAL)
    # Saving the members' attendance leaves the added person alone.
    attendance.record_attendance(session, world.coordinator, meeting, [])
    assert [a.user_id for a in meeting.attendances] == [world.outsider.id]


def checkers_named(session, world):
    meeting = held_meeting(session, world.council)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    write_minutes(session, world.coordinator, meeting)
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative, world.manager])
    session.commit()
    return meeting


def test_the_minutes_are_approved_when_every_checker_has_approved(session, world, outbox):
    meeting = checkers_named(session, world)
    assert sorted(mail.recipient for mail in outbox("minutes_checker")) == ["chef@example.se", "rep@example.se"]

    assert minutes.approve_minutes(session, world.representative, meeting) is False
    assert meeting.state is MeetingState.HELD and meeting.minutes_approved_at is None
    with pytest.raises(DomainError, match="redan justerat"):
        minutes.approve_minutes(session, world.representative, meeting)
    assert outbox("minutes_approved") == []
    assert minutes.approve_minutes(session, world.manager, meeting) is True
    assert meeting.state is MeetingState.MINUTES_APPROVED
    assert meeting.minutes_approved_at is not None
    session.commit()
    [told] = outbox("minutes_approved")
    assert told.recipient == world.coordinator.email
    assert f"http://portal.test/meetings/{meeting.id}/minutes" in told.message


def test_only_a_named_checker_approves(session, world):
    meeting = checkers_named(session, world)
    with pytest.raises(DomainError, match="inte justerare"):
        minutes.approve_minutes(session, world.coordinator, meeting)


def test_checkers_are_chosen_among_the_attendees(session, world):
    meeting = held_meeting(session, world.council)
    attendance.record_attendance(session, world.coordinator, meeting, [membership_of(session, meeting, world.manager)])
    with pytest.raises(DomainError, match="närvarande"):
        minutes.name_checkers(session, world.coordinator, meeting, [world.representative])
    with pytest.raises(DomainError, match="minst en"):
        minutes.name_checkers(session, world.coordinator, meeting, [])


def test_empty_minutes_cannot_be_approved(session, world):
    meeting = held_meeting(session, world.council)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative])
    with pytest.raises(DomainError, match="inte skrivet"):
        minutes.approve_minutes(session, world.representative, meeting)


def test_changing_the_minutes_after_an_approval_asks_every_checker_again(session, world):
    meeting = checkers_named(session, world)
    minutes.approve_minutes(session, world.representative, meeting)

    assert write_minutes(session, world.coordinator, meeting, "Rättat stavfel.") is True
    assert all(checker.approved_at is None for checker in meeting.minutes_checkers)
    assert write_minutes(session, world.coordinator, meeting, "Rättat stavfel.") is False, "nothing changed"


def test_approved_minutes_are_final(session, world):
    meeting = checkers_named(session, world)
    minutes.approve_minutes(session, world.representative, meeting)
    minutes.approve_minutes(session, world.manager, meeting)
    with pytest.raises(DomainError, match="justerat och kan inte ändras"):
        write_minutes(session, world.coordinator, meeting, "Sent tillägg.")
    with pytest.raises(DomainError, match="justerat och kan inte ändras"):
        attendance.record_attendance(session, world.coordinator, meeting, [])


def test_a_checker_cannot_be_removed_from_the_attendance(session, world):
    meeting = checkers_named(session, world)
    with pytest.raises(DomainError, match="är justerare"):
        attendance.record_attendance(session, world.coordinator, meeting,
                                     [membership_of(session, meeting, world.manager)])


def test_minutes_for_another_agenda_are_refused(session, world):
    meeting = held_meeting(session, world.council)
    with pytest.raises(DomainError, match="Dagordningen har ändrats"):
        minutes.save_minutes(session, world.coordinator, meeting, [minutes.ItemMinutes(999999, "x", "")])


def test_the_report_counts_held_meetings_per_organisation_and_person_in_the_period(session, world):
    def attended(days_ago, state=MeetingState.HELD, who=(world.representative, world.manager)):
        meeting = held_meeting(session, world.council, starts_at=now_utc() - timedelta(days=days_ago))
        members = [m for m in attendance.eligible_memberships(session, meeting) if m.user in who]
        attendance.record_attendance(session, world.coordinator, meeting, members)
        meeting.state = state
        session.commit()

    attended(5)
    attended(6, who=(world.representative,))
    attended(7, MeetingState.MINUTES_APPROVED, who=(world.representative,))
    attended(8, MeetingState.CANCELLED)
    before_the_term = held_meeting(session, world.council, starts_at=now_utc() - timedelta(days=200))
    attendance.add_attendee(session, world.coordinator, before_the_term, world.representative, world.user_organisation,
                            MembershipRole.REPRESENTATIVE)
    session.commit()
    today = date.today()
    rows = attendance.attendance_report(session, today - timedelta(days=30), today, world.council)
    assert [(row.organisation, row.name, row.meetings) for row in rows] == [
        ("RSMH Test", "Rut Representant", 3), ("Testkommun", "Max Chef", 1)]
    assert attendance.attendance_report(session, today - timedelta(days=30), today, world.public_council) == []
    everywhere = attendance.attendance_report(session, today - timedelta(days=300), today)
    assert {(row.council, row.name, row.meetings) for row in everywhere} == {
        ("Brukarrådet för socialtjänst", "Rut Representant", 4), ("Brukarrådet för socialtjänst", "Max Chef", 1)}
    with pytest.raises(DomainError, match="slutar innan den börjar"):
        attendance.attendance_report(session, today, today - timedelta(days=1), world.council)


def approved_by_the_representative(session, world):
    """Three present (a third member and a guest besides the two checkers), minutes written, one checker approved."""
    third = make_user(session, "Tea Tredje", "tea@example.se")
    make_membership(session, world.council, third, make_organisation(session, "Attention"))
    meeting = held_meeting(session, world.council)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    attendance.add_attendee(session, world.coordinator, meeting, world.outsider, None, MembershipRole.OFFICIAL)
    write_minutes(session, world.coordinator, meeting)
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative, world.manager])
    minutes.approve_minutes(session, world.representative, meeting)
    session.commit()
    return meeting


def untick_the_third_member(session, world, meeting):
    present = [m for m in attendance.eligible_memberships(session, meeting) if m.user.name != "Tea Tredje"]
    return attendance.record_attendance(session, world.coordinator, meeting, present)


def remove_the_guest(session, world, meeting):
    guest = next(attended for attended in meeting.attendances if attended.user_id == world.outsider.id)
    return attendance.remove_attendee(session, world.coordinator, meeting, guest)


def add_a_guest(session, world, meeting):
    return attendance.add_attendee(session, world.coordinator, meeting, make_user(session, "Gun Gäst"), None,
                                   MembershipRole.OFFICIAL)


def edit_the_minutes(session, world, meeting):
    return write_minutes(session, world.coordinator, meeting, "Rättat stavfel.")


@pytest.mark.parametrize(("change", "told"), [
    (untick_the_third_member, "Tea Tredje står inte längre bland de närvarande"),
    (remove_the_guest, "Otto Utanför står inte längre bland de närvarande"),
    (add_a_guest, "Gun Gäst står nu bland de närvarande"),
    (edit_the_minutes, "Anteckningar eller beslut under punkt 1. Punkt 1"),
], ids=["untick", "remove", "add", "edit minutes"])
def test_every_change_of_attendance_or_minutes_resets_the_approvals_and_tells_who_had_approved_once(
        session, world, outbox, change, told):
    meeting = approved_by_the_representative(session, world)

    assert change(session, world, meeting) is True
    session.commit()

    assert [checker.approved_at for checker in meeting.minutes_checkers] == [None, None]
    assert meeting.state is MeetingState.HELD
    [mail] = outbox("minutes_changed")
    assert mail.recipient == world.representative.email, "only the checker who had approved is asked again"
    message = email.message_from_string(mail.message, policy=email.policy.default)
    assert message["Subject"] == f"Justera protokollet från {meeting.title} igen"
    body = message.get_body(("plain",)).get_content()
    assert f"- {told}\n" in body
    assert f"http://portal.test/meetings/{meeting.id}/minutes" in body


def test_saving_unchanged_minutes_or_attendance_resets_nothing_and_tells_nobody(session, world, outbox):
    meeting = approved_by_the_representative(session, world)
    present = [m for m in attendance.eligible_memberships(session, meeting)]

    assert write_minutes(session, world.coordinator, meeting) is False
    assert attendance.record_attendance(session, world.coordinator, meeting, present) is False
    session.commit()

    assert any(checker.approved_at is not None for checker in meeting.minutes_checkers)
    assert outbox("minutes_changed") == []


def test_a_checker_reading_english_is_told_in_english(session, world, outbox):
    world.representative.locale = "en"
    meeting = approved_by_the_representative(session, world)
    add_a_guest(session, world, meeting)
    session.commit()
    [mail] = outbox("minutes_changed")
    body = email.message_from_string(mail.message, policy=email.policy.default).get_body(("plain",)).get_content()
    assert "- Gun Gäst is now among those present\n" in body
