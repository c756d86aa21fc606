"""Migrating the database schema. Set up on first use: Alembic is a large import that no request needs,
so a web worker never loads it."""

from flask import current_app
from flask_alembic import Alembic

from councilportal.extensions import Base


def migrations() -> Alembic:
    """Flask-Alembic for the current app."""
    found = current_app.extensions.get("alembic")
    if found is None:
        found = Alembic(run_mkdir=False, command_name="", metadatas=Base.metadata)
        found.init_app(current_app._get_current_object())
    return found
