"""Access cases for what happens after the meeting: attendance, minutes, checkers, the attendance report."""

from datetime import timedelta

from councilportal.councils.models import MembershipRole
from councilportal.meetings import attendance, minutes
from councilportal.meetings.models import MeetingState
from councilportal.timeutil import now_utc
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.factories import make_membership
from tests.meetings.factories import make_meeting

COUNCIL_INSIDERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)
COUNCIL_RUNNERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)
RUNNERS_ACT = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)


def begun(w, s, council=None, state=MeetingState.PUBLISHED):
    """A meeting of the council that began three hours ago, loaded as the minutes views load it."""
    meeting = make_meeting(s, council or w.council, state=state, items=2, sequence=1,
                           starts_at=now_utc() - timedelta(hours=3))
    s.flush()
    return attendance.load_after_meeting(s, meeting.id)


def with_checker(w, s, council=None):
    """Held, everyone present, minutes written, the representative named to check them."""
    if council is not None and council.id != w.council.id:
        make_membership(s, council, w.representative, w.user_organisation)
    meeting = begun(w, s, council)
    attendance.record_attendance(s, w.coordinator, meeting, attendance.eligible_memberships(s, meeting))
    minutes.save_minutes(s, w.coordinator, meeting,
                         [minutes.ItemMinutes(item.id, "Antecknat.", "") for item in meeting.agenda_items])
    minutes.name_checkers(s, w.coordinator, meeting, [w.representative])
    return meeting


def approved(w, s, council=None):
    meeting = with_checker(w, s, council)
    minutes.approve_minutes(s, w.representative, meeting)
    return meeting


def guest_url(w, s, action: str) -> str:
    meeting = begun(w, s)
    attendance.add_attendee(s, w.coordinator, meeting, w.outsider, None, MembershipRole.OFFICIAL)
    guest = next(attended for attended in meeting.attendances if attended.user_id == w.outsider.id)
    return f"/meetings/{meeting.id}/attendance/{guest.id}/{action}"


def url(path: str, make=begun, **make_args):
    return lambda w, s: path.format(id=make(w, s, **make_args).id, w=w)


CASES = [
    RouteCase("minutes.view", url("/meetings/{id}/minutes", approved), COUNCIL_INSIDERS, name="approved, private"),
    RouteCase("minutes.view", lambda w, s: f"/meetings/{approved(w, s, w.public_council).id}/minutes", statuses(OK),
              name="approved, public council"),
    RouteCase("minutes.view", url("/meetings/{id}/minutes", with_checker),
              signed_in(FORBIDDEN, representative=OK, coordinator=OK, admin=OK), name="not yet approved"),
    RouteCase("minutes.view", url("/meetings/{id}/minutes", state=MeetingState.DRAFT),
              statuses(FORBIDDEN, public=REDIRECT), name="draft"),
    RouteCase("minutes.view", lambda w, s: "/meetings/999999/minutes", statuses(NOT_FOUND), name="unknown"),
    RouteCase("minutes.mark_held", url("/meetings/{id}/held"), RUNNERS_ACT, method="POST"),
    RouteCase("minutes.attendance_page", url("/meetings/{id}/attendance"), COUNCIL_RUNNERS),
    RouteCase("minutes.attendance_page", url("/meetings/{id}/attendance"), RUNNERS_ACT, method="POST",
              data={"present": []}),
    RouteCase("minutes.attendance_add", url("/meetings/{id}/attendance/add"), RUNNERS_ACT, method="POST",
              data={"email": "otto@example.se", "organisation_id": "0", "role": "official"}),
    RouteCase("minutes.attendance_remove", lambda w, s: guest_url(w, s, "remove"), RUNNERS_ACT, method="POST"),
    RouteCase("minutes.edit", url("/meetings/{id}/minutes/edit"), COUNCIL_RUNNERS),
    RouteCase("minutes.edit", url("/meetings/{id}/minutes/edit"), signed_in(FORBIDDEN, coordinator=OK, admin=OK),
              method="POST", name="items of another agenda", data={"items-0-item_id": "999999"}),
    RouteCase("minutes.checkers", url("/meetings/{id}/minutes/checkers"), COUNCIL_RUNNERS),
    RouteCase("minutes.checkers", url("/meetings/{id}/minutes/checkers"),
              signed_in(FORBIDDEN, coordinator=OK, admin=OK), method="POST", name="nobody chosen"),
    RouteCase("minutes.approve", url("/meetings/{id}/minutes/approve", with_checker),
              signed_in(FORBIDDEN, representative=REDIRECT), method="POST"),
    RouteCase("minutes.attendance_report", lambda w, s: f"/councils/{w.council.slug}/attendance-report",
              COUNCIL_RUNNERS),
    RouteCase("minutes.attendance_report", lambda w, s: "/councils/no-such-council/attendance-report",
              signed_in(NOT_FOUND), name="unknown council"),
    RouteCase("minutes.all_attendance_report", lambda w, s: "/admin/attendance-report", signed_in(FORBIDDEN, admin=OK)),
]
