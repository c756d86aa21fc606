"""The statistics pages and a council's statistics in the API send as many SQL statements with many follow-ups
and audits as with few (the pages' other data grows in tests/test_query_counts.py)."""

from datetime import timedelta

import pytest

from councilportal.audits.models import AuditState
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import FollowUpAnswer, ViewpointFollowUp, ViewpointResponse, ViewpointState
from tests.audits.factories import make_audit
from tests.test_query_counts import add_round
from tests.viewpoints.factories import make_viewpoint

PAGES = [("coordinator", "/statistik"), ("coordinator", "/councils/socialtjanst/statistik?year={year}"),
         (None, "/councils/oppna-radet/statistik"), (None, "/api/v1/councils/oppna-radet/statistics"),
         ("coordinator", "/councils/socialtjanst/verksamhetsberattelse/{year}/utkast")]


def add_follow_ups_and_audits(session, world, size: int) -> None:
    today = today_in_sweden()
    answers = list(FollowUpAnswer) + [None]
    for number in range(size):
        for council in (world.council, world.public_council):
            viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                                       state=ViewpointState.CLOSED, unit=world.unit)
            response = ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                         text="Svar", follow_up_on=today - timedelta(days=number))
            session.add(response)
            session.flush()
            session.add(ViewpointFollowUp(viewpoint_id=viewpoint.id, response_id=response.id, due_on=today,
                                          asked_on=today, answer=answers[number % len(answers)]))
        for public in (False, True):
            make_audit(session, world, state=AuditState.CLOSED, recommendations=3, public=public)
    session.commit()


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[path for _, path in PAGES])
def test_a_statistics_page_sends_as_many_queries_with_many_follow_ups_and_audits(app, client, auth, session, world,
                                                                                count_queries, role, path):
    url = path.format(year=today_in_sweden().year)
    if role:
        auth.login(getattr(world, role))
    counts = []
    for size in (2, 12):
        add_round(session, world, size)
        add_follow_ups_and_audits(session, world, size)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
