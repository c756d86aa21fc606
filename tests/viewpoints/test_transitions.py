"""Every action in every state by every role: allowed exactly where the workflow says, refused elsewhere
with nothing changed. The expectations are written out here, independently of workflow.TRANSITIONS."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.answering.models import Outcome
from councilportal.errors import DomainError
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import Viewpoint, ViewpointEvent, ViewpointState, Visibility
from councilportal.viewpoints.workflow import Action
from tests.viewpoints.cast import ROLES, build_cast
from tests.viewpoints.factories import make_viewpoint

S = ViewpointState
TRIAGERS = {"admin", "coordinator"}
WORKERS = {"admin", "coordinator", "representative", "other_representative", "manager", "unit_colleague"}
ANSWERERS = {"manager", "unit_colleague"}
SUBMITTER = {"representative"}

EXPECTED = {
    # action: (who may, {state: the state it leads to})
    Action.RECEIVE: (TRIAGERS, {S.SUBMITTED: S.RECEIVED}),
    Action.ASSIGN: (TRIAGERS, {S.RECEIVED: S.RECEIVED, S.IN_PROGRESS: S.IN_PROGRESS}),
    Action.SET_DEADLINE: (TRIAGERS, {S.RECEIVED: S.RECEIVED, S.IN_PROGRESS: S.IN_PROGRESS}),
    Action.COMMENT: (WORKERS, {S.SUBMITTED: S.SUBMITTED, S.RECEIVED: S.RECEIVED, S.IN_PROGRESS: S.IN_PROGRESS,
                               S.ANSWERED: S.ANSWERED}),
    Action.WITHDRAW: (SUBMITTER, {S.SUBMITTED: S.WITHDRAWN, S.RECEIVED: S.WITHDRAWN, S.IN_PROGRESS: S.WITHDRAWN}),
    Action.INTERIM_ANSWER: (ANSWERERS, {S.RECEIVED: S.IN_PROGRESS, S.IN_PROGRESS: S.IN_PROGRESS}),
    Action.FINAL_ANSWER: (ANSWERERS, {S.RECEIVED: S.ANSWERED, S.IN_PROGRESS: S.ANSWERED}),
    Action.CLOSE: (SUBMITTER, {S.ANSWERED: S.CLOSED}),
    Action.REOPEN: (SUBMITTER, {S.ANSWERED: S.IN_PROGRESS}),
    Action.PUBLISH: (TRIAGERS, {S.RECEIVED: S.RECEIVED, S.IN_PROGRESS: S.IN_PROGRESS, S.ANSWERED: S.ANSWERED,
                                S.CLOSED: S.CLOSED}),
    Action.UNPUBLISH: (TRIAGERS, {S.RECEIVED: S.RECEIVED, S.IN_PROGRESS: S.IN_PROGRESS, S.ANSWERED: S.ANSWERED,
                                  S.CLOSED: S.CLOSED, S.WITHDRAWN: S.WITHDRAWN}),
}
# Publishing concerns a public viewpoint of a public council (published already, to take it down).
PUBLICATION = {Action.PUBLISH, Action.UNPUBLISH}


def take(action: Action, session, user, viewpoint, world):
    later = today_in_sweden() + timedelta(days=30)
    match action:
        case Action.RECEIVE:
            workflow.mark_received(session, user, viewpoint)
        case Action.ASSIGN:
            workflow.assign_viewpoint(session, user, viewpoint, unit=world.unit, manager=None)
        case Action.SET_DEADLINE:
            workflow.set_deadline(session, user, viewpoint, later)
        case Action.COMMENT:
            workflow.comment_on_viewpoint(session, user, viewpoint, "En kommentar.")
        case Action.WITHDRAW:
            workflow.withdraw_viewpoint(session, user, viewpoint)
        case Action.INTERIM_ANSWER:
            workflow.give_interim_answer(session, user, viewpoint, "Vi utreder saken.")
        case Action.FINAL_ANSWER:
            workflow.answer_viewpoint(session, user, viewpoint, "Vi ändrar rutinen.", "Ny rutin från mars.", later)
        case Action.CLOSE:
            workflow.close_viewpoint(session, user, viewpoint, Outcome.CHANGED, 4)
        case Action.REOPEN:
            workflow.reopen_viewpoint(session, user, viewpoint, "Svaret besvarar inte frågan.")
        case Action.PUBLISH:
            workflow.publish_viewpoint(session, user, viewpoint, workflow.PublicWording("Rubrik", "Rättad text."))
        case Action.UNPUBLISH:
            workflow.unpublish_viewpoint(session, user, viewpoint)


def test_the_expectations_cover_every_action():
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize("state", list(ViewpointState), ids=lambda state: state.value)
@pytest.mark.parametrize("action", list(Action), ids=lambda action: action.value)
def test_every_role_may_take_the_action_exactly_where_expected(session, world, action, state):
    cast = build_cast(session, world)
    who, leads_to = EXPECTED[action]
    world.public_council.coordinators.append(world.coordinator)
    publication = {"council": world.public_council, "visibility": Visibility.PUBLIC,
                   "published": action is Action.UNPUBLISH} if action in PUBLICATION else {"council": world.council}
    mismatches = []
    for role in ROLES:
        user = cast.by_role(role)
        viewpoint = make_viewpoint(session, organisation=world.user_organisation, submitter=world.representative,
                                   state=state, unit=world.unit, manager=world.manager,
                                   deadline=today_in_sweden() + timedelta(days=10), **publication)
        session.commit()
        events_before = session.scalar(sa.select(sa.func.count()).where(ViewpointEvent.viewpoint_id == viewpoint.id))
        allowed = role in who and state in leads_to
        if allowed != workflow.may(user, viewpoint, action):
            mismatches.append(f"{role}: may() says {not allowed}")
        try:
            take(action, session, user, viewpoint, world)
            session.commit()
            outcome = "allowed"
        except DomainError as error:
            session.rollback()
            outcome = "refused"
            assert error.message, "a refusal says why"
        session.expire_all()
        after = session.get(Viewpoint, viewpoint.id)
        events_after = session.scalar(sa.select(sa.func.count()).where(ViewpointEvent.viewpoint_id == viewpoint.id))
        if allowed:
            if outcome != "allowed" or after.state is not leads_to[state] or events_after <= events_before:
                mismatches.append(
                    f"{role}: expected allowed → {leads_to[state].value}, got {outcome} {after.state.value}")
        elif outcome != "refused" or after.state is not state or after.version != 1 or events_after != events_before:
            mismatches.append(f"{role}: expected refused with nothing changed, got {outcome} {after.state.value}")
    assert mismatches == []
