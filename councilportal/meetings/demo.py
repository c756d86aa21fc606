"""Demo meetings: for each council about one a month, from a year ago to a few months ahead, in every state.

Meetings, agendas, attendance and minutes go through the domain functions, each given the moment
it happened; publishing and cancelling are set directly so the demo does not mail the members
about meetings long past.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from councilportal.accounts.models import User
from councilportal.councils.models import Council, MembershipRole, Seat
from councilportal.councils.services import council_memberships
from councilportal.meetings import attendance, minutes, replies, services
from councilportal.meetings.models import Meeting, MeetingState, MinutesChecker
from councilportal.timeutil import STOCKHOLM, now_utc, today_in_sweden

STANDARD_AGENDA = ["Mötets öppnande", "Information från förvaltningen", "Synpunkter från brukarorganisationerna",
                   "Övriga frågor"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
TOPICS = [
    ("Väntetider till beroendemottagningen", "Enhetschefen redovisar väntetiderna under året."),
    ("Boendestödets öppettider", "Förslag om kvällsöppet två dagar i veckan."),
    ("Brukarrevision 2026", "Hur revisionen läggs upp och vilka organisationer som deltar."),
    ("Budget för nästa år", "Förvaltningens förslag och vad det betyder för brukarna."),
    ("Personligt ombud", "Samverkan mellan kommunen och regionen kring personligt ombud."),
    ("Tillgänglighet på mottagningarna", "Skyltning, teckenspråkstolk och lättläst information."),
    ("Kris- och jourtelefonen", "Erfarenheter från första halvåret."),
    ("Arvode för brukarrepresentanter", "Genomgång av de nya reglerna för ersättning."),
]
MINUTES = {
    "Mötets öppnande": ("Ordföranden öppnade mötet och hälsade alla välkomna.", "Dagordningen godkändes."),
    "Information från förvaltningen": ("Förvaltningen informerade om läget i verksamheterna och om "
                                       "rekryteringen av nya medarbetare.", "Informationen noterades."),
    "Synpunkter från brukarorganisationerna": ("Organisationerna lyfte frågor om bemötande och väntetider. "
                                               "Synpunkterna registreras i portalen.",
                                               "Förvaltningen återkommer med svar till nästa möte."),
    "Övriga frågor": ("Inga övriga frågor togs upp.", ""),
}


@dataclass(frozen=True)
class Rhythm:
    """When and where a council meets: the nth weekday of the month at a given hour."""

    weekday: int
    nth: int
    starts: time
    location: str
    online_url: str = ""


RHYTHMS = {
    "socialtjanst-och-beroende": Rhythm(1, 2, time(13, 0), "Stadshuset, sal Exempel"),
    "vuxenpsykiatri": Rhythm(3, 3, time(9, 30), "Vuxenpsykiatrins konferensrum, Storgatan 12",
                             "https://mote.exempel.se/vuxenpsykiatri"),
    "anhorigradet": Rhythm(2, 1, time(17, 0), "Träffpunkt Anhörig, Kyrkogatan 4"),
}
DEFAULT_RHYTHM = Rhythm(1, 4, time(14, 0), "Stadshuset")
SUMMER_BREAK = 7


def seed(session: Session) -> None:
    for council in session.scalars(sa.select(Council).order_by(Council.id)):
        _seed_council(session, council)


def _seed_council(session: Session, council: Council) -> None:
    coordinator = council.coordinators[0]
    services.save_agenda_template(session, coordinator, council, "\n".join(STANDARD_AGENDA))
    rhythm = RHYTHMS.get(council.slug, DEFAULT_RHYTHM)
    today = today_in_sweden()
    days = [day for day in (_nth_weekday(_add_months(today, offset), rhythm) for offset in range(-12, 4))
            if day.month != SUMMER_BREAK]
    past = [day for day in days if day < today]
    future = [day for day in days if day >= today]
    for number, day in enumerate(past):
        meeting = _meeting(session, coordinator, council, day, rhythm, number)
        if number == len(past) - 5:
            _cancel(meeting, meeting.starts_at - timedelta(days=6))
        else:
            _hold(session, coordinator, meeting, approved=number < len(past) - 1)
    for number, day in enumerate(future):
        meeting = _meeting(session, coordinator, council, day, rhythm, len(past) + number)
        if number < 2:
            _publish(meeting, min(meeting.starts_at - timedelta(days=21), now_utc()))
        if number == 0:
            services.attach_document(session, coordinator, meeting, FileStorage(
                io.BytesIO(_notice(meeting).encode("utf-8")), filename="Kallelse och dagordning.txt"))
            _replies(session, meeting)
        if number == 2 and council.slug == "anhorigradet":
            _publish(meeting, now_utc() - timedelta(days=10))
            _cancel(meeting, now_utc() - timedelta(days=2))


def _replies(session: Session, meeting: Meeting) -> None:
    """Answers to the next meeting's invitation: every ordinarie with a deputy cannot come (so the deputy is
    called in, and comes), the first without one cannot either (their seat stays empty), the last without
    one has not answered yet, and everyone else comes."""
    if not replies.replies_open(meeting):
        return
    eligible = attendance.eligible_memberships(session, meeting)
    paired = {m.stands_in_for_id for m in eligible if m.stands_in_for_id}
    ordinary = [m for m in eligible if m.seat is Seat.ORDINARY]
    unpaired = [m for m in ordinary if m.id not in paired]
    silent = unpaired[-1] if len(unpaired) > 1 else None
    called_in = []
    for membership in ordinary:
        if membership is not silent:
            coming = membership.id not in paired and membership is not unpaired[0]
            called_in += replies.reply_to_meeting(session, membership.user, meeting, coming)
    for deputy in called_in:
        replies.reply_to_meeting(session, deputy, meeting, True)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _nth_weekday(first_of_month: date, rhythm: Rhythm) -> date:
    offset = (rhythm.weekday - first_of_month.weekday()) % 7
    return first_of_month + timedelta(days=offset + 7 * (rhythm.nth - 1))


def _meeting(session: Session, coordinator: User, council: Council, day: date, rhythm: Rhythm,
             number: int) -> Meeting:
    starts_at = datetime.combine(day, rhythm.starts, tzinfo=STOCKHOLM)
    meeting = services.create_meeting(session, coordinator, council, services.MeetingFields(
        title=f"Rådsmöte {MONTHS[day.month - 1]} {day.year}", starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2), location=rhythm.location, online_url=rhythm.online_url,
        case_number=f"{council.owner.short_name[:2].upper()} {day.year}/{100 + number}"))
    topic, description = TOPICS[(number + council.id) % len(TOPICS)]
    for title in STANDARD_AGENDA[:3]:
        services.add_agenda_item(session, coordinator, meeting, services.AgendaItemFields(title=title))
    services.add_agenda_item(session, coordinator, meeting, services.AgendaItemFields(
        title=topic, description=description, presenter="Förvaltningen", planned_minutes=30))
    services.add_agenda_item(session, coordinator, meeting, services.AgendaItemFields(title=STANDARD_AGENDA[3]))
    created = min(meeting.starts_at - timedelta(days=35), now_utc())
    meeting.created_at = meeting.updated_at = created
    return meeting


def _publish(meeting: Meeting, when: datetime) -> None:
    meeting.state = MeetingState.PUBLISHED
    meeting.published_at = meeting.updated_at = when


def _cancel(meeting: Meeting, when: datetime) -> None:
    meeting.published_at = meeting.published_at or when - timedelta(days=14)
    meeting.state = MeetingState.CANCELLED
    meeting.cancelled_at = meeting.updated_at = when
    meeting.sequence += 1


def _hold(session: Session, coordinator: User, meeting: Meeting, *, approved: bool) -> None:
    """Attendance, minutes and checkers as they were written after the meeting; approved by all or by one."""
    _publish(meeting, meeting.starts_at - timedelta(days=21))
    session.flush()
    meeting = attendance.load_after_meeting(session, meeting.id)
    ended = meeting.ends_at
    eligible = attendance.eligible_memberships(session, meeting)
    if eligible:
        # Someone is always away: every third member skips every other meeting.
        present = [m for index, m in enumerate(eligible) if (index + meeting.id) % 6 != 0] or eligible
        attendance.record_attendance(session, coordinator, meeting, present, now=ended)
    else:
        # Before the current term began: the people then on the council, recorded as guests of the day.
        for membership in _members_before_term(session, meeting):
            attendance.add_attendee(session, coordinator, meeting, membership.user, membership.organisation,
                                    membership.role, now=ended)
    minutes.save_minutes(session, coordinator, meeting, [
        minutes.ItemMinutes(item.id, *MINUTES.get(item.title, (
            f"{item.presenter or 'Förvaltningen'} gick igenom frågan. Ledamöterna ställde frågor och "
            "lämnade synpunkter.", "Rådet tackade för informationen och återkommer i frågan.")))
        for item in meeting.agenda_items
    ], now=ended + timedelta(days=2))
    checkers = [a.user for a in meeting.attendances if a.role is MembershipRole.REPRESENTATIVE][:2]
    for checker in checkers:
        meeting.minutes_checkers.append(MinutesChecker(user=checker))
    session.flush()
    approving = checkers if approved else checkers[:1]
    for days, checker in enumerate(approving, start=5):
        minutes.approve_minutes(session, checker, meeting, now=ended + timedelta(days=days))


def _members_before_term(session: Session, meeting: Meeting):
    seen, members = set(), []
    for membership in council_memberships(session, meeting.council):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            members.append(membership)
    return members


def _notice(meeting: Meeting) -> str:
    lines = [meeting.title, meeting.council.name, "", "Dagordning:"]
    lines += [f"{item.position}. {item.title}" for item in meeting.agenda_items]
    return "\n".join(lines) + "\n"
