"""Reading what the viewpoint pages show. The actions themselves are in workflow.py."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.organisations.models import Organisation, Unit
from councilportal.viewpoints import policies
from councilportal.viewpoints.models import Viewpoint, ViewpointAttachment, ViewpointEvent, ViewpointResponse


@dataclass
class History:
    events: list[ViewpointEvent]
    responses: list[ViewpointResponse]
    attachments: list[ViewpointAttachment]


def history_of(session: Session, viewpoint: Viewpoint) -> History:
    """Timeline, answers and attachments: three queries, however long the history (people load joined)."""
    def rows(model, order):
        return list(session.scalars(sa.select(model).where(model.viewpoint_id == viewpoint.id).order_by(*order)))

    return History(
        events=rows(ViewpointEvent, (ViewpointEvent.created_at, ViewpointEvent.id)),
        responses=rows(ViewpointResponse, (ViewpointResponse.created_at, ViewpointResponse.id)),
        attachments=rows(ViewpointAttachment, (ViewpointAttachment.id,)),
    )


def assignable_units(session: Session, council: Council) -> list[Unit]:
    """The units of the municipality or region that owns the council."""
    return list(session.scalars(sa.select(Unit).where(Unit.organisation_id == council.owner_id).order_by(Unit.name)))


def assignable_managers(session: Session, council: Council) -> list[User]:
    """Active people who belong to one of the owner's units."""
    return list(session.scalars(
        sa.select(User).join(User.unit)
        .where(User.active.is_(True), Unit.organisation_id == council.owner_id)
        .order_by(User.name)
    ))


@dataclass(frozen=True)
class OnBehalfOf:
    """A council and the organisation a person speaks for there: where they may submit a viewpoint."""

    council: Council
    organisation: Organisation

    @property
    def key(self) -> str:
        return f"{self.council.id}-{self.organisation.id}"


def submitting_choices(user: User) -> list[OnBehalfOf]:
    councils = {m.council_id: m.council for m in user.memberships}
    return [
        OnBehalfOf(council, organisation)
        for council in sorted(councils.values(), key=lambda c: c.name)
        for organisation in policies.organisations_represented(user, council)
    ]
