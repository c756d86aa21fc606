"""Who may see and run meetings, without an app: policies are pure functions."""

from datetime import date

import pytest

from councilportal.accounts.models import User
from councilportal.councils.models import Council, Membership, MembershipRole, Seat
from councilportal.meetings import policies
from councilportal.meetings.models import Meeting, MeetingState


def person(number: int, **fields) -> User:
    user = User(id=number, name=f"Person {number}", email=f"p{number}@example.se", **fields)
    user.memberships = []
    return user


@pytest.fixture
def cast():
    coordinator, member, outsider, admin = person(1), person(2), person(3), person(4, is_admin=True)
    council = Council(id=10, name="Rådet", slug="radet", is_public=False, coordinators=[coordinator])
    member.memberships = [Membership(council_id=10, user_id=2, role=MembershipRole.REPRESENTATIVE,
                                     seat=Seat.ORDINARY, term_start=date(2000, 1, 1), term_end=None)]
    return council, coordinator, member, outsider, admin


def meeting_of(council: Council, state: MeetingState) -> Meeting:
    return Meeting(council=council, council_id=council.id, state=state)


def test_only_coordinators_and_admins_run_a_councils_meetings(cast):
    council, coordinator, member, outsider, admin = cast
    assert [policies.can_manage_meetings(user, council) for user in (coordinator, member, outsider, admin, None)] \
        == [True, False, False, True, False]


@pytest.mark.parametrize("state", [MeetingState.PUBLISHED, MeetingState.HELD, MeetingState.MINUTES_APPROVED,
                                   MeetingState.CANCELLED])
def test_members_see_every_meeting_of_their_private_council_but_a_draft(cast, state):
    council, coordinator, member, outsider, admin = cast
    assert policies.can_view_meeting(member, meeting_of(council, state))
    assert not policies.can_view_meeting(member, meeting_of(council, MeetingState.DRAFT))
    assert policies.can_view_meeting(coordinator, meeting_of(council, MeetingState.DRAFT))
    assert not policies.can_view_meeting(outsider, meeting_of(council, state))
    assert not policies.can_view_meeting(None, meeting_of(council, state))


def test_the_public_sees_a_public_councils_published_meetings_but_never_a_draft(cast):
    council = cast[0]
    council.is_public = True
    assert policies.can_view_meeting(None, meeting_of(council, MeetingState.PUBLISHED))
    assert policies.can_view_meeting(None, meeting_of(council, MeetingState.CANCELLED))
    assert not policies.can_view_meeting(None, meeting_of(council, MeetingState.DRAFT))
