"""Unbound extension objects and the declarative base shared by every domain."""

import enum
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask, current_app, g
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# The largest value of an Integer column (ids, counts) on PostgreSQL; SQLite holds more.
LARGEST_INTEGER = 2**31 - 1


class UTCDateTime(sa.types.TypeDecorator):
    """Stores naive UTC and hands back aware UTC, on SQLite and PostgreSQL alike."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use aware UTC datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {
        datetime: UTCDateTime(),
        enum.Enum: sa.Enum(
            enum.Enum,
            native_enum=False,
            length=32,
            values_callable=lambda members: [member.value for member in members],
        ),
    }


class Database:
    """One engine per app and one session per app context, closed when the context ends.

    Flask-SQLAlchemy-Lite does the same but also registers an async teardown, which makes
    every request spin up an asyncio loop through asgiref; the portal has no async code.
    """

    def init_app(self, app: Flask) -> None:
        options = dict(app.config["DATABASE_ENGINE_OPTIONS"])
        engine = sa.create_engine(app.config["DATABASE_URL"], **options)
        app.extensions["sqlalchemy"] = self
        app.extensions["councilportal.sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
        sa.event.listen(engine, "begin", _begin_unwritten)
        sa.event.listen(engine, "before_cursor_execute", _note_writes)
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self) -> sa.Engine:
        return current_app.extensions["councilportal.sessionmaker"].kw["bind"]

    @property
    def engines(self) -> dict[str, sa.Engine]:
        """For Flask-Alembic, which looks here for the engine to migrate."""
        return {"default": self.engine}

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["councilportal.sessionmaker"]()
        return g.db_session

    def discard_unfinished_work(self) -> None:
        """Roll back what the request's session began, so a page about a failure can still be drawn."""
        session = g.get("db_session")
        if session is None:
            return
        try:
            session.rollback()
        except sa.exc.SQLAlchemyError:
            # The connection is gone; the pool replaces it, and the session is closed at teardown.
            current_app.logger.warning("Rolling back after a failure failed too", exc_info=True)

    @staticmethod
    def _close_session(error: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is None:
            return
        if error is None:
            _commit_if_it_only_read(session)
        session.close()


# Set on a connection by any statement but a SELECT in its current transaction.
WROTE = "councilportal.wrote"


def _begin_unwritten(connection: sa.Connection) -> None:
    connection.info.pop(WROTE, None)


def _note_writes(connection: sa.Connection, _cursor, statement: str, *_arguments) -> None:
    if statement.lstrip()[:6].upper() != "SELECT":
        connection.info[WROTE] = True


def note_written_beside_the_database(session: Session) -> None:
    """The session's transaction made a change that its end settles outside the database (a stored
    file, removed again unless the transaction commits): it is not a transaction that only read."""
    session.connection().info[WROTE] = True


def _commit_if_it_only_read(session: Session) -> None:
    """End a PostgreSQL transaction that only read with COMMIT, to the database the same as ROLLBACK.

    psycopg forgets every prepared statement of a connection at a ROLLBACK (it may have undone a change
    of the schema). With every request ending in one, PostgreSQL planned each query anew on every
    request, where a query run often is otherwise prepared once and its plan kept: planning took longer
    than running the queries that answer most requests. A transaction that sent anything but a SELECT,
    or holds changes not yet sent, is rolled back as before.
    """
    if session.bind.dialect.name != "postgresql" or not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted:
        return
    try:
        if not session.connection().info.get(WROTE):
            session.commit()
    except sa.exc.SQLAlchemyError:
        # The answer has been sent; closing the session rolls back whatever is left.
        current_app.logger.warning("Ending a transaction that only read failed", exc_info=True)


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
