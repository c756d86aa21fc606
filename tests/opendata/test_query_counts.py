"""The API's lists send as many SQL statements with much data as with little, and read their pages from an
index (EXPLAIN on PostgreSQL)."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from councilportal.extensions import db
from councilportal.opendata import services
from tests.factories import make_council
from tests.opendata.factories import add_open_data

LISTS = ["/api/v1/councils", "/api/v1/councils/oppna-radet/meetings", "/api/v1/councils/oppna-radet/viewpoints",
         "/councils/oppna-radet/feed.atom", "/api/v1/councils/oppna-radet/statistics"]


@pytest.mark.parametrize("url", LISTS)
def test_a_list_sends_as_many_queries_with_much_data_as_with_little(client, session, world, count_queries, url):
    counts = []
    for size in (2, 12):
        add_open_data(session, world, viewpoints=size, meetings=size)
        for _ in range(size):
            make_council(session, world.municipality, is_public=True)
        session.commit()
        first = client.get(f"{url}?limit=5")
        assert first.status_code == 200
        next_page = first.json.get("next") if first.is_json else None
        with count_queries() as counter:
            assert client.get(next_page or url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


@pytest.mark.parametrize("url", LISTS)
def test_a_304_costs_one_query(client, session, world, count_queries, url):
    add_open_data(session, world)
    etag = client.get(url).headers["ETag"]
    with count_queries() as counter:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert counter.count <= 2, "the content version, and the council for a council's lists"


def _plan(session, statement: sa.Select) -> str:
    compiled = statement.limit(51).compile(dialect=session.get_bind().dialect,
                                           compile_kwargs={"literal_binds": True})
    return "\n".join(session.scalars(sa.text(f"EXPLAIN {compiled}")))


@pytest.mark.postgres_only
def test_keyset_pages_are_read_from_an_index(pg_app):
    after = (datetime(2026, 1, 1, tzinfo=UTC), 5)
    with pg_app.app_context():
        session = db.session
        # On tables this small the planner would rightly read them whole; the question is whether it can not.
        session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plans = {
            "pk_councils": _plan(session, services.public_councils_statement((5,))),
            "ix_meetings_council_starts": _plan(session, services.published_meetings_statement(1, after)),
            "ix_viewpoints_council_published": _plan(session, services.published_viewpoints_statement(1, after)),
        }
        session.rollback()
    for index, plan in plans.items():
        assert index in plan and "Seq Scan" not in plan, plan
