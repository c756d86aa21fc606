"""Who may do what after the meeting, and who may download a meeting's calendar file. Pure: no app, no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from councilportal.accounts.models import User
from councilportal.calendar import policies as calendar_policies
from councilportal.councils.models import Council, Membership
from councilportal.meetings import policies
from councilportal.meetings.models import Meeting, MeetingState, MinutesChecker


def person(number: int, *, admin=False) -> User:
    user = User(id=number, is_admin=admin)
    user.memberships = []
    return user


COORDINATOR = person(1)
CHECKER = person(2)
MEMBER = person(3)
OUTSIDER = person(4)
ADMIN = person(5, admin=True)


def meeting(state: MeetingState, *, public=False, approved_by_checker=False) -> Meeting:
    council = Council(id=7, is_public=public, coordinators=[COORDINATOR])
    for member in (CHECKER, MEMBER):
        member.memberships = [Membership(council_id=7, term_start=date.today() - timedelta(days=10))]
    found = Meeting(id=1, council=council, state=state, starts_at=datetime(2026, 3, 3, 12, tzinfo=UTC))
    approved_at = datetime(2026, 3, 4, tzinfo=UTC) if approved_by_checker else None
    found.minutes_checkers = [MinutesChecker(user_id=CHECKER.id, approved_at=approved_at)]
    return found


def test_coordinators_and_admins_record_the_minutes():
    held = meeting(MeetingState.HELD)
    assert [policies.can_record_minutes(user, held) for user in (COORDINATOR, ADMIN, CHECKER, MEMBER, None)] == [
        True, True, False, False, False]


def test_only_a_checker_who_has_not_yet_approved_may_approve():
    assert policies.can_approve_minutes(CHECKER, meeting(MeetingState.HELD))
    assert not policies.can_approve_minutes(CHECKER, meeting(MeetingState.HELD, approved_by_checker=True))
    assert not policies.can_approve_minutes(COORDINATOR, meeting(MeetingState.HELD))


@pytest.mark.parametrize("state, public, readers", [
    (MeetingState.HELD, True, {"coordinator", "admin", "checker"}),
    (MeetingState.MINUTES_APPROVED, False, {"coordinator", "admin", "checker", "member"}),
    (MeetingState.MINUTES_APPROVED, True, {"coordinator", "admin", "checker", "member", "outsider", "public"}),
    (MeetingState.DRAFT, False, set()),
    (MeetingState.CANCELLED, True, set()),
])
def test_who_reads_the_minutes(state, public, readers):
    found = meeting(state, public=public)
    people = {"coordinator": COORDINATOR, "admin": ADMIN, "checker": CHECKER, "member": MEMBER,
              "outsider": OUTSIDER, "public": None}
    assert {name for name, user in people.items() if policies.can_view_minutes(user, found)} == readers


def test_attendee_names_are_for_the_council_never_for_the_public():
    found = meeting(MeetingState.MINUTES_APPROVED, public=True)
    assert policies.can_see_attendee_names(MEMBER, found)
    assert not policies.can_see_attendee_names(None, found)
    assert not policies.can_see_attendee_names(OUTSIDER, found)


@pytest.mark.parametrize("state", list(MeetingState))
def test_a_calendar_file_for_every_state_but_a_draft(state):
    found = meeting(state, public=True)
    assert calendar_policies.can_download_meeting(None, found) is (state is not MeetingState.DRAFT)
    assert calendar_policies.can_download_meeting(COORDINATOR, found) is (state is not MeetingState.DRAFT)


def test_a_private_councils_calendar_file_is_for_its_own_people():
    found = meeting(MeetingState.PUBLISHED)
    assert calendar_policies.can_download_meeting(MEMBER, found)
    assert calendar_policies.can_download_meeting(COORDINATOR, found)
    assert not calendar_policies.can_download_meeting(OUTSIDER, found)
    assert not calendar_policies.can_download_meeting(None, found)
