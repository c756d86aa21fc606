"""Viewpoints on meeting agendas.

A coordinator puts a viewpoint on an agenda item, where the council discusses it; the item and
the minutes then show it. A meeting whose agenda can still change offers the council's
unanswered viewpoints, so open matters carry forward from meeting to meeting until answered.
"""

import itertools

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, contains_eager, joinedload

from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.meetings.services import record_change
from councilportal.timeutil import now_utc
from councilportal.viewpoints import policies
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointState,
)
from councilportal.viewpoints.queries import AWAITING_ANSWER

# Once a meeting is held its agenda is history, and a cancelled meeting discusses nothing.
AGENDA_OPEN_STATES = (MeetingState.DRAFT, MeetingState.PUBLISHED)


def place_text(item: AgendaItem) -> str:
    """Where a viewpoint is discussed, as the timeline keeps it even if the item is later renamed."""
    return f"{item.meeting.title}: {item.position}. {item.title}"


def _check_agenda_change(actor: User, viewpoint: Viewpoint, item: AgendaItem) -> None:
    if not policies.can_put_on_agenda(actor, viewpoint):
        raise DomainError(_("Bara rådets samordnare kan ändra vilka synpunkter som står på dagordningen."))
    if item.meeting.council_id != viewpoint.council_id:
        raise DomainError(_("Punkten hör till ett möte i ett annat råd."), field="agenda_item_id")
    if item.meeting.state not in AGENDA_OPEN_STATES:
        raise DomainError(_("Mötets dagordning kan inte längre ändras."), field="agenda_item_id")


def put_viewpoint_on_agenda(session: Session, coordinator: User, viewpoint: Viewpoint,
                            item: AgendaItem) -> AgendaViewpoint:
    _check_agenda_change(coordinator, viewpoint, item)
    if viewpoint.state is ViewpointState.WITHDRAWN:
        raise DomainError(_("Synpunkten är tillbakadragen och kan inte sättas på dagordningen."))
    already = session.scalar(
        sa.select(AgendaItem.title)
        .join(AgendaViewpoint, AgendaViewpoint.agenda_item_id == AgendaItem.id)
        .where(AgendaViewpoint.viewpoint_id == viewpoint.id, AgendaItem.meeting_id == item.meeting_id)
    )
    if already is not None:
        raise DomainError(_("Synpunkten står redan på mötets dagordning, under punkten %(title)s.", title=already),
                          field="agenda_item_id")
    link = AgendaViewpoint(agenda_item=item, viewpoint=viewpoint, added_by_id=coordinator.id)
    session.add(link)
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=coordinator, kind=EventKind.PUT_ON_AGENDA,
                               text=place_text(item)))
    record_change(item.meeting)
    session.flush()
    return link


def take_viewpoint_off_agenda(session: Session, coordinator: User, viewpoint: Viewpoint, item: AgendaItem) -> None:
    _check_agenda_change(coordinator, viewpoint, item)
    link = session.get(AgendaViewpoint, (item.id, viewpoint.id))
    if link is None:
        raise DomainError(_("Synpunkten står inte på den punkten."))
    session.delete(link)
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=coordinator, kind=EventKind.REMOVED_FROM_AGENDA,
                               text=place_text(item)))
    record_change(item.meeting)
    session.flush()


def agenda_places(session: Session, viewpoint: Viewpoint) -> list[AgendaItem]:
    """The agenda items a viewpoint stands on, with their meetings, earliest meeting first."""
    return list(session.scalars(
        sa.select(AgendaItem)
        .join(AgendaViewpoint, AgendaViewpoint.agenda_item_id == AgendaItem.id)
        .join(AgendaItem.meeting)
        .where(AgendaViewpoint.viewpoint_id == viewpoint.id)
        .options(contains_eager(AgendaItem.meeting))
        .order_by(Meeting.starts_at, AgendaItem.position)
    ))


def open_agendas(session: Session, viewpoint: Viewpoint) -> list[tuple[Meeting, list[AgendaItem]]]:
    """Where a coordinator may put the viewpoint: the agendas of the council's coming meetings
    that do not have it yet."""
    already_on = (
        sa.select(AgendaItem.meeting_id)
        .join(AgendaViewpoint, AgendaViewpoint.agenda_item_id == AgendaItem.id)
        .where(AgendaViewpoint.viewpoint_id == viewpoint.id)
    )
    items = session.scalars(
        sa.select(AgendaItem)
        .join(AgendaItem.meeting)
        .where(Meeting.council_id == viewpoint.council_id, Meeting.state.in_(AGENDA_OPEN_STATES),
               Meeting.ends_at > now_utc(), Meeting.id.not_in(already_on))
        .options(contains_eager(AgendaItem.meeting))
        .order_by(Meeting.starts_at, Meeting.id, AgendaItem.position)
    )
    return [(meeting, list(agenda)) for meeting, agenda in itertools.groupby(items, key=lambda item: item.meeting)]


def viewpoints_by_agenda_item(session: Session, meeting: Meeting, user: User | None) -> dict[int, list[Viewpoint]]:
    """The viewpoints on each item of a meeting's agenda that this person may see."""
    links = session.scalars(
        sa.select(AgendaViewpoint)
        .join(AgendaViewpoint.agenda_item)
        .where(AgendaItem.meeting_id == meeting.id)
        .options(joinedload(AgendaViewpoint.viewpoint))
    ).unique()
    found: dict[int, list[Viewpoint]] = {}
    for link in links:
        if policies.can_view_viewpoint(user, link.viewpoint):
            found.setdefault(link.agenda_item_id, []).append(link.viewpoint)
    for viewpoints in found.values():
        viewpoints.sort(key=lambda viewpoint: (viewpoint.year, viewpoint.serial))
    return found


def unanswered_viewpoints_for(session: Session, meeting: Meeting) -> list[Viewpoint]:
    """The council's viewpoints still waiting for an answer and not yet on this meeting's agenda."""
    on_this_meeting = (
        sa.select(AgendaViewpoint.viewpoint_id)
        .join(AgendaViewpoint.agenda_item)
        .where(AgendaItem.meeting_id == meeting.id)
    )
    return list(session.scalars(
        sa.select(Viewpoint)
        .where(Viewpoint.council_id == meeting.council_id, Viewpoint.state.in_(AWAITING_ANSWER),
               Viewpoint.id.not_in(on_this_meeting))
        .order_by(Viewpoint.year, Viewpoint.serial)
    ))


def put_unanswered_viewpoints_on_agenda(session: Session, coordinator: User, meeting: Meeting,
                                        item: AgendaItem) -> list[Viewpoint]:
    """Take up every unanswered viewpoint of the council at once, under one item of the meeting."""
    if item.meeting_id != meeting.id:
        raise DomainError(_("Punkten hör inte till det här mötet."), field="agenda_item_id")
    viewpoints = unanswered_viewpoints_for(session, meeting)
    for viewpoint in viewpoints:
        put_viewpoint_on_agenda(session, coordinator, viewpoint, item)
    return viewpoints


def suggested_item(agenda: list[AgendaItem]) -> AgendaItem | None:
    """The item the council's standard agenda keeps for viewpoints, if the meeting has one."""
    for item in agenda:
        if "synpunkt" in item.title.lower():
            return item
    return agenda[-1] if agenda else None
