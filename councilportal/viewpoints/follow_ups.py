"""Follow-up of promised actions: on a final answer's follow-up date the submitting organisation is asked
whether the actions were carried out (yes, partly, no, don't know), and answers on the viewpoint's page.

A final answer with a follow-up date gets a `ViewpointFollowUp` row at once (workflow.answer_viewpoint).
`councilportal mail follow-ups` (cron, daily) asks every follow-up that is due and not yet asked: it sets
`asked_on` and queues the mails in one transaction, so a second run asks nothing again. A "no" puts the
viewpoint on the coordinators' list of matters to take up again until the viewpoint gets a new final
answer (queries.take_up_again).
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, raiseload

from councilportal.accounts.models import User
from councilportal.answering.workflow import personal_data_flag
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.timeutil import now_utc
from councilportal.viewpoints import notifications, policies
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
)
from councilportal.viewpoints.queries import HAS_FINAL_ANSWER

COMMENT_MAX_LENGTH = 5_000

@dataclass(frozen=True)
class FollowUpReport:
    follow_ups: int
    mails: int


def due_follow_ups(today: date) -> sa.Select:
    """Follow-ups whose date has come (or passed while no run was made) and that nobody has asked yet, of
    viewpoints that still stand on their final answer (a reopened one is being handled again).

    Two runs at once (cron on two hosts by mistake) never ask the same one: on PostgreSQL each run locks
    the rows it asks about and skips those another run holds; SQLite lets one writer at a time through.
    """
    return (
        sa.select(ViewpointFollowUp)
        .join(ViewpointFollowUp.viewpoint)
        .where(ViewpointFollowUp.asked_on.is_(None), ViewpointFollowUp.due_on <= today,
               Viewpoint.state.in_(HAS_FINAL_ANSWER))
        .order_by(ViewpointFollowUp.due_on, ViewpointFollowUp.id)
        .with_for_update(skip_locked=True, of=ViewpointFollowUp)
    )


def send_follow_up_requests(session: Session, today: date) -> FollowUpReport:
    """Ask the submitting organisations about today's follow-ups; the caller commits (the mail and the mark
    that it was asked go together, so the next run the same day, or any later day, does not ask again)."""
    mails = 0
    follow_ups = list(session.scalars(due_follow_ups(today)))
    for follow_up in follow_ups:
        viewpoint = follow_up.viewpoint
        follow_up.asked_on = today
        session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=None, kind=EventKind.FOLLOW_UP_ASKED))
        response = session.get(ViewpointResponse, follow_up.response_id)
        mails += notifications.follow_up_due(session, viewpoint, response)
    session.flush()
    return FollowUpReport(follow_ups=len(follow_ups), mails=mails)


def follow_ups_of(session: Session, viewpoint: Viewpoint) -> list[ViewpointFollowUp]:
    """The viewpoint's follow-ups that have been asked, oldest first."""
    return list(session.scalars(
        sa.select(ViewpointFollowUp)
        .where(ViewpointFollowUp.viewpoint_id == viewpoint.id, ViewpointFollowUp.asked_on.is_not(None))
        # Their viewpoint is the one in hand: joining it again with all it loads made this statement
        # the largest each worker keeps compiled.
        .options(raiseload(ViewpointFollowUp.viewpoint, sql_only=True))
        .order_by(ViewpointFollowUp.due_on, ViewpointFollowUp.id)
    ))


def awaiting_answer(follow_ups: list[ViewpointFollowUp]) -> ViewpointFollowUp | None:
    return next((follow_up for follow_up in reversed(follow_ups) if follow_up.awaits_answer), None)


def answer_follow_up(session: Session, representative: User, viewpoint: Viewpoint, answer: FollowUpAnswer | None,
                     comment: str, *, send_anyway: bool = False) -> ViewpointFollowUp:
    """The organisation says whether the promised actions were carried out; it goes on the timeline and to
    the coordinators and those answering."""
    if not policies.can_answer_follow_up(representative, viewpoint):
        raise DomainError(_("Bara organisationen som lämnade synpunkten kan svara på uppföljningen."))
    follow_up = awaiting_answer(follow_ups_of(session, viewpoint))
    if follow_up is None:
        raise DomainError(_("Det finns ingen uppföljning att svara på."))
    if not isinstance(answer, FollowUpAnswer):
        raise DomainError(_("Välj om åtgärderna har genomförts."), "answer")
    comment = (comment or "").replace("\x00", "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise DomainError(_("Högst %(max)d tecken.", max=COMMENT_MAX_LENGTH), "comment")
    flagged = personal_data_flag((comment,), send_anyway)
    follow_up.answer = answer
    follow_up.comment = comment
    follow_up.answered_by = representative
    follow_up.answered_at = now_utc()
    event = ViewpointEvent(viewpoint_id=viewpoint.id, actor=representative, kind=EventKind.FOLLOW_UP_ANSWERED,
                           text=answer.value, personal_data_flagged=flagged)
    session.add(event)
    session.flush()
    notifications.follow_up_answered(session, viewpoint, follow_up,
                                     list_link=absolute_url("viewpoint_lists.mine", take_up_again="y"))
    return follow_up
