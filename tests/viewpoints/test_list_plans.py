"""The list pages' queries use indexes, not a scan of every viewpoint, as PostgreSQL plans them.

The pages run on a few thousand viewpoints over many councils; every statement they send that reads
the viewpoints table is explained with its own parameters.
"""

from datetime import timedelta
from itertools import cycle

import pytest
import sqlalchemy as sa

from councilportal.councils.models import MembershipRole
from councilportal.extensions import db
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints.models import Viewpoint, ViewpointState, Visibility
from tests.conftest import TEST_PASSWORD
from tests.factories import build_world, make_council, make_membership, make_organisation

VIEWPOINTS = 4000
COUNCILS = 40


@pytest.fixture
def crowded(pg_app):
    """The world, among 40 councils and 4,000 viewpoints of every state and visibility."""
    with pg_app.app_context():
        session = db.session
        world = build_world(session)
        councils = [world.council, world.public_council] + [
            make_council(session, world.municipality, is_public=number % 3 == 0) for number in range(COUNCILS - 2)]
        organisations = [world.user_organisation] + [make_organisation(session) for _ in range(9)]
        make_membership(session, councils[5], world.representative, world.user_organisation)
        make_membership(session, councils[6], world.manager, world.municipality, role=MembershipRole.OFFICIAL)
        councils[7].coordinators.append(world.coordinator)
        today, now = today_in_sweden(), now_utc()
        states, visibilities = cycle(ViewpointState), cycle(Visibility)
        session.execute(sa.insert(Viewpoint), [
            {"year": 2030, "serial": number, "council_id": councils[number % COUNCILS].id,
             "organisation_id": organisations[number % 10].id, "title": f"Fråga om boende {number}",
             "body": "Vi vill veta mer om väntetider.", "state": next(states), "visibility": next(visibilities),
             "deadline": today + timedelta(days=number % 60 - 30), "created_at": now - timedelta(hours=number),
             "responsible_unit_id": world.unit.id if number % 50 == 0 else None}
            for number in range(1, VIEWPOINTS + 1)
        ])
        session.commit()
        # As autovacuum leaves a table: the rows earlier tests deleted are gone and the statistics fresh.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM ANALYZE"))
        yield world


LISTS = {
    "coordinator, all councils": ("coordinator", "/viewpoints/"),
    "coordinator, search": ("coordinator", "/viewpoints/?q=boende"),
    "coordinator, overdue": ("coordinator", "/viewpoints/?overdue=y"),
    "coordinator, one council": ("coordinator", "/councils/socialtjanst/viewpoints"),
    "representative, all councils": ("representative", "/viewpoints/"),
    "representative, my organisation": ("representative", "/viewpoints/my-organisation"),
    "manager, assigned": ("manager", "/viewpoints/assigned"),
    "the public, a public council": (None, "/councils/oppna-radet/viewpoints"),
}


def plans_of_the_page(pg_app, world, role: str | None, path: str) -> list[tuple[str, str]]:
    """Each statement the page sent that reads the viewpoints table, with its plan."""
    client = pg_app.test_client()
    if role:
        client.post("/login", data={"email": getattr(world, role).email, "password": TEST_PASSWORD})
    sent = []

    def remember(_connection, _cursor, statement, parameters, _context, _executemany):
        if "FROM viewpoints" in statement and statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    with pg_app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", remember)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", remember)
    assert sent, "the page read no viewpoint"
    with engine.connect() as connection:
        return [(statement, "\n".join(connection.exec_driver_sql("EXPLAIN " + statement, parameters).scalars()))
                for statement, parameters in sent]


@pytest.mark.parametrize("case", LISTS, ids=str)
def test_list_queries_never_scan_every_viewpoint(pg_app, crowded, case):
    role, path = LISTS[case]
    for statement, plan in plans_of_the_page(pg_app, crowded, role, path):
        assert "Seq Scan on viewpoints" not in plan, f"{statement}\n{plan}"


def test_the_admins_list_of_every_viewpoint_reads_its_page_from_an_index(pg_app, crowded):
    """Every viewpoint matches, so the count may read the table, up to its limit; the page must not sort it."""
    ordered = [(statement, plan) for statement, plan in plans_of_the_page(pg_app, crowded, "admin", "/viewpoints/")
               if "ORDER BY viewpoints.created_at DESC" in statement and "LIMIT" in statement]
    assert ordered
    for statement, plan in ordered:
        assert "Seq Scan on viewpoints" not in plan and "Index" in plan, f"{statement}\n{plan}"
