"""After the meeting: marking it held and recording who attended, the basis for compensation (arvode)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import Flask
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload

from councilportal.accounts.models import User
from councilportal.councils.models import Council, Membership, MembershipRole
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.meetings.models import Attendance, Meeting, MeetingState, MinutesChecker
from councilportal.organisations.models import Organisation
from councilportal.timeutil import STOCKHOLM, now_utc


def meeting_day(meeting: Meeting) -> date:
    return meeting.starts_at.astimezone(STOCKHOLM).date()


def has_started(meeting: Meeting, now: datetime | None = None) -> bool:
    return meeting.starts_at <= (now or now_utc())


def load_after_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """A meeting with its agenda, attendance and checkers: four queries whatever their number."""
    return session.scalar(
        sa.select(Meeting).where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.agenda_items), selectinload(Meeting.attendances),
                 selectinload(Meeting.minutes_checkers))
        .execution_options(populate_existing=True)
    )


def require_minutes_open(meeting: Meeting, now: datetime | None = None) -> None:
    """Attendance and minutes are written once the meeting has begun, until the checkers have approved."""
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt."))
    if meeting.state is MeetingState.DRAFT:
        raise DomainError(_("Mötet är inte publicerat."))
    if meeting.state is MeetingState.MINUTES_APPROVED:
        raise DomainError(_("Protokollet är justerat och kan inte ändras längre."))
    if not has_started(meeting, now):
        raise DomainError(_("Mötet har inte börjat än. Närvaro och protokoll skrivs när mötet har börjat."))


def record_change_after_meeting(meeting: Meeting, now: datetime) -> None:
    """A published meeting that has begun and gets attendance or minutes has been held."""
    if meeting.state is MeetingState.PUBLISHED:
        meeting.state = MeetingState.HELD
    meeting.updated_at = now


@dataclass(frozen=True)
class MinutesChange:
    """What a save changed in the minutes, told to the checkers in their own language: names and titles."""

    items: tuple[str, ...] = ()  # agenda items whose notes or decision changed
    joined: tuple[str, ...] = ()  # people now among those present
    left: tuple[str, ...] = ()  # people no longer among those present
    moved: tuple[str, ...] = ()  # people present for another organisation, role or seat

    def __bool__(self) -> bool:
        return bool(self.items or self.joined or self.left or self.moved)


def minutes_saved(session: Session, meeting: Meeting, change: MinutesChange, now: datetime) -> bool:
    """Attendance or minutes were saved: the one rule for every such save.

    Saving marks a published meeting held. A change resets every approval, since the checkers
    vouched for a text that no longer exists, and tells each checker who had approved what changed,
    so that they approve the new text. Returns True when approvals were reset.
    """
    if not change and meeting.state is not MeetingState.PUBLISHED:
        return False
    had_approved = [checker.user for checker in meeting.minutes_checkers if checker.approved_at is not None]
    if change:
        for checker in meeting.minutes_checkers:
            checker.approved_at = None
        _ask_to_approve_again(session, meeting, had_approved, change)
    record_change_after_meeting(meeting, now)
    return bool(change and had_approved)


def _ask_to_approve_again(session: Session, meeting: Meeting, checkers: list[User], change: MinutesChange) -> None:
    if not checkers:
        return
    link = absolute_url("minutes.view", meeting_id=meeting.id)
    for checker in checkers:
        if checker.active:
            queue_mail(session, recipient=checker.email, locale=checker.locale, template="minutes_changed",
                       kind="minutes_changed", person=checker, meeting=meeting, change=change, link=link)


def mark_held(session: Session, actor: User, meeting: Meeting, now: datetime | None = None) -> None:
    now = now or now_utc()
    if meeting.state is not MeetingState.PUBLISHED:
        raise DomainError(_("Bara ett publicerat möte kan markeras som hållet."))
    require_minutes_open(meeting, now)
    record_change_after_meeting(meeting, now)
    session.flush()


def eligible_memberships(session: Session, meeting: Meeting) -> list[Membership]:
    """The council's members on the day of the meeting, each with the role and organisation they sat for."""
    day = meeting_day(meeting)
    return list(session.scalars(
        sa.select(Membership)
        .join(Membership.organisation).join(Membership.user)
        .where(Membership.council_id == meeting.council_id, Membership.is_active_on(day))
        .order_by(Organisation.name, Membership.seat.desc(), User.name)
    ).unique())


