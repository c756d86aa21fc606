"""Viewpoint rules that must hold when two people act at the same instant, on real PostgreSQL connections.

Like tests/test_concurrency.py: in the PostgreSQL pass of `make test`, against TEST_DATABASE_URL.
"""

import pytest
import sqlalchemy as sa

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.errors import ChangedMeanwhile
from councilportal.extensions import db
from councilportal.organisations.models import Organisation, Unit
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import Viewpoint, ViewpointResponse, ViewpointState
from tests.concurrency import Race
from tests.factories import build_world, make_user
from tests.viewpoints.factories import make_viewpoint


@pytest.fixture
def ids(pg_app):
    """The world's people and a viewpoint received and assigned to its manager, as ids for other threads."""
    with pg_app.app_context():
        world = build_world(db.session)
        colleague = make_user(db.session, "Ulla Enhetskollega", unit=world.unit)
        viewpoint = make_viewpoint(db.session, world.council, world.user_organisation, world.representative,
                                   state=ViewpointState.IN_PROGRESS, unit=world.unit, manager=world.manager)
        db.session.commit()
        return {"viewpoint": viewpoint.id, "manager": world.manager.id, "colleague": colleague.id,
                "coordinator": world.coordinator.id, "representative": world.representative.id,
                "council": world.council.id, "organisation": world.user_organisation.id, "unit": world.unit.id}


def test_two_viewpoints_submitted_at_the_same_instant_get_different_serials(pg_app, ids):
    def submit(title):
        def work(session, between):
            representative = session.get(User, ids["representative"])
            council, organisation = session.get(Council, ids["council"]), session.get(Organisation, ids["organisation"])
            if title == "Andra":
                between()
            viewpoint = workflow.submit_viewpoint(session, representative, council, organisation,
                                                  workflow.ViewpointFields(title, "Text"))
            if title == "Första":
                between()
            return viewpoint.serial
        return work

    results = Race(pg_app).run(submit("Första"), submit("Andra"))
    first, second = results["first"], results["second"]
    assert isinstance(first, int) and second == first + 1, results


def test_two_managers_answering_at_once_lose_no_answer(pg_app, ids):
    def answer(person, text, write_first):
        def work(session, between):
            viewpoint = session.get(Viewpoint, ids["viewpoint"])
            manager = session.get(User, ids[person])
            if not write_first:
                between()
            workflow.answer_viewpoint(session, manager, viewpoint, text)
            if write_first:
                between()
            return text
        return work

    results = Race(pg_app).run(answer("manager", "Max svar", True), answer("colleague", "Ullas svar", False))
    assert results["first"] == "Max svar"
    assert isinstance(results["second"], ChangedMeanwhile), results
    assert "ändrats av någon annan" in results["second"].message
    with pg_app.app_context():
        answers = db.session.scalars(sa.select(ViewpointResponse.text)).all()
        assert answers == ["Max svar"]
        assert db.session.get(Viewpoint, ids["viewpoint"]).state is ViewpointState.ANSWERED


def test_a_coordinator_reassigning_while_the_manager_answers_gets_changed_meanwhile(pg_app, ids):
    def answer(session, between):
        viewpoint = session.get(Viewpoint, ids["viewpoint"])
        workflow.answer_viewpoint(session, session.get(User, ids["manager"]), viewpoint, "Svar")
        between()
        return "answered"

    def reassign(session, between):
        viewpoint = session.get(Viewpoint, ids["viewpoint"])
        between()
        workflow.assign_viewpoint(session, session.get(User, ids["coordinator"]), viewpoint,
                                  unit=session.get(Unit, ids["unit"]), manager=session.get(User, ids["colleague"]))
        return "reassigned"

    results = Race(pg_app).run(answer, reassign)
    assert results["first"] == "answered"
    assert isinstance(results["second"], ChangedMeanwhile), results
    with pg_app.app_context():
        viewpoint = db.session.get(Viewpoint, ids["viewpoint"])
        assert viewpoint.state is ViewpointState.ANSWERED and viewpoint.responsible_manager_id == ids["manager"]
