"""The minutes: notes and a decision per agenda item, named checkers (justerare) and their approval.

Changing the minutes, or who attended, after a checker has approved resets every approval: the
checkers vouched for a text that no longer exists, so each approves the new one. Once all have
approved, the minutes are final and cannot change.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.meetings.attendance import (
    MinutesChange,
    minutes_saved,
    record_change_after_meeting,
    require_minutes_open,
)
from councilportal.meetings.models import Meeting, MeetingState, MinutesChecker
from councilportal.timeutil import now_utc

TEXT_MAX = 20_000


@dataclass(frozen=True)
class ItemMinutes:
    item_id: int
    notes: str
    decision: str


def awaits_approval_by(session: Session, meeting: Meeting, person: User) -> bool:
    return session.scalar(
        sa.select(sa.func.count()).select_from(MinutesChecker)
        .where(MinutesChecker.meeting_id == meeting.id, MinutesChecker.user_id == person.id,
               MinutesChecker.approved_at.is_(None))
    ) > 0


def has_minutes(meeting: Meeting) -> bool:
    return any(item.notes or item.decision for item in meeting.agenda_items)


def save_minutes(session: Session, actor: User, meeting: Meeting, entries: list[ItemMinutes],
                 now: datetime | None = None) -> bool:
    """Write the minutes of every agenda item. Returns True when approvals given so far were reset."""
    now = now or now_utc()
    require_minutes_open(meeting, now)
    items = {item.id: item for item in meeting.agenda_items}
    if sorted(entry.item_id for entry in entries) != sorted(items):
        raise DomainError(_("Dagordningen har ändrats medan du skrev. Ladda om sidan och skriv in ändringarna igen."))
    changed_items = []
    for entry in entries:
        notes, decision = entry.notes.strip(), entry.decision.strip()
        if len(notes) > TEXT_MAX or len(decision) > TEXT_MAX:
            raise DomainError(_("Anteckningar och beslut får ha högst %(max)d tecken per punkt.", max=TEXT_MAX))
        item = items[entry.item_id]
        if (item.notes, item.decision) != (notes, decision):
            item.notes, item.decision = notes, decision
            changed_items.append(item)
    changed_items.sort(key=lambda item: item.position)
    change = MinutesChange(items=tuple(f"{item.position}. {item.title}" for item in changed_items))
    reset = minutes_saved(session, meeting, change, now)
    session.flush()
    return reset


def name_checkers(session: Session, actor: User, meeting: Meeting, people: list[User],
                  now: datetime | None = None) -> None:
    """Who checks the minutes. Someone kept keeps their approval; someone new is told by e-mail."""
    now = now or now_utc()
    require_minutes_open(meeting, now)
    if not people:
        raise DomainError(_("Välj minst en justerare."), "checker_ids")
    attendee_ids = {attendance.user_id for attendance in meeting.attendances}
    if any(person.id not in attendee_ids for person in people):
        raise DomainError(_("En justerare ska ha varit närvarande vid mötet."), "checker_ids")
    wanted = {person.id: person for person in people}
    for checker in list(meeting.minutes_checkers):
        if checker.user_id not in wanted:
            meeting.minutes_checkers.remove(checker)
    already = {checker.user_id for checker in meeting.minutes_checkers}
    for person in people:
        if person.id not in already:
            meeting.minutes_checkers.append(MinutesChecker(user=person))
            queue_mail(session, recipient=person.email, locale=person.locale, template="minutes_checker",
                       kind="minutes_checker", person=person, meeting=meeting,
                       link=absolute_url("minutes.view", meeting_id=meeting.id))
    record_change_after_meeting(meeting, now)
    _approve_if_everyone_has(meeting, now)
    session.flush()


def approve_minutes(session: Session, actor: User, meeting: Meeting, now: datetime | None = None) -> bool:
    """The actor approves (justerar). Returns True when that made the minutes approved."""
    now = now or now_utc()
    require_minutes_open(meeting, now)
    checker = next((c for c in meeting.minutes_checkers if c.user_id == actor.id), None)
    if checker is None:
        raise DomainError(_("Du är inte justerare för det här protokollet."))
    if checker.approved_at is not None:
        raise DomainError(_("Du har redan justerat protokollet."))
    if not has_minutes(meeting):
        raise DomainError(_("Protokollet är inte skrivet än. Justera det när anteckningar och beslut finns."))
    checker.approved_at = now
    meeting.updated_at = now
    approved = _approve_if_everyone_has(meeting, now)
    if approved:
        _tell_the_coordinators(session, meeting)
    session.flush()
    return approved


def _tell_the_coordinators(session: Session, meeting: Meeting) -> None:
    """The coordinators send approved minutes on (to the municipality's registry, for one)."""
    link = absolute_url("minutes.view", meeting_id=meeting.id)
    for coordinator in meeting.council.coordinators:
        queue_mail(session, recipient=coordinator.email, locale=coordinator.locale, template="minutes_approved",
                   kind="minutes_approved", person=coordinator, meeting=meeting, link=link)


def _approve_if_everyone_has(meeting: Meeting, now: datetime) -> bool:
    checkers = meeting.minutes_checkers
    if checkers and all(checker.approved_at is not None for checker in checkers) and has_minutes(meeting):
        meeting.state = MeetingState.MINUTES_APPROVED
        meeting.minutes_approved_at = now
        return True
    return False
