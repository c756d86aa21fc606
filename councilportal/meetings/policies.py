"""Who may see and run meetings. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.policies import can_view_council, is_coordinator_of
from councilportal.meetings.models import Meeting, MeetingDocument


def can_manage_meetings(user: User | None, council: Council) -> bool:
    """Create, change, publish and cancel a council's meetings, and edit its standard agenda."""
    return user is not None and (user.is_admin or is_coordinator_of(user, council))


def can_view_meeting(user: User | None, meeting: Meeting) -> bool:
    """A draft is the coordinators' working copy; after publishing, whoever sees the council sees it."""
    if meeting.is_draft:
        return can_manage_meetings(user, meeting.council)
    return can_view_council(user, meeting.council)


def can_view_council_meetings(user: User | None, council: Council) -> bool:
    return can_view_council(user, council)


def can_download_document(user: User | None, document: MeetingDocument) -> bool:
    return can_view_meeting(user, document.meeting)


def can_view_my_meetings(user: User | None) -> bool:
    return user is not None
