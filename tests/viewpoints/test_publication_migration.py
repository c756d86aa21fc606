"""Migration 0010_public_wording: public viewpoints a coordinator had already received count as confirmed,
in the wording they were sent with; those never received wait for a confirmation."""

import sqlalchemy as sa

from councilportal import create_app
from councilportal.extensions import db
from councilportal.schema import migrations
from councilportal.timeutil import now_utc
from councilportal.viewpoints.models import ViewpointState, Visibility
from tests.conftest import _recreate_postgres_database, app_config
from tests.factories import build_world
from tests.viewpoints.factories import make_viewpoint


def test_received_public_viewpoints_count_as_confirmed_and_submitted_ones_wait(database_url, tmp_path):
    if database_url.startswith("postgresql"):
        url = sa.make_url(database_url)
        url = url.set(database=f"{url.database}_migration").render_as_string(hide_password=False)
        _recreate_postgres_database(url)
    else:
        url = f"sqlite:///{tmp_path / 'migration.sqlite'}"
    app = create_app(app_config(url, tmp_path))
    with app.app_context():
        migrations().upgrade()
        world = build_world(db.session)
        made = {}
        for state in ViewpointState:
            for visibility in (Visibility.PUBLIC, Visibility.COUNCIL):
                viewpoint = make_viewpoint(db.session, world.public_council, world.user_organisation, None,
                                           state=state, visibility=visibility, body=f"{state.value} {visibility.value}")
                made[viewpoint.id] = (state, visibility)
        # The factory's withdrawn one was never received; this one was, before it was withdrawn.
        withdrawn_after_receipt = make_viewpoint(db.session, world.public_council, world.user_organisation, None,
                                                 state=ViewpointState.WITHDRAWN, visibility=Visibility.PUBLIC,
                                                 received_at=now_utc())
        db.session.commit()
        withdrawn_after_receipt_id = withdrawn_after_receipt.id

        migrations().downgrade(migrations().script_directory.get_revision("0010_public_wording").down_revision)
        migrations().upgrade()

        rows = db.session.execute(sa.text(
            "SELECT id, title, body, received_at, published_at, public_title, public_body FROM viewpoints")).all()
        db.session.close()
        db.engine.dispose()

    confirmed = {row.id for row in rows if row.published_at is not None}
    received = (ViewpointState.RECEIVED, ViewpointState.IN_PROGRESS, ViewpointState.ANSWERED, ViewpointState.CLOSED)
    expected = {identifier for identifier, (state, visibility) in made.items()
                if visibility is Visibility.PUBLIC and state in received}
    assert confirmed == expected | {withdrawn_after_receipt_id}
    for row in rows:
        if row.id in confirmed:
            assert (row.public_title, row.public_body) == (row.title, row.body)
            assert row.published_at == row.received_at
        else:
            assert row.public_title is None and row.public_body is None
