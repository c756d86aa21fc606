"""The iCalendar a meeting becomes, read back with icalendar and vobject."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from dateutil import tz as dateutil_tz

from councilportal.councils.models import Council
from councilportal.meetings.ics import STOCKHOLM_VTIMEZONE, meeting_calendar
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.timeutil import STOCKHOLM
from tests.calendar.ical import assert_folded_within_75_octets, events_by_uid, parse_both, utc
from tests.factories import make_user

LONG_TITLE = "Årsmöte för brukarrådet: återkoppling på förändringar i äldreomsorgens öppna verksamheter"
LONG_LOCATION = "Stadshuset, sammanträdesrummet Ängsö på våning två, ingång från Östra Långgatan, Västerås"


def meeting_in_memory(number: int = 7, *, state=MeetingState.PUBLISHED, title="Rådsmöte i mars",
                      starts_at=datetime(2026, 3, 3, 12, 0, tzinfo=UTC), duration=timedelta(hours=2),
                      items=("Mötets öppnande", "Information från förvaltningen", "Övriga frågor"),
                      **fields) -> Meeting:
    meeting = Meeting(
        id=number, council=Council(name="Brukarrådet för socialtjänst", slug="socialtjanst"), title=title,
        starts_at=starts_at, ends_at=starts_at + duration, state=state,
        location=fields.pop("location", "Stadshuset, rum 3"), online_url=fields.pop("online_url", ""),
        description=fields.pop("description", ""), sequence=fields.pop("sequence", 0),
        calendar_uid=fields.pop("calendar_uid", f"meeting-{number}@councilportal"),
        updated_at=fields.pop("updated_at", datetime(2026, 2, 20, 8, 15, tzinfo=UTC)), **fields,
    )
    meeting.agenda_items = [AgendaItem(position=position, title=title)
                            for position, title in enumerate(items, start=1)]
    return meeting


def test_a_feed_carries_every_property_of_the_contract(app_context):
    meeting = meeting_in_memory(sequence=3, online_url="https://meet.example.se/rad",
                                description="Vi går igenom vårens synpunkter.")
    data = meeting_calendar([meeting], name="Brukarrådet för socialtjänst")

    calendar, independent = parse_both(data)
    assert str(calendar["PRODID"]).startswith("-//")
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0", "GREGORIAN", "PUBLISH")
    assert str(calendar["X-WR-CALNAME"]) == "Brukarrådet för socialtjänst"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in data and b"X-PUBLISHED-TTL:PT1H\r\n" in data
    assert independent.method.value == "PUBLISH"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert b"DTSTART;TZID=Europe/Stockholm:20260303T130000\r\n" in data
    assert b"DTEND;TZID=Europe/Stockholm:20260303T150000\r\n" in data

    [(event, other)] = events_by_uid(data).values()
    assert str(event["UID"]) == "meeting-7@councilportal"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert utc(other.dtstart.value) == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    assert utc(other.dtend.value) == datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
    assert other.summary.value == "Rådsmöte i mars"
    assert other.location.value == "Stadshuset, rum 3"
    assert other.url.value == "http://portal.test/meetings/7"
    assert other.sequence.value == "3"
    assert utc(other.last_modified.value) == datetime(2026, 2, 20, 8, 15, tzinfo=UTC)
    assert other.status.value == "CONFIRMED"
    assert other.description.value == (
        "Brukarrådet för socialtjänst\n\nVi går igenom vårens synpunkter.\n\n"
        "Dagordning:\n1. Mötets öppnande\n2. Information från förvaltningen\n3. Övriga frågor\n\n"
        "Delta digitalt: https://meet.example.se/rad"
    )
    assert "ORGANIZER" not in event and "ATTENDEE" not in event, "a feed names nobody"


def test_an_online_meeting_without_a_room_has_its_link_as_location(app_context):
    data = meeting_calendar([meeting_in_memory(location="", online_url="https://meet.example.se/rad")])
    [(_, other)] = events_by_uid(data).values()
    assert other.location.value == "https://meet.example.se/rad"


def test_an_invitation_is_organised_by_the_portal_and_invites_each_attendee(session):
    åsa = make_user(session, "Åsa Öberg", "asa@example.se")
    nils = make_user(session, "Nils Ek", "nils@example.se")
    data = meeting_calendar([meeting_in_memory(sequence=1)], method="REQUEST", attendees=[åsa, nils])

    calendar, independent = parse_both(data)
    assert str(calendar["METHOD"]) == independent.method.value == "REQUEST"
    [(event, other)] = events_by_uid(data).values()
    assert other.organizer.value == "mailto:noreply@example.se"
    assert other.organizer.params["CN"] == ["Brukarrådsportalen"]
    invited = {attendee.value: attendee.params["CN"][0] for attendee in other.attendee_list}
    assert invited == {"mailto:asa@example.se": "Åsa Öberg", "mailto:nils@example.se": "Nils Ek"}
    # Asked to answer: the answer reaches the portal through the mail's link or the meeting page.
    assert all(attendee.params["RSVP"] == ["TRUE"] for attendee in other.attendee_list)
    assert other.sequence.value == "1"
    assert other.status.value == "CONFIRMED"


def test_a_cancellation_says_cancelled_with_the_same_uid_and_a_higher_sequence(session):
    person = make_user(session)
    published = meeting_in_memory(sequence=1)
    cancelled = meeting_in_memory(state=MeetingState.CANCELLED, sequence=2)

    [(_, before)] = events_by_uid(meeting_calendar([published], method="REQUEST", attendees=[person])).values()
    data = meeting_calendar([cancelled], method="CANCEL", attendees=[person])
    calendar, _ = parse_both(data)
    [(_, after)] = events_by_uid(data).values()
    assert str(calendar["METHOD"]) == "CANCEL"
    assert after.uid.value == before.uid.value
    assert int(after.sequence.value) > int(before.sequence.value)
    assert after.status.value == "CANCELLED"
    assert [attendee.value for attendee in after.attendee_list] == [f"mailto:{person.email}"]


def test_a_cancelled_meeting_stays_in_a_feed_as_cancelled(app_context):
    data = meeting_calendar([meeting_in_memory(1), meeting_in_memory(2, state=MeetingState.CANCELLED)])
    statuses = {uid: other.status.value for uid, (_, other) in events_by_uid(data).items()}
    assert statuses == {"meeting-1@councilportal": "CONFIRMED", "meeting-2@councilportal": "CANCELLED"}


def test_a_meeting_across_the_autumn_clock_change_keeps_its_local_times_and_instants(app_context):
    # Sunday 25 October 2026, clocks go back from 03.00 CEST to 02.00 CET: 01.30–03.30 local is three hours.
    starts = datetime(2026, 10, 25, 1, 30, tzinfo=STOCKHOLM)
    meeting = meeting_in_memory(starts_at=starts.astimezone(UTC), duration=timedelta(hours=3))
    assert meeting.ends_at.astimezone(STOCKHOLM).replace(tzinfo=None) == datetime(2026, 10, 25, 3, 30)

    data = meeting_calendar([meeting])
    assert b"DTSTART;TZID=Europe/Stockholm:20261025T013000\r\n" in data
    assert b"DTEND;TZID=Europe/Stockholm:20261025T033000\r\n" in data
    [(event, other)] = events_by_uid(data).values()
    for start, end in ((event.start, event.end), (other.dtstart.value, other.dtend.value)):
        assert utc(start) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
        assert utc(end) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)


def test_a_meeting_across_the_spring_clock_change_keeps_its_instants(app_context):
    # Sunday 29 March 2026, clocks go forward from 02.00 CET to 03.00 CEST.
    starts = datetime(2026, 3, 29, 1, 30, tzinfo=STOCKHOLM)
    data = meeting_calendar([meeting_in_memory(starts_at=starts.astimezone(UTC), duration=timedelta(hours=2))])
    assert b"DTSTART;TZID=Europe/Stockholm:20260329T013000\r\n" in data
    assert b"DTEND;TZID=Europe/Stockholm:20260329T043000\r\n" in data
    [(event, other)] = events_by_uid(data).values()
    for start, end in ((event.start, event.end), (other.dtstart.value, other.dtend.value)):
        assert utc(start) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
        assert utc(end) == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)


def test_the_timezone_definition_agrees_with_zoneinfo_at_every_clock_change_until_2040():
    """Read by dateutil (as vobject and many clients read it), half-hour by half-hour around each change."""
    ours = dateutil_tz.tzical(io.StringIO(STOCKHOLM_VTIMEZONE.to_ical().decode())).get("Europe/Stockholm")
    for year in range(2020, 2041):
        for month in (3, 10):
            instant = datetime(year, month, 20, tzinfo=UTC)
            while instant < datetime(year, month + 1, 2, tzinfo=UTC):
                assert instant.astimezone(ours).utcoffset() == instant.astimezone(STOCKHOLM).utcoffset(), instant
                local = instant.astimezone(STOCKHOLM).replace(tzinfo=None)
                if not _ambiguous(local):
                    assert utc(local.replace(tzinfo=ours)) == instant, local
                instant += timedelta(minutes=30)


def _ambiguous(local: datetime) -> bool:
    """The hour that happens twice when the clocks go back."""
    return local.replace(tzinfo=STOCKHOLM, fold=0).utcoffset() != local.replace(tzinfo=STOCKHOLM, fold=1).utcoffset()


def test_long_swedish_title_and_location_fold_within_75_octets_and_unfold_exactly(app_context):
    meeting = meeting_in_memory(title=LONG_TITLE, location=LONG_LOCATION)
    assert len(f"SUMMARY:{LONG_TITLE}".encode()) > 75 and len(f"LOCATION:{LONG_LOCATION}".encode()) > 75

    data = meeting_calendar([meeting], name=LONG_TITLE)
    assert_folded_within_75_octets(data)
    [(event, other)] = events_by_uid(data).values()
    assert str(event["SUMMARY"]) == other.summary.value == LONG_TITLE
    assert str(event["LOCATION"]) == other.location.value == LONG_LOCATION


def test_the_uid_stays_the_same_through_every_change(app_context):
    before = meeting_in_memory(title="Före", sequence=0)
    after = meeting_in_memory(title="Efter", sequence=4, starts_at=datetime(2026, 4, 1, 12, tzinfo=UTC))
    [first] = events_by_uid(meeting_calendar([before]))
    [second] = events_by_uid(meeting_calendar([after]))
    assert first == second == "meeting-7@councilportal"


def test_an_unknown_method_is_refused(app_context):
    with pytest.raises(ValueError):
        meeting_calendar([], method="REPLY")
