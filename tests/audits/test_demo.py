"""The demo's audits: one followed up and closed, one awaiting answers, one in fieldwork; the public one shows."""

import sqlalchemy as sa

from councilportal import demo
from councilportal.audits.models import Audit, AuditState, Recommendation


def test_the_demo_has_a_closed_an_awaiting_and_a_fieldwork_audit(session):
    demo.seed(session)
    session.commit()
    # The statistics' history adds audits of earlier years; these are the stories told through the services.
    audits = {audit.state: audit for audit in session.scalars(sa.select(Audit).where(
        Audit.title.startswith("Boendestödet")))}
    assert set(audits) == {AuditState.CLOSED, AuditState.REPORT, AuditState.FIELDWORK}
    assert audits[AuditState.CLOSED].title == "Boendestödet i Exempelstad"
    closed = session.scalars(sa.select(Recommendation).where(Recommendation.audit_id == audits[AuditState.CLOSED].id))
    assert sorted(r.rating for r in closed) == [2, 3, 5]


def test_the_public_council_shows_its_public_audit(client, session):
    demo.seed(session)
    session.commit()
    council_page = client.get("/councils/socialtjanst-och-beroende")
    assert "Boendestödet i Exempelstad" in council_page.text
    closed = session.scalar(sa.select(Audit).where(Audit.title == "Boendestödet i Exempelstad"))
    page = client.get(f"/audits/{closed.id}")
    assert page.status_code == 200 and "Ge varje boende en fast kontaktperson" in page.text
    assert "Henrik Boendechef" not in page.text
