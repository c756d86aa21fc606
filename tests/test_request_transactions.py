"""How a request's transaction ends on PostgreSQL: one that only read is committed, so that the queries a
page sends again and again keep their prepared plans; one that wrote and was not committed is undone."""

import sqlalchemy as sa

from councilportal.extensions import db
from councilportal.organisations.models import Organisation, OrganisationKind


def _prepared_statements(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.text("SELECT statement FROM pg_prepared_statements")))


def test_a_page_asked_for_again_and_again_is_planned_once(pg_app):
    client = pg_app.test_client()
    for _ in range(8):
        assert client.get("/councils/").status_code == 200
    assert any("content_version" in statement for statement in _prepared_statements(pg_app))


def test_a_request_that_wrote_without_committing_leaves_nothing_behind(pg_app):
    def write_and_forget():
        db.session.add(Organisation(name="Aldrig sparad", short_name="AS", kind=OrganisationKind.USER_ORGANISATION))
        db.session.flush()
        return "ok"

    pg_app.add_url_rule("/write-and-forget", "write_and_forget", write_and_forget)
    assert pg_app.test_client().get("/write-and-forget").status_code == 200
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
