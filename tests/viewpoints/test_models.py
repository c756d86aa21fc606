import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from councilportal.extensions import db
from councilportal.viewpoints.models import Viewpoint, ViewpointState
from tests.viewpoints.factories import make_viewpoint


def test_the_reference_is_year_and_a_four_digit_serial(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               year=2026, serial=7)
    assert viewpoint.reference == "BR-2026-0007"
    assert viewpoint.state is ViewpointState.SUBMITTED
    assert viewpoint.version == 1


def test_a_serial_is_used_once_per_year(session, world):
    make_viewpoint(session, world.council, world.user_organisation, world.representative, year=2026, serial=1)
    make_viewpoint(session, world.council, world.user_organisation, world.representative, year=2027, serial=1)
    with pytest.raises(IntegrityError):
        make_viewpoint(session, world.council, world.user_organisation, world.representative, year=2026, serial=1)


def test_a_rating_outside_one_to_five_is_refused_by_the_database(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    viewpoint.rating = 7
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_stale_write_is_detected_by_the_version(app, session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    with app.app_context():
        other = db.session.get(Viewpoint, viewpoint.id)
        other.title = "Ändrad av någon annan"
        db.session.commit()
    viewpoint.title = "Min ändring"
    with pytest.raises(StaleDataError):
        session.commit()


def test_an_erased_submitter_leaves_the_viewpoint_with_the_organisation(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    session.execute(sa.text("DELETE FROM memberships WHERE user_id = :id"), {"id": world.representative.id})
    session.execute(sa.text("DELETE FROM users WHERE id = :id"), {"id": world.representative.id})
    session.commit()
    session.expire_all()
    kept = session.get(Viewpoint, viewpoint.id)
    assert kept.submitted_by is None
    assert kept.organisation.name == "RSMH Test"
