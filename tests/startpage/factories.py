"""Audit recommendations in a given state, made straight through the models, for the start page's lines."""

from datetime import timedelta

from councilportal.audits.models import Recommendation, RecommendationResponse, RecommendationState
from councilportal.timeutil import today_in_sweden


def recommend(session, audit, number, *, unit, state=RecommendationState.AWAITING_ANSWER, deadline=None,
              manager=None, follow_up_on=None):
    recommendation = Recommendation(audit_id=audit.id, number=number, text=f"Gör {number}.", state=state,
                                    responsible_unit_id=unit.id, responsible_manager_id=manager and manager.id,
                                    deadline=deadline or today_in_sweden() + timedelta(days=20))
    session.add(recommendation)
    session.flush()
    if state is RecommendationState.ANSWERED:
        session.add(RecommendationResponse(recommendation_id=recommendation.id, is_final=True, text="Ja.",
                                           follow_up_on=follow_up_on))
    session.flush()
    return recommendation
