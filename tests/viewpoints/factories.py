"""Test data for viewpoints, made straight through the models (the workflow has its own tests)."""

import itertools
from datetime import date

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.organisations.models import Organisation, Unit
from councilportal.timeutil import now_utc
from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointState,
    Visibility,
)

_serials = itertools.count(1)

_STATES_AFTER_RECEIPT = {
    ViewpointState.RECEIVED,
    ViewpointState.IN_PROGRESS,
    ViewpointState.ANSWERED,
    ViewpointState.CLOSED,
}


def make_viewpoint(session, council: Council, organisation: Organisation, submitter: User | None, *,
                   state: ViewpointState = ViewpointState.SUBMITTED, visibility: Visibility = Visibility.COUNCIL,
                   title: str | None = None, body: str = "Vi vill att ni ser över detta.", subject: str = "",
                   unit: Unit | None = None, manager: User | None = None, deadline: date | None = None,
                   year: int | None = None, serial: int | None = None, published: bool = False,
                   **fields) -> Viewpoint:
    """A viewpoint in the given state, with the timestamps that state implies and a "submitted" event;
    `published` as if a coordinator had confirmed it for the public in the wording it was sent with."""
    now = now_utc()
    serial = serial or next(_serials)
    title = title or f"Synpunkt {serial}"
    if published:
        fields.update(published_at=now, public_title=title, public_body=body)
    if state in _STATES_AFTER_RECEIPT:
        fields.setdefault("received_at", now)
    if state in (ViewpointState.ANSWERED, ViewpointState.CLOSED):
        fields.setdefault("answered_at", now)
    if state is ViewpointState.CLOSED:
        fields.setdefault("closed_at", now)
    if state is ViewpointState.WITHDRAWN:
        fields.setdefault("withdrawn_at", now)
    viewpoint = Viewpoint(
        year=year or now.year, serial=serial, council=council, organisation=organisation,
        submitted_by=submitter, title=title, body=body, subject=subject,
        visibility=visibility, state=state, responsible_unit=unit, responsible_manager=manager,
        deadline=deadline, **fields,
    )
    session.add(viewpoint)
    session.flush()
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=submitter, kind=EventKind.SUBMITTED))
    session.flush()
    return viewpoint
