"""Every transition of an audit and of a recommendation, allowed and refused, for every role and state."""

import pytest
import sqlalchemy as sa

from councilportal.audits.models import AuditState, Recommendation, RecommendationState
from councilportal.audits.services import (
    AUDIT_WORKFLOW,
    RECOMMENDATION_WORKFLOW,
    AuditAction,
    RecommendationAction,
    recommendation_actions,
)
from tests.access import ROLES
from tests.audits.factories import make_audit

A, R = AuditAction, RecommendationAction
RUNS = {"coordinator", "admin"}
TEAM = {"representative", "coordinator", "admin"}

# action -> (the states it may be taken in, who may take it)
AUDIT_RULES = {
    A.START_FIELDWORK: ({AuditState.PLANNED}, RUNS),
    A.FIELDWORK: ({AuditState.FIELDWORK}, TEAM),
    A.SUBMIT_REPORT: ({AuditState.FIELDWORK}, TEAM),
    A.SET_FEEDBACK_MEETING: ({AuditState.PLANNED, AuditState.FIELDWORK, AuditState.REPORT}, RUNS),
    A.ADD_DOCUMENT: (set(AuditState) - {AuditState.CLOSED, AuditState.CANCELLED}, TEAM),
    A.RECORD_HOURS: (set(AuditState) - {AuditState.CANCELLED}, TEAM),
    A.CLOSE: ({AuditState.FOLLOWED_UP}, RUNS),
    A.CANCEL: ({AuditState.PLANNED, AuditState.FIELDWORK}, RUNS),
}

# audit state -> {action on its recommendations: who may}
RECOMMENDATION_RULES = {
    AuditState.REPORT: {R.ASSIGN: RUNS, R.INTERIM_ANSWER: {"manager"}, R.FINAL_ANSWER: {"manager"}},
    AuditState.ANSWERED: {R.FOLLOW_UP: TEAM},
}


@pytest.mark.parametrize("state", list(AuditState))
def test_each_audit_action_is_open_to_its_roles_in_its_states(session, world, state):
    audit = make_audit(session, world, state=state)
    for role in ROLES:
        allowed = AUDIT_WORKFLOW.allowed_actions(world.by_role(role), audit)
        expected = {action for action, (states, roles) in AUDIT_RULES.items() if state in states and role in roles}
        assert allowed == expected, (state, role)


@pytest.mark.parametrize("state", list(AuditState))
def test_each_recommendation_action_is_open_to_its_roles_while_the_audit_allows(session, world, state):
    make_audit(session, world, state=state, recommendations=1)
    recommendation = session.scalars(sa.select(Recommendation)).one()
    for role in ROLES:
        expected = {action for action, roles in RECOMMENDATION_RULES.get(state, {}).items() if role in roles}
        assert recommendation_actions(world.by_role(role), recommendation) == expected, (state, role)


def test_a_recommendation_in_progress_may_still_be_answered_and_an_answered_one_only_followed_up(session, world):
    make_audit(session, world, state=AuditState.REPORT, recommendations=1)
    recommendation = session.scalars(sa.select(Recommendation)).one()
    recommendation.state = RecommendationState.IN_PROGRESS
    assert RECOMMENDATION_WORKFLOW.may(world.manager, recommendation, R.FINAL_ANSWER)
    recommendation.state = RecommendationState.ANSWERED
    assert not RECOMMENDATION_WORKFLOW.may(world.manager, recommendation, R.FINAL_ANSWER)
    assert RECOMMENDATION_WORKFLOW.may(world.representative, recommendation, R.FOLLOW_UP)