def sorted_attendance(meeting: Meeting) -> list[Attendance]:
    return sorted(meeting.attendances, key=lambda a: (a.organisation.name if a.organisation else "", a.user.name))


def record_attendance(session: Session, actor: User, meeting: Meeting, present: list[Membership],
                      now: datetime | None = None) -> bool:
    """Who of the council's members attended. People added besides the members are left as they are.

    Returns True when approvals given so far had to be reset (attendance is part of the minutes).
    """
    now = now or now_utc()
    require_minutes_open(meeting, now)
    eligible = {membership.id: membership for membership in eligible_memberships(session, meeting)}
    if any(membership.id not in eligible for membership in present):
        raise DomainError(_("Välj bland rådets ledamöter på mötesdagen."), "present")
    chosen_users = [membership.user_id for membership in present]
    if len(set(chosen_users)) != len(chosen_users):
        raise DomainError(_("Välj varje person bara en gång, för den organisation hen företrädde."), "present")
    member_ids = {membership.user_id for membership in eligible.values()}
    chosen = {membership.user_id: membership for membership in present}
    checker_ids = {checker.user_id for checker in meeting.minutes_checkers}
    attended = {attendance.user_id: attendance for attendance in meeting.attendances}

    leaving = [a for a in meeting.attendances if a.user_id in member_ids and a.user_id not in chosen]
    _refuse_removing_checkers(leaving, checker_ids)
    for attendance in leaving:
        meeting.attendances.remove(attendance)
    joined, moved = [], []
    for user_id, membership in chosen.items():
        attendance = attended.get(user_id)
        if attendance is None:
            meeting.attendances.append(Attendance(user=membership.user, organisation=membership.organisation,
                                                  role=membership.role, seat=membership.seat))
            joined.append(membership.user.name)
        elif (attendance.organisation_id, attendance.role, attendance.seat) != (
                membership.organisation_id, membership.role, membership.seat):
            attendance.organisation, attendance.role, attendance.seat = (
                membership.organisation, membership.role, membership.seat)
            moved.append(membership.user.name)
    change = MinutesChange(joined=tuple(joined), left=tuple(a.user.name for a in leaving), moved=tuple(moved))
    reset = minutes_saved(session, meeting, change, now)
    session.flush()
    return reset


def _refuse_removing_checkers(leaving: list[Attendance], checker_ids: set[int]) -> None:
    for attendance in leaving:
        if attendance.user_id in checker_ids:
            raise DomainError(
                _("%(name)s är justerare och måste stå bland de närvarande. Välj en annan justerare först.",
                  name=attendance.user.name), "present")


def add_attendee(session: Session, actor: User, meeting: Meeting, person: User | None,
                 organisation: Organisation | None, role: MembershipRole, now: datetime | None = None) -> bool:
    """Someone who is not a member on the day (a guest official, a deputy from another term).

    Returns True when approvals given so far had to be reset.
    """
    now = now or now_utc()
    require_minutes_open(meeting, now)
    if person is None:
        raise DomainError(_("Ingen person i portalen har den e-postadressen."), "email")
    if any(attendance.user_id == person.id for attendance in meeting.attendances):
        raise DomainError(_("%(name)s finns redan bland de närvarande.", name=person.name), "email")
    meeting.attendances.append(Attendance(user=person, organisation=organisation, role=role, seat=None))
    reset = minutes_saved(session, meeting, MinutesChange(joined=(person.name,)), now)
    session.flush()
    return reset


