"""Meeting rules: drafts, agenda, documents, publishing, updates and cancelling."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload
from werkzeug.datastructures import FileStorage

from councilportal import uploads
from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.services import active_members, councils_of
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.meetings.ics import invitation_attachment, meeting_calendar
from councilportal.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState
from councilportal.meetings.policies import can_manage_meetings
from councilportal.meetings.reply_links import reply_links
from councilportal.timeutil import now_utc

# Meeting details and the agenda can change until the meeting has been held.
CHANGEABLE_STATES = (MeetingState.DRAFT, MeetingState.PUBLISHED)
TEMPLATE_TITLE_MAX = 200


def load_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """A meeting with its agenda and documents, in three queries whatever their number."""
    return session.scalar(
        sa.select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.agenda_items), selectinload(Meeting.documents))
        .execution_options(populate_existing=True)
    )


def lock_with_agenda(session: Session, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda, loaded if it was not (the relationship never loads by itself).

    The meeting's row stays locked until the transaction ends, so two coordinators changing
    the agenda at once take turns instead of giving two items the same position.
    """
    session.execute(
        sa.select(Meeting).where(Meeting.id == meeting.id).options(selectinload(Meeting.agenda_items))
        .with_for_update(of=Meeting)
    ).all()
    return meeting.agenda_items


def record_change(meeting: Meeting) -> None:
    """Every change moves LAST-MODIFIED; once published, it also tells calendars to update (SEQUENCE)."""
    meeting.updated_at = now_utc()
    if meeting.state is MeetingState.PUBLISHED:
        # Counted by the database, so two coordinators saving at once both raise it.
        meeting.sequence = Meeting.sequence + 1


def _require_changeable(meeting: Meeting) -> None:
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt och kan inte ändras."))
    if meeting.state not in CHANGEABLE_STATES:
        raise DomainError(_("Mötet har redan hållits; dagordningen och mötesuppgifterna kan inte ändras."))


# --- Meetings ------------------------------------------------------------------------------------


@dataclass
class MeetingFields:
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    online_url: str = ""
    description: str = ""
    case_number: str = ""


def _check_meeting_fields(fields: MeetingFields) -> None:
    if not fields.title.strip():
        raise DomainError(_("Fyll i mötets rubrik."), "title")
    if fields.ends_at <= fields.starts_at:
        raise DomainError(_("Mötet måste sluta efter att det har börjat."), "ends_at")
    url = fields.online_url.strip()
    if url and not url.lower().startswith(("https://", "http://")):
        raise DomainError(_("Länken ska börja med https://."), "online_url")


def _apply(meeting: Meeting, fields: MeetingFields) -> None:
    meeting.title = fields.title.strip()
    meeting.starts_at = fields.starts_at
    meeting.ends_at = fields.ends_at
    meeting.location = fields.location.strip()
    meeting.online_url = fields.online_url.strip()
    meeting.description = fields.description.strip()
    meeting.case_number = fields.case_number.strip()


def create_meeting(session: Session, actor: User, council: Council, fields: MeetingFields) -> Meeting:
    """A new meeting starts as a draft that only the coordinators see."""
    _check_meeting_fields(fields)
    meeting = Meeting(council=council, state=MeetingState.DRAFT, created_by_id=actor.id, agenda_items=[])
    _apply(meeting, fields)
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(session: Session, actor: User, meeting: Meeting, fields: MeetingFields) -> bool:
    """Change the meeting's details; True when something changed. Members of a published meeting get an update."""
    _require_changeable(meeting)
    _check_meeting_fields(fields)
    before = _details(meeting)
    _apply(meeting, fields)
    changed = _details(meeting) != before
    if changed:
        record_change(meeting)
    session.flush()
    if changed and meeting.state is MeetingState.PUBLISHED:
        send_update(session, meeting)
    return changed


def _details(meeting: Meeting) -> tuple:
    return (meeting.title, meeting.starts_at, meeting.ends_at, meeting.location, meeting.online_url,
            meeting.description, meeting.case_number)


def publish_meeting(session: Session, actor: User, meeting: Meeting) -> int:
    """Make a draft visible to the council and invite every active member; returns how many were invited."""
    if not meeting.is_draft:
        raise DomainError(_("Bara ett utkast kan publiceras."))
    meeting.state = MeetingState.PUBLISHED
    meeting.published_at = meeting.updated_at = now_utc()
    session.flush()
    return _mail_members(session, meeting, "REQUEST", "meeting_invitation")


