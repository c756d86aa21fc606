"""Who may see and run meetings. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.policies import can_view_council, can_view_members, is_member_of, runs_council
from councilportal.meetings.models import Meeting, MeetingDocument, MeetingState
from councilportal.timeutil import STOCKHOLM


def can_manage_meetings(user: User | None, council: Council) -> bool:
    """Create, change, publish and cancel a council's meetings, and edit its standard agenda."""
    return runs_council(user, council)


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


# --- After the meeting: attendance, minutes, checkers, attendance report ----------------------------
# These read `meeting.minutes_checkers`, which the minutes views load with the meeting.


def can_record_minutes(user: User | None, meeting: Meeting) -> bool:
    """Mark held, record attendance, write the minutes and name the checkers: the council's coordinators."""
    return runs_council(user, meeting.council)


def is_minutes_checker(user: User | None, meeting: Meeting) -> bool:
    return user is not None and any(checker.user_id == user.id for checker in meeting.minutes_checkers)


def can_approve_minutes(user: User | None, meeting: Meeting) -> bool:
    return user is not None and any(checker.user_id == user.id and checker.approved_at is None
                                    for checker in meeting.minutes_checkers)


def can_view_minutes(user: User | None, meeting: Meeting) -> bool:
    """Approved minutes for whoever sees the council (the public too, for a public council);
    minutes in the making for the coordinators and the checkers."""
    if meeting.state is MeetingState.MINUTES_APPROVED:
        return can_view_council(user, meeting.council)
    if meeting.state in (MeetingState.PUBLISHED, MeetingState.HELD):
        return can_record_minutes(user, meeting) or is_minutes_checker(user, meeting)
    return False


def can_see_attendee_names(user: User | None, meeting: Meeting) -> bool:
    """Who attended is for the council itself: public pages show organisations and numbers only."""
    return can_view_members(user, meeting.council)


def can_view_attendance_report(user: User | None, council: Council) -> bool:
    return runs_council(user, council)


def can_view_all_attendance_reports(user: User | None) -> bool:
    return user is not None and user.is_admin


# --- Replies to the invitation --------------------------------------------------------------------


def can_reply_to_meeting(user: User | None, meeting: Meeting) -> bool:
    """Whoever sits on the council on the meeting day answers its invitation (whether it still takes
    answers is the replies' rule)."""
    if user is None or not user.active or meeting.is_draft:
        return False
    day = meeting.starts_at.astimezone(STOCKHOLM).date()
    return is_member_of(user, meeting.council, day)


def can_view_replies(user: User | None, meeting: Meeting) -> bool:
    """Who comes, who stands in and which seats stay empty: for those who run the meeting."""
    return can_manage_meetings(user, meeting.council)
