"""The demo's compensation: a rule for every council and claims in every state."""

from collections import Counter

import sqlalchemy as sa

from councilportal import demo
from councilportal.accounts.models import User
from councilportal.compensation import services
from councilportal.compensation.models import ClaimState, CompensationClaim, CompensationRule
from councilportal.councils.models import Council


def test_the_demo_has_rules_and_claims_in_every_state(session):
    demo.seed(session)
    session.commit()
    councils = session.scalars(sa.select(Council)).all()
    ruled = set(session.scalars(sa.select(CompensationRule.council_id)))
    assert ruled == {council.id for council in councils}
    claims = session.scalars(sa.select(CompensationClaim)).all()
    assert set(Counter(claim.state for claim in claims)) == set(ClaimState)
    representative = session.scalar(sa.select(User).where(User.email == "representant@exempel.se"))
    assert {claim.state for claim in claims if claim.user_id == representative.id} == set(ClaimState)
    assert any(claim.attachments for claim in claims)
    assert not any(services.attendance_changed(session, claim) for claim in claims)