def cancel_meeting(session: Session, actor: User, meeting: Meeting) -> int:
    """Cancel a published meeting: it stays visible as cancelled and calendars mark it so."""
    if meeting.is_draft:
        raise DomainError(_("Ett utkast ställs inte in; ta bort det i stället."))
    if meeting.state is not MeetingState.PUBLISHED:
        raise DomainError(_("Bara ett publicerat möte som inte har hållits kan ställas in."))
    record_change(meeting)
    meeting.state = MeetingState.CANCELLED
    meeting.cancelled_at = meeting.updated_at
    session.flush()
    return _mail_members(session, meeting, "CANCEL", "meeting_cancelled")


def send_update(session: Session, meeting: Meeting) -> int:
    """Tell the members that a published meeting changed, with the event at its new SEQUENCE."""
    return _mail_members(session, meeting, "REQUEST", "meeting_updated")


def _mail_members(session: Session, meeting: Meeting, method: str, template: str) -> int:
    """One mail per active member, each carrying the meeting as an invitation addressed to them."""
    lock_with_agenda(session, meeting)
    members = active_members(session, meeting.council)
    for member in members:
        mail_invitation(session, meeting, member, method=method, template=template)
    return len(members)


def mail_invitation(session: Session, meeting: Meeting, person: User, *, method: str, template: str,
                    **context) -> None:
    """One mail with the meeting as a calendar invitation addressed to `person`; an invitation or an update
    also carries the links that answer it. The meeting's agenda must be loaded (lock_with_agenda)."""
    with force_locale(person.locale):
        calendar = meeting_calendar([meeting], method=method, attendees=[person])
    invitation = invitation_attachment(calendar, method)
    answers = reply_links(meeting.id, person) if method == "REQUEST" else {}
    queue_mail(session, recipient=person.email, locale=person.locale, template=template, kind=template,
               alternative=invitation, attachments=(invitation,), meeting=meeting, user=person,
               link=absolute_url("meetings.detail", meeting_id=meeting.id), answers=answers, **context)


def delete_meeting(session: Session, actor: User, meeting: Meeting) -> None:
    """Only a draft can be deleted: once published, members have it in their calendars."""
    if not meeting.is_draft:
        raise DomainError(_("Bara ett utkast kan tas bort. Ett publicerat möte kan ställas in."))
    keys = list(session.scalars(sa.select(MeetingDocument.storage_key).where(MeetingDocument.meeting_id == meeting.id)))
    session.delete(meeting)
    session.flush()
    for key in keys:
        uploads.delete_upload(session, key)


def council_meetings(council: Council, *, include_drafts: bool) -> tuple[sa.Select, sa.Select]:
    """The council's upcoming meetings (soonest first) and past ones (latest first), as queries to page."""
    statement = sa.select(Meeting).where(Meeting.council_id == council.id)
    if not include_drafts:
        statement = statement.where(Meeting.state != MeetingState.DRAFT)
    now = now_utc()
    upcoming = statement.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)
    past = statement.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return upcoming, past


def upcoming_council_meetings(session: Session, council: Council, *, include_drafts: bool,
                              limit: int = 5) -> list[Meeting]:
    upcoming, _past = council_meetings(council, include_drafts=include_drafts)
    return list(session.scalars(upcoming.limit(limit)))


