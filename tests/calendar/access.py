from councilportal.meetings.models import MeetingState
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.meetings.factories import make_meeting


def _meeting_ics(council_of, state=MeetingState.PUBLISHED, query=lambda world: ""):
    def url(world, session):
        meeting = make_meeting(session, council_of(world), state=state, items=2)
        return f"/meetings/{meeting.id}.ics{query(world)}"

    return url


def _private(world):
    return world.council


def _public(world):
    return world.public_council


CASES = [
    RouteCase("calendar.meeting", _meeting_ics(_public), statuses(OK), name="public council"),
    RouteCase("calendar.meeting", _meeting_ics(_private),
              signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK), name="private council"),
    RouteCase("calendar.meeting", _meeting_ics(_private, MeetingState.DRAFT), statuses(NOT_FOUND), name="draft"),
    RouteCase("calendar.meeting", _meeting_ics(_private, query=lambda w: f"?token={w.representative.calendar_token}"),
              statuses(OK), name="private council, member's token"),
    RouteCase("calendar.meeting", _meeting_ics(_private, query=lambda w: f"?token={w.outsider.calendar_token}"),
              statuses(NOT_FOUND), name="private council, outsider's token"),
    RouteCase("calendar.meeting", _meeting_ics(_private, query=lambda w: "?token=not-a-token"), statuses(NOT_FOUND),
              name="unknown token"),
    RouteCase("calendar.meeting", lambda w, s: "/meetings/999999.ics", statuses(NOT_FOUND), name="unknown"),
    RouteCase("calendar.council_feed", lambda w, s: f"/councils/{w.public_council.slug}/meetings.ics", statuses(OK),
              name="public council"),
    RouteCase("calendar.council_feed", lambda w, s: f"/councils/{w.council.slug}/meetings.ics",
              statuses(NOT_FOUND), name="private council"),
    RouteCase("calendar.council_feed", lambda w, s: "/councils/no-such-council/meetings.ics", statuses(NOT_FOUND),
              name="unknown council"),
    RouteCase("calendar.personal_feed", lambda w, s: f"/calendar/{w.representative.calendar_token}.ics",
              statuses(OK)),
    RouteCase("calendar.personal_feed", lambda w, s: "/calendar/not-a-token.ics", statuses(NOT_FOUND),
              name="unknown token"),
    RouteCase("calendar.regenerate_token", lambda w, s: "/profile/calendar-token", statuses(REDIRECT),
              method="POST"),
]
