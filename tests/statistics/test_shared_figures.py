"""The figures across councils are built once per set of countable councils and shared by the readers who
may count exactly that set: never by a reader with other rights, and never past a change of the data."""

from councilportal.extensions import db
from tests.conftest import Auth
from tests.factories import make_user
from tests.statistics import dataset
from tests.viewpoints.factories import make_viewpoint

AGGREGATE = "count(viewpoints.id)"


def overview_csv(client) -> str:
    return client.get("/statistik?format=csv&table=overview").data.decode("utf-8-sig")


def test_readers_with_the_same_rights_share_the_figures(app, client, auth, session, world, count_queries):
    dataset.build(session, world)
    second_coordinator = make_user(session, "Cecilia Samordnare", "samordnare2@example.se")
    world.council.coordinators.append(second_coordinator)
    session.commit()
    auth.login(world.coordinator)
    other = app.test_client()
    Auth(other).login(second_coordinator)  # signing in is a change too: both before the figures
    first = overview_csv(client)
    with count_queries() as counter:
        shared = overview_csv(other)
    assert shared == first
    assert not any(AGGREGATE in statement for statement in counter.statements)


def test_a_reader_with_other_rights_gets_figures_of_their_own(app, client, auth, session, world, count_queries):
    dataset.build(session, world)
    auth.login(world.coordinator)
    outsider = app.test_client()
    Auth(outsider).login(world.outsider)
    assert "Inskickade;8" in overview_csv(client)
    with count_queries() as counter:
        own = overview_csv(outsider)
    assert "Inskickade;8" not in own
    assert any(AGGREGATE in statement for statement in counter.statements)


def test_a_new_viewpoint_reaches_the_shared_figures_at_once(client, auth, session, world):
    dataset.build(session, world)
    auth.login(world.coordinator)
    assert "Inskickade;8" in overview_csv(client)
    make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    assert "Inskickade;9" in overview_csv(client)


def test_a_worker_keeps_the_figures_not_their_compiled_statements(app, client, auth, session, world):
    """The figures' statements are large and run once per change of the data: kept compiled by every worker
    they held about 10 MB of its memory."""
    dataset.build(session, world)
    session.commit()
    auth.login(world.coordinator)
    with app.app_context():
        cache = db.engine._compiled_cache
    cache.clear()  # of what earlier tests ran on this worker's app
    assert "Inskickade;8" in overview_csv(client)
    compiled = [str(entry) for entry in cache.values()]
    assert compiled, "the other queries of the page are kept compiled"
    assert not any(AGGREGATE in statement for statement in compiled)
