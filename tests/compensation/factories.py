"""A council with a compensation rule and a held meeting its representative attended."""

from datetime import date, datetime, timedelta
from io import BytesIO

from werkzeug.datastructures import FileStorage

from councilportal.compensation import services
from councilportal.compensation.models import RuleKind
from councilportal.meetings import attendance
from councilportal.meetings.models import MeetingState
from councilportal.timeutil import now_utc, today_in_sweden
from tests.factories import make_membership
from tests.meetings.factories import PDF_BYTES, make_meeting

HOURLY = services.RuleFields(valid_from=date(2000, 1, 1), kind=RuleKind.HOURLY, first_hour_ore=40000,
                             half_hour_ore=15000, km_rate_ore=250)


def add_hourly_rule(session, world, council=None):
    return services.add_rule(session, world.coordinator, council or world.council, HOURLY)


def member_earlier(session, world, person, since: date):
    """A term for `person` from `since` until the day before the world's terms begin (30 days ago)."""
    make_membership(session, world.council, person, world.user_organisation, term_start=since,
                    term_end=today_in_sweden() - timedelta(days=31))


def held_meeting(session, world, *, starts_at: datetime | None = None, duration=timedelta(minutes=91),
                 council=None):
    """Held yesterday (unless told), everyone of the council on the day present."""
    meeting = make_meeting(session, council or world.council, state=MeetingState.PUBLISHED,
                           starts_at=starts_at or now_utc() - timedelta(days=1), duration=duration)
    meeting = attendance.load_after_meeting(session, meeting.id)
    attendance.record_attendance(session, world.coordinator, meeting,
                                 attendance.eligible_memberships(session, meeting))
    return meeting


def submitted_claim(session, world, **fields):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    return services.submit_claim(session, world.representative, meeting, services.ClaimFields(**fields))


def pdf(name="kvitto.pdf"):
    return FileStorage(stream=BytesIO(PDF_BYTES), filename=name, content_type="application/pdf")
