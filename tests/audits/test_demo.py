"""The demo's audits: one followed up and closed, one awaiting answers, one in fieldwork; the public one shows."""

from datetime import timedelta

import sqlalchemy as sa

from councilportal import demo
from councilportal.audits.models import Audit, AuditInterview, AuditState, Recommendation
from councilportal.compensation import report
from councilportal.councils.models import Council
from councilportal.mail.models import OutboxMessage
from councilportal.timeutil import today_in_sweden


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


def test_the_demo_has_invitations_ahead_and_auditor_days_in_the_payroll(session):
    demo.seed(session)
    session.commit()
    invited = session.scalars(sa.select(OutboxMessage.recipient).where(
        OutboxMessage.kind == "audit_session_invitation")).all()
    # The awaiting audit's feedback meeting, the fieldwork's session and feedback meeting: the team of two and
    # the contact person each.
    assert len(invited) == 9
    assert session.scalar(sa.select(sa.func.count()).select_from(AuditInterview)
                          .where(AuditInterview.invited_at.is_not(None))) == 1
    council = session.scalar(sa.select(Council).where(Council.slug == "socialtjanst-och-beroende"))
    today = today_in_sweden()
    rows = report.payroll_report(session, council, today - timedelta(days=365), today)
    assert any(row.activity == report.AUDITS and row.fee_ore > 0 for row in rows)
