"""`councilportal seed-scale`: realistic data at any scale, every state present, the same for the same seed."""

import pytest
import sqlalchemy as sa

from councilportal import scale
from councilportal.councils.models import Membership, MembershipRole, council_coordinators
from councilportal.extensions import Base, db
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import Viewpoint, ViewpointEvent, ViewpointResponse, ViewpointState, Visibility
from councilportal.viewpoints.queries import overdue_condition
from tests.conftest import empty_all_tables
from tests.crawling import crawl

TINY = 0.002
PASSWORD = "skala-lösenord-1"


def _seed(runner, factor: float = TINY, seed: int = scale.DEFAULT_SEED):
    return runner.invoke(args=["seed-scale", "--scale", str(factor), "--seed", str(seed), "--password", PASSWORD])


def _count(statement) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))


def _everything() -> dict[str, list[tuple]]:
    """Every row of every table; the password hash is salted afresh and a meeting's calendar UID is made
    unique on purpose, so they are left out."""
    rows = {}
    for table in Base.metadata.sorted_tables:
        columns = [column for column in table.c if column.name not in {"password_hash", "calendar_uid"}]
        rows[table.name] = [tuple(row) for row in db.session.execute(
            sa.select(*columns).order_by(*table.primary_key.columns))]
    return rows


def test_a_tiny_scale_has_every_state_and_role_in_proportion(app, runner, session):
    result = _seed(runner)
    assert result.exit_code == 0, result.output
    assert "samordnare1@exempelregion.se" in result.output

    assert scale.counts_for(1.0) == scale.REGION
    counts = scale.counts_for(TINY)
    assert _count(sa.select(Viewpoint)) == counts["viewpoints"] == 100
    assert _count(sa.select(Meeting)) == counts["meetings"]
    assert set(session.scalars(sa.select(Viewpoint.state).distinct())) == set(ViewpointState)
    assert set(session.scalars(sa.select(Viewpoint.visibility).distinct())) == set(Visibility)
    published = session.scalars(sa.select(Viewpoint).where(Viewpoint.published_at.is_not(None))).all()
    assert published, "the public councils have viewpoints the public can read"
    assert all(v.visibility is Visibility.PUBLIC and v.council.is_public and v.received_at for v in published)
    assert set(session.scalars(sa.select(Meeting.state).distinct())) == set(MeetingState)
    assert _count(sa.select(Viewpoint).where(overdue_condition(today_in_sweden()))) > 0
    assert 6 <= _count(sa.select(AgendaItem)) / counts["meetings"] <= 10
    assert 4 <= _count(sa.select(ViewpointEvent)) / counts["viewpoints"] <= 8
    assert _count(sa.select(ViewpointResponse).where(ViewpointResponse.is_final.is_(False))) > 0

    longest = session.execute(
        sa.select(ViewpointEvent.viewpoint_id, sa.func.count()).group_by(ViewpointEvent.viewpoint_id)
        .order_by(sa.func.count().desc()).limit(1)).one()
    assert longest[1] == scale.LONG_TIMELINE_EVENTS
    assert f"/viewpoints/{longest[0]}" in result.output

    # One coordinator for every council; representatives on several councils at once.
    coordinated = session.scalar(sa.select(sa.func.count(sa.distinct(council_coordinators.c.council_id))))
    assert coordinated == counts["councils"]
    seats = session.scalars(
        sa.select(sa.func.count(sa.distinct(Membership.council_id)))
        .where(Membership.role == MembershipRole.REPRESENTATIVE, Membership.term_start <= today_in_sweden(),
               Membership.term_end >= today_in_sweden())
        .group_by(Membership.user_id)).all()
    assert max(seats) >= 2

    # Reference numbers count from 1 each year, in the order the viewpoints were submitted.
    by_year: dict[int, list[int]] = {}
    for year, serial in session.execute(sa.select(Viewpoint.year, Viewpoint.serial).order_by(Viewpoint.created_at)):
        by_year.setdefault(year, []).append(serial)
    assert all(serials == list(range(1, len(serials) + 1)) for serials in by_year.values())


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(app, runner, session):
    assert _seed(runner).exit_code == 0
    first = _everything()
    session.close()
    empty_all_tables(app)
    assert _seed(runner).exit_code == 0
    assert _everything() == first
    session.close()
    empty_all_tables(app)
    assert _seed(runner, seed=7).exit_code == 0
    assert _everything()["viewpoints"] != first["viewpoints"]


def test_a_database_with_data_is_refused_and_left_alone(app, runner, session):
    assert _seed(runner).exit_code == 0
    before = _count(sa.select(Viewpoint))
    result = _seed(runner, seed=7)
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert _count(sa.select(Viewpoint)) == before


@pytest.mark.parametrize("role", ["coordinator", "representative", "manager", "admin"])
def test_every_page_shown_to_a_seeded_person_opens(app, runner, role):
    result = _seed(runner)
    email = next(line.split()[1] for line in result.output.splitlines() if line.strip().startswith(role + " "))
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    walk = crawl(app, client, limit=80)
    assert not walk.problems, "\n".join(walk.problems)
    assert len(walk.visited) > 30
