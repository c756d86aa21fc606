"""Overdue recommendations reach the managers through the same reminder run as viewpoints."""

from datetime import timedelta

import sqlalchemy as sa

from councilportal.audits.models import AuditState, Recommendation
from councilportal.timeutil import today_in_sweden
from tests.audits.factories import make_audit


def test_an_overdue_recommendation_is_reminded_once_a_day_to_the_units_managers(runner, session, world, outbox):
    make_audit(session, world, state=AuditState.REPORT, recommendations=2)
    first, second = session.scalars(sa.select(Recommendation).order_by(Recommendation.number)).all()
    first.deadline = today_in_sweden() - timedelta(days=1)
    session.commit()

    result = runner.invoke(args=["mail", "remind-overdue"])
    assert "Queued 1 reminders about 1 overdue audit recommendations." in result.output
    (mail,) = outbox("recommendation_overdue")
    assert mail.recipient == world.manager.email
    assert "Rekommendation 1" in mail.text() and "Rekommendation 2" not in mail.text()
    assert f"/audits/{first.audit_id}#r1" in mail.text()

    again = runner.invoke(args=["mail", "remind-overdue"])
    assert "Queued 0 reminders about 0 overdue audit recommendations." in again.output
    assert len(outbox("recommendation_overdue")) == 1


def test_an_answered_recommendation_is_not_reminded(runner, session, world, outbox):
    make_audit(session, world, state=AuditState.ANSWERED, recommendations=1)
    session.scalars(sa.select(Recommendation)).one().deadline = today_in_sweden() - timedelta(days=10)
    session.commit()
    runner.invoke(args=["mail", "remind-overdue"])
    assert outbox("recommendation_overdue") == []