def remove_attendee(session: Session, actor: User, meeting: Meeting, attendance: Attendance,
                    now: datetime | None = None) -> bool:
    """Returns True when approvals given so far had to be reset."""
    now = now or now_utc()
    require_minutes_open(meeting, now)
    if attendance.meeting_id != meeting.id:
        raise DomainError(_("Personen finns inte bland mötets närvarande."))
    _refuse_removing_checkers([attendance], {checker.user_id for checker in meeting.minutes_checkers})
    meeting.attendances.remove(attendance)
    reset = minutes_saved(session, meeting, MinutesChange(left=(attendance.user.name,)), now)
    session.flush()
    return reset


def checkers_of(meeting: Meeting) -> list[MinutesChecker]:
    return sorted(meeting.minutes_checkers, key=lambda checker: checker.user.name)


# --- The attendance report (arvode) --------------------------------------------------------------

COUNTED_STATES = (MeetingState.HELD, MeetingState.MINUTES_APPROVED)
# Far outside any council's life, and far enough from year 1 and 9999 for time zone arithmetic.
REPORT_YEARS = (1900, 2999)


@dataclass(frozen=True)
class ReportRow:
    council: str
    organisation: str
    name: str
    email: str
    meetings: int


def attendance_report(session: Session, start: date, end: date, council: Council | None = None) -> list[ReportRow]:
    """Per organisation and person, the held meetings attended from `start` to `end` (Swedish dates,
    both included); one query. Without `council`, every council's, one row per council."""
    for day, field in ((start, "start"), (end, "end")):
        if not REPORT_YEARS[0] <= day.year <= REPORT_YEARS[1]:
            raise DomainError(_("Välj ett datum mellan år %(first)d och %(last)d.", first=REPORT_YEARS[0],
                                last=REPORT_YEARS[1]), field)
    if end < start:
        raise DomainError(_("Perioden slutar innan den börjar. Välj ett slutdatum efter startdatumet."), "end")
    period_start = datetime.combine(start, time(0), tzinfo=STOCKHOLM)
    period_end = datetime.combine(end + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
    statement = (
        sa.select(Council.name, Organisation.name, User.name, User.email, sa.func.count(Attendance.id))
        .select_from(Attendance)
        .join(Meeting, Attendance.meeting_id == Meeting.id)
        .join(Council, Meeting.council_id == Council.id)
        .join(User, Attendance.user_id == User.id)
        .outerjoin(Organisation, Attendance.organisation_id == Organisation.id)
        .where(Meeting.state.in_(COUNTED_STATES), Meeting.starts_at >= period_start, Meeting.starts_at < period_end)
        .group_by(Council.id, Council.name, Organisation.id, Organisation.name, User.id, User.name, User.email)
        .order_by(Council.name, Organisation.name, User.name, User.id)
    )
    if council is not None:
        statement = statement.where(Meeting.council_id == council.id)
    return [ReportRow(council_name, organisation or "", name, email, count)
            for council_name, organisation, name, email, count in session.execute(statement)]


@dataclass(frozen=True)
class HoursRow:
    """Hours another domain counts for compensation beside meeting attendance, such as an auditor's."""

    activity: str
    name: str
    email: str
    hours: Decimal


# (session, start, end, council or None) -> rows; registered on the app by the domain that keeps the hours.
HoursSource = Callable[[Session, date, date, Council | None], list[HoursRow]]
_HOURS_SOURCES = "councilportal.compensation_hours_sources"


def add_hours_source(app: Flask, source: HoursSource) -> None:
    app.extensions.setdefault(_HOURS_SOURCES, []).append(source)


def other_hours(app: Flask, session: Session, start: date, end: date, council: Council | None) -> list[HoursRow]:
    """Every registered domain's hours in the period, for the attendance report."""
    return [row for source in app.extensions.get(_HOURS_SOURCES, []) for row in source(session, start, end, council)]
