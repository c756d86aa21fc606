"""Who hears about a viewpoint's progress by e-mail. Queued in the same transaction as the change."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.councils.models import Membership, MembershipRole
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.labels import FOLLOW_UP_ANSWER_LABELS
from councilportal.viewpoints.models import Viewpoint, ViewpointFollowUp, ViewpointResponse


def _send(session: Session, people: list[User], template: str, viewpoint: Viewpoint, **context) -> int:
    """Queue the mail to each active person once; how many were queued."""
    link = absolute_url("viewpoints.detail", viewpoint_id=viewpoint.id)
    seen: set[int] = set()
    for person in people:
        if person is None or not person.active or person.id in seen:
            continue
        seen.add(person.id)
        queue_mail(session, recipient=person.email, locale=person.locale, template=template, kind=template,
                   user=person, viewpoint=viewpoint, link=link, **context)
    return len(seen)


def submitting_organisation(session: Session, viewpoint: Viewpoint) -> list[User]:
    """The submitter and the organisation's other active representatives on the council."""
    today = today_in_sweden()
    representatives = session.scalars(
        sa.select(User).where(User.id.in_(
            sa.select(Membership.user_id).where(
                Membership.council_id == viewpoint.council_id,
                Membership.organisation_id == viewpoint.organisation_id,
                Membership.role == MembershipRole.REPRESENTATIVE,
                Membership.is_active_on(today),
            )
        )).order_by(User.name)
    ).all()
    return [viewpoint.submitted_by, *representatives]


def responsible_people(session: Session, viewpoint: Viewpoint) -> list[User]:
    """The responsible manager; when only a unit is responsible, the unit's managers."""
    if viewpoint.responsible_manager is not None:
        return [viewpoint.responsible_manager]
    if viewpoint.responsible_unit_id is None:
        return []
    return list(session.scalars(
        sa.select(User).where(User.unit_id == viewpoint.responsible_unit_id).order_by(User.name)))


def new_viewpoint(session: Session, viewpoint: Viewpoint) -> None:
    _send(session, list(viewpoint.council.coordinators), "viewpoint_new", viewpoint)


def receipt(session: Session, viewpoint: Viewpoint) -> None:
    _send(session, submitting_organisation(session, viewpoint), "viewpoint_receipt", viewpoint)


def assigned(session: Session, viewpoint: Viewpoint) -> None:
    _send(session, responsible_people(session, viewpoint), "viewpoint_assigned", viewpoint)


def answered(session: Session, viewpoint: Viewpoint, response: ViewpointResponse) -> None:
    _send(session, submitting_organisation(session, viewpoint), "viewpoint_answered", viewpoint, response=response)


def reopened(session: Session, viewpoint: Viewpoint, comment: str) -> None:
    _send(session, responsible_people(session, viewpoint), "viewpoint_reopened", viewpoint, comment=comment)


def follow_up_due(session: Session, viewpoint: Viewpoint, response: ViewpointResponse) -> int:
    return _send(session, submitting_organisation(session, viewpoint), "viewpoint_follow_up", viewpoint,
                 response=response)


def follow_up_answered(session: Session, viewpoint: Viewpoint, follow_up: ViewpointFollowUp, list_link: str) -> int:
    """The coordinators and those answering hear what the organisation said; a "no" links the coordinators'
    list of matters to take up again."""
    people = [*viewpoint.council.coordinators, *responsible_people(session, viewpoint)]
    return _send(session, people, "viewpoint_follow_up_answered", viewpoint, follow_up=follow_up,
                 answer_label=FOLLOW_UP_ANSWER_LABELS[follow_up.answer], list_link=list_link)