def my_upcoming_meetings(session: Session, user: User) -> sa.Select:
    """Upcoming meetings of the councils a person sits on or coordinates; drafts only where they run the meetings."""
    councils = councils_of(session, user)
    coordinated = [council.id for council in councils if can_manage_meetings(user, council)]
    return (
        sa.select(Meeting)
        .where(
            Meeting.council_id.in_([council.id for council in councils]),
            Meeting.ends_at >= now_utc(),
            sa.or_(Meeting.state != MeetingState.DRAFT, Meeting.council_id.in_(coordinated)),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )


# --- Agenda --------------------------------------------------------------------------------------


@dataclass
class AgendaItemFields:
    title: str
    description: str = ""
    presenter: str = ""
    planned_minutes: int | None = None


def _check_item_fields(fields: AgendaItemFields) -> None:
    if not fields.title.strip():
        raise DomainError(_("Fyll i punktens rubrik."), "title")
    if fields.planned_minutes is not None and not 1 <= fields.planned_minutes <= 600:
        raise DomainError(_("Planerad tid ska vara mellan 1 och 600 minuter."), "planned_minutes")


def _apply_item(item: AgendaItem, fields: AgendaItemFields) -> None:
    item.title = fields.title.strip()
    item.description = fields.description.strip()
    item.presenter = fields.presenter.strip()
    item.planned_minutes = fields.planned_minutes


def add_agenda_item(session: Session, actor: User, meeting: Meeting, fields: AgendaItemFields) -> AgendaItem:
    """A new item goes last on the agenda."""
    _require_changeable(meeting)
    _check_item_fields(fields)
    agenda = lock_with_agenda(session, meeting)
    item = AgendaItem(position=len(agenda) + 1, notes="", decision="")
    _apply_item(item, fields)
    agenda.append(item)
    record_change(meeting)
    session.flush()
    return item


def update_agenda_item(session: Session, actor: User, meeting: Meeting, item: AgendaItem,
                       fields: AgendaItemFields) -> None:
    _require_changeable(meeting)
    _require_item_of(meeting, item)
    _check_item_fields(fields)
    _apply_item(item, fields)
    record_change(meeting)
    session.flush()


def remove_agenda_item(session: Session, actor: User, meeting: Meeting, item: AgendaItem) -> None:
    """Remove an item and its documents; the items after it move up."""
    _require_changeable(meeting)
    _require_item_of(meeting, item)
    documents = list(session.scalars(sa.select(MeetingDocument).where(MeetingDocument.agenda_item_id == item.id)))
    for document in documents:
        session.delete(document)
    agenda = lock_with_agenda(session, meeting)
    agenda.remove(item)
    _renumber(agenda)
    record_change(meeting)
    session.flush()
    for document in documents:
        uploads.delete_upload(session, document.storage_key)


def move_agenda_item(session: Session, actor: User, meeting: Meeting, item: AgendaItem, steps: int) -> None:
    """Move an item up (-1) or down (+1); at either end of the agenda it stays where it is."""
    _require_changeable(meeting)
    _require_item_of(meeting, item)
    agenda = lock_with_agenda(session, meeting)
    order = list(agenda)
    index = order.index(item)
    target = min(max(index + steps, 0), len(order) - 1)
    if target == index:
        return
    order[index], order[target] = order[target], order[index]
    _renumber(order)
    # Keep the loaded list in agenda order too; sort() reorders in place without adding or removing items.
    agenda.sort(key=lambda each: each.position)
    record_change(meeting)
    session.flush()


def _renumber(agenda: list[AgendaItem]) -> None:
    for position, item in enumerate(agenda, start=1):
        item.position = position


def _require_item_of(meeting: Meeting, item: AgendaItem) -> None:
    if item.meeting_id != meeting.id:
        raise DomainError(_("Punkten hör inte till det här mötet."))


def template_titles(council: Council) -> list[str]:
    return [line.strip() for line in council.agenda_template.splitlines() if line.strip()]


def prefill_agenda(session: Session, actor: User, meeting: Meeting) -> list[AgendaItem]:
    """Add the council's standard items that the agenda does not have yet, after the items already there."""
    _require_changeable(meeting)
    titles = template_titles(meeting.council)
    if not titles:
        raise DomainError(_("Rådet har ingen standarddagordning än."))
    agenda = lock_with_agenda(session, meeting)
    present = {item.title.casefold() for item in agenda}
    added = []
    for title in titles:
        if title.casefold() in present:
            continue
        item = AgendaItem(position=len(agenda) + 1, title=title, description="", presenter="", notes="", decision="")
        agenda.append(item)
        added.append(item)
        present.add(title.casefold())
    if added:
        record_change(meeting)
    session.flush()
    return added


def save_agenda_template(session: Session, actor: User, council: Council, text: str) -> None:
    """The council's standard agenda: one item title per line; blank lines are dropped."""
    titles = [line.strip() for line in text.splitlines() if line.strip()]
    too_long = next((title for title in titles if len(title) > TEMPLATE_TITLE_MAX), None)
    if too_long is not None:
        raise DomainError(_("En punkt får ha högst %(max)d tecken: \"%(title)s…\"",
                            max=TEMPLATE_TITLE_MAX, title=too_long[:40]), "agenda_template")
    council.agenda_template = "\n".join(titles)
    session.flush()


# --- Documents -----------------------------------------------------------------------------------


def attach_document(session: Session, actor: User, meeting: Meeting, file: FileStorage | None,
                    item: AgendaItem | None = None) -> MeetingDocument:
    """Keep an uploaded file on the meeting, or on one of its agenda items."""
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt och kan inte ändras."))
    if item is not None and item.meeting_id != meeting.id:
        raise DomainError(_("Punkten hör inte till det här mötet."), "agenda_item_id")
    stored = uploads.store_upload(session, file)
    document = MeetingDocument.of_upload(stored, meeting_id=meeting.id, agenda_item_id=item.id if item else None,
                                         uploaded_by_id=actor.id, uploaded_at=now_utc())
    session.add(document)
    record_change(meeting)
    session.flush()
    return document


def remove_document(session: Session, actor: User, meeting: Meeting, document: MeetingDocument) -> None:
    if document.meeting_id != meeting.id:
        raise DomainError(_("Dokumentet hör inte till det här mötet."))
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt och kan inte ändras."))
    session.delete(document)
    record_change(meeting)
    session.flush()
    uploads.delete_upload(session, document.storage_key)
