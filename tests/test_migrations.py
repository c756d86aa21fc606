"""The migrations build exactly the schema the models describe, along one line of history."""

from pathlib import Path

from councilportal.extensions import db
from councilportal.schema import migrations


def test_migrated_database_matches_the_models(app, database_url):
    with app.app_context():
        differences = migrations().compare_metadata()
        db.engine.dispose()
    assert differences == [], f"models and migrations differ; add a migration: {differences}"


def test_the_migrations_have_one_base_and_one_head(app):
    """Two heads mean two migrations continue the same one: `db upgrade` would refuse to run."""
    with app.app_context():
        script = migrations().script_directory
        bases, heads = script.get_bases(), script.get_heads()
    assert bases == ["0001_foundation"]
    assert len(heads) == 1, (f"the migrations have {len(heads)} heads, {sorted(heads)}: "
                             "give each new one the latest as its down_revision")


def test_every_migration_lies_on_the_way_from_the_head_to_the_base(app):
    """Walking down from the head meets every migration once (0002 and 0003 both follow 0001 and meet in 0006)."""
    with app.app_context():
        script = migrations().script_directory
        (head,) = script.get_heads()
        on_the_way = [revision.revision for revision in script.iterate_revisions(head, "base")]
        every_revision = {revision.revision for revision in script.walk_revisions()}
    assert sorted(on_the_way) == sorted(every_revision)


def test_each_migration_is_numbered_after_those_it_follows(app):
    """Files are named `00NN_what.py` and the revision id starts with the same number, higher than its parents'."""
    with app.app_context():
        revisions = list(migrations().script_directory.walk_revisions())
    for revision in revisions:
        number = Path(revision.path).name.split("_")[0]
        assert revision.revision.startswith(number), f"{revision.path}: revision id {revision.revision!r}"
        parents = revision.down_revision or ()
        for parent in (parents,) if isinstance(parents, str) else parents:
            assert parent.split("_")[0] < number, f"{revision.revision} follows the later {parent}"
