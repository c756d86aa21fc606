"""Reading calendars back in tests, with icalendar and with an independent parser (vobject)."""

from datetime import UTC, datetime

import icalendar
import vobject

MAX_LINE_OCTETS = 75


def parse_both(data: bytes) -> tuple[icalendar.Calendar, vobject.base.Component]:
    """Both parsers must accept the calendar; vobject reads DTSTART/DTEND through our VTIMEZONE."""
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def events_by_uid(data: bytes) -> dict[str, tuple[icalendar.Event, vobject.base.Component]]:
    parsed, independent = parse_both(data)
    ours = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    theirs = {event.uid.value: event for event in getattr(independent, "vevent_list", [])}
    assert ours.keys() == theirs.keys()
    return {uid: (ours[uid], theirs[uid]) for uid in ours}


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def assert_folded_within_75_octets(data: bytes) -> None:
    """RFC 5545 3.1: no content line longer than 75 octets, and no UTF-8 character cut in two."""
    for line in data.split(b"\r\n"):
        assert len(line) <= MAX_LINE_OCTETS, line
        line.decode("utf-8")
