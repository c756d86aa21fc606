"""The migrations build exactly the schema the models describe."""

from councilportal.extensions import db
from councilportal.schema import migrations


def test_migrated_database_matches_the_models(app, database_url):
    with app.app_context():
        differences = migrations().compare_metadata()
        db.engine.dispose()
    assert differences == [], f"models and migrations differ; add a migration: {differences}"


def test_the_migrations_have_a_single_lineage_to_every_head(app):
    with app.app_context():
        script = migrations().script_directory
        bases = script.get_bases()
    assert bases == ["0001_foundation"]
