"""Test audits made straight through the models (the services have their own tests)."""

from datetime import timedelta

from councilportal.audits.models import Audit, AuditState, AuditTeamMember, Recommendation, RecommendationState
from councilportal.timeutil import now_utc, today_in_sweden

_RECOMMENDATION_STATE = {
    AuditState.PLANNED: RecommendationState.DRAFT,
    AuditState.FIELDWORK: RecommendationState.DRAFT,
    AuditState.CANCELLED: RecommendationState.DRAFT,
    AuditState.REPORT: RecommendationState.AWAITING_ANSWER,
    AuditState.ANSWERED: RecommendationState.ANSWERED,
    AuditState.FOLLOWED_UP: RecommendationState.FOLLOWED_UP,
    AuditState.CLOSED: RecommendationState.FOLLOWED_UP,
}


def make_audit(session, world, *, state: AuditState = AuditState.PLANNED, recommendations: int = 0,
               public: bool = False, title: str = "Granskning av boendestödet", contact=None) -> Audit:
    """An audit of `world.unit` by a team led by `world.representative`, commissioned by the private council
    (or, `public`, by the public council, which `world.coordinator` then runs too)."""
    council = world.public_council if public else world.council
    if public and world.coordinator not in council.coordinators:
        council.coordinators.append(world.coordinator)
    submitted = state not in (AuditState.PLANNED, AuditState.FIELDWORK, AuditState.CANCELLED)
    audit = Audit(title=title, unit=world.unit, council=council, purpose="Hur fungerar stödet i vardagen?",
                  state=state, is_public=public, contact=contact,
                  summary="Stödet fungerar väl men kontinuiteten brister." if submitted else "",
                  report_submitted_at=now_utc() if submitted else None)
    audit.team = [AuditTeamMember(user=world.representative, is_lead=True)]
    session.add(audit)
    session.flush()
    rec_state = _RECOMMENDATION_STATE[state]
    for number in range(1, recommendations + 1):
        session.add(Recommendation(
            audit_id=audit.id, number=number, text=f"Rekommendation nummer {number}.", state=rec_state,
            responsible_unit_id=world.unit.id if submitted else None,
            deadline=today_in_sweden() + timedelta(days=30) if submitted else None))
    session.flush()
    return audit
