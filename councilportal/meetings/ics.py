"""Meetings as iCalendar (RFC 5545): the invitation mails and the calendar feeds build the same events.

A meeting keeps one UID for life, so a calendar that has it updates the event in place when
the SEQUENCE rises, and marks it cancelled instead of losing it.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from councilportal.accounts.models import User
from councilportal.links import absolute_url
from councilportal.mail.services import Attachment
from councilportal.timeutil import STOCKHOLM, now_utc

PRODID = "-//Brukarrådsportalen//Council Portal//SV"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")
FEED_REFRESH = timedelta(hours=1)

# Written out by hand rather than generated from zoneinfo: icalendar generates the rules as
# long RDATE lists (with the DAYLIGHT onset an hour late), which dateutil-based readers such
# as vobject misread even in midsummer. This is the EU rule in force since 1996, in the form
# Outlook and tzurl.org publish it; a test compares it with zoneinfo transition by transition.
STOCKHOLM_VTIMEZONE = Timezone.from_ical(
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Stockholm\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)


def meeting_calendar(meetings: Iterable, *, method: str = "PUBLISH", attendees: Iterable[User] = (),
                     name: str | None = None, entries: Iterable = ()) -> bytes:
    """A VCALENDAR with one VEVENT per meeting.

    PUBLISH is for feeds: no organiser and no attendees, so a feed never names anyone.
    REQUEST and CANCEL are invitations: the portal's sender organises, `attendees` are invited.
    Meetings must come with `council` and `agenda_items` loaded. `entries` (calendar.services.FeedEntry) are
    other domains' events: in a private feed, or invited to like a meeting (an audit's interview session).
    """
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Stockholm")
        # How often a subscribed calendar should look again (RFC 7986, and Outlook's own name for it).
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(STOCKHOLM_VTIMEZONE)
    stamp = now_utc()
    invited = list(attendees)
    events = [*(_event(meeting, stamp) for meeting in meetings), *(_entry_event(entry, stamp) for entry in entries)]
    for event in events:
        if method != "PUBLISH":
            _add_participants(event, invited)
        if method == "CANCEL":
            event["status"] = "CANCELLED"
        calendar.add_component(event)
    return calendar.to_ical()


def invitation_attachment(calendar: bytes, method: str) -> Attachment:
    """The calendar of an invitation mail, as calendar programs expect it: also the mail's alternative body."""
    return Attachment(filename="mote.ics", content=calendar, maintype="text", subtype="calendar",
                      params={"method": method, "charset": "utf-8"})


def _entry_event(entry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", entry.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", entry.ends_at.astimezone(STOCKHOLM))
    event.add("summary", entry.summary)
    event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    event.add("url", entry.url)
    event.add("sequence", entry.sequence)
    event.add("last-modified", entry.last_modified.astimezone(UTC))
    event.add("status", "CONFIRMED")
    return event


def _event(meeting, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
    event.add("summary", meeting.title)
    event.add("description", _description(meeting))
    if meeting.location or meeting.online_url:
        event.add("location", meeting.location or meeting.online_url)
    event.add("url", absolute_url("meetings.detail", meeting_id=meeting.id))
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def _description(meeting) -> str:
    """The council, the description, the agenda as a numbered list and the online link, as plain text."""
    parts = [meeting.council.name]
    if meeting.description:
        parts.append(meeting.description)
    if meeting.agenda_items:
        lines = [f"{number}. {item.title}" for number, item in enumerate(meeting.agenda_items, start=1)]
        parts.append("\n".join([_("Dagordning:"), *lines]))
    if meeting.online_url:
        parts.append(_("Delta digitalt: %(link)s", link=meeting.online_url))
    return "\n\n".join(parts)


def _add_participants(event: Event, attendees: list[User]) -> None:
    sender_name, sender_address = parseaddr(current_app.config["MAIL_SENDER"])
    organizer = vCalAddress(f"mailto:{sender_address}")
    if sender_name:
        organizer.params["cn"] = vText(sender_name)
    event.add("organizer", organizer)
    for person in attendees:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        # Calendar programs offer to answer; the answer that counts is given through the mail's link or in
        # the portal (the organiser is the portal's sender address).
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee)
