"""Who may read which calendar. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.policies import can_view_council
from councilportal.meetings.models import Meeting, MeetingState


def can_download_meeting(user: User | None, meeting: Meeting) -> bool:
    """Anyone for a public council, the council's own people for a private one; a draft for nobody."""
    return meeting.state is not MeetingState.DRAFT and can_view_council(user, meeting.council)


def has_public_feed(council: Council) -> bool:
    return council.is_public


def can_have_personal_feed(user: User | None) -> bool:
    return user is not None
