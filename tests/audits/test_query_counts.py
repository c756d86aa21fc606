"""An audit's page, the list and the reminders send as many SQL statements for 300 recommendations as for 3."""

from datetime import timedelta

import sqlalchemy as sa

from councilportal.audits.models import AuditState, Recommendation, RecommendationResponse
from councilportal.audits.reminders import send_overdue_recommendation_reminders
from councilportal.timeutil import today_in_sweden
from tests.audits.factories import make_audit


def audit_with(session, world, count: int):
    audit = make_audit(session, world, state=AuditState.REPORT, recommendations=count, public=True)
    for recommendation in session.scalars(sa.select(Recommendation).where(Recommendation.audit_id == audit.id)):
        session.add(RecommendationResponse(recommendation_id=recommendation.id, manager=world.manager,
                                           is_final=False, text="Vi utreder."))
        recommendation.deadline = today_in_sweden() - timedelta(days=1)
    session.commit()
    return audit


def statements(client, count_queries, path: str) -> int:
    client.get(path)  # the first request warms caches that are not the page's
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_the_audit_page_and_list_take_as_many_queries_for_300_recommendations_as_for_3(
        client, auth, session, world, count_queries):
    small = audit_with(session, world, 3)
    large = audit_with(session, world, 300)
    for user in (None, world.manager, world.coordinator):
        if user is not None:
            auth.login(user)
        assert (statements(client, count_queries, f"/audits/{small.id}")
                == statements(client, count_queries, f"/audits/{large.id}")), user
        if user is not None:
            auth.logout()


def test_reminders_take_as_many_queries_for_300_overdue_recommendations_as_for_3(session, world, count_queries):
    audit_with(session, world, 3)
    with count_queries() as counter:
        send_overdue_recommendation_reminders(session, today_in_sweden())
    small = counter.count
    session.rollback()
    audit_with(session, world, 300)
    with count_queries() as counter:
        send_overdue_recommendation_reminders(session, today_in_sweden())
    assert counter.count == small
