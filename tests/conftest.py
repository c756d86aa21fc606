"""Fixtures: a fresh app per test on a migrated database that is emptied after each test.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set
(`make test` does both). The schema is built once per run through the migrations.
"""

import contextvars
import os
from pathlib import Path

import cachetools
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from councilportal import create_app
from councilportal.extensions import Base, db
from councilportal.mail.models import OutboxMessage
from councilportal.pagecache import ContentVersion
from councilportal.schema import migrations
from tests import factories

TEST_PASSWORD = factories.TEST_PASSWORD


BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test on real PostgreSQL connections (the `postgres_url` fixture) is marked postgres_only, so the
    SQLite pass of `make test` leaves it to the PostgreSQL pass instead of needing a server of its own.
    A browser journey is marked browser: `make test` runs them in the SQLite pass only."""
    for item in items:
        if "postgres_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres_only)
        if BROWSER_TESTS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/"


def _on_postgres_server(url: str, *statements: str) -> None:
    target = sa.make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for statement in statements:
                connection.execute(sa.text(statement.format(name=target.database)))
    finally:
        admin.dispose()


def _recreate_postgres_database(url: str) -> None:
    # A test database need not survive a crash of the server: commits that do not wait for the disk
    # make the PostgreSQL pass several minutes shorter.
    _on_postgres_server(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', 'CREATE DATABASE "{name}"',
                        'ALTER DATABASE "{name}" SET synchronous_commit = off')


def app_config(database_url: str, tmp_path: Path, **overrides) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "MAIL_FOLDER": str(tmp_path / "mail"),
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "PORTAL_URL": "http://portal.test",
        **overrides,
    }


def _per_worker(url: str) -> str:
    """Parallel test workers (pytest-xdist) each get their own PostgreSQL database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    target = sa.make_url(url)
    return target.set(database=f"{target.database}_{worker}").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = _per_worker(url)
        _recreate_postgres_database(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    app = create_app(app_config(url, tmp_path_factory.mktemp("migrate")))
    with app.app_context():
        migrations().upgrade()
        db.engine.dispose()
    return url


def empty_all_tables(app: Flask) -> None:
    with app.app_context():
        db.session.close()
        engine = db.engine
        with engine.begin() as connection:
            # DELETE rather than TRUNCATE on PostgreSQL too: a test leaves a few rows, and TRUNCATE of every
            # table costs about 0.2 s a test (new files for each), DELETE a hundredth of that.
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
            if engine.dialect.name == "postgresql":
                # As an emptied SQLite table does: ids start again at 1.
                connection.execute(sa.text(
                    "SELECT setval(format('%I.%I', schemaname, sequencename), 1, false) FROM pg_sequences"
                    " WHERE schemaname = current_schema()"))
            # As the migrations leave it: the one row of the content version.
            connection.execute(sa.insert(ContentVersion).values(id=1, version=0))
        engine.dispose()


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (own `g`, own database session), as in production,
    even while the test itself holds an app context open for its `session`. A streamed body is read
    whole inside that context too, as a server reads it inside the request's own."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture(scope="module")
def postgres_url(database_url, tmp_path_factory):
    """For tests that need real concurrent PostgreSQL connections: the suite's database when it is
    PostgreSQL, otherwise a migrated database of this test process's own on the local server."""
    if database_url.startswith("postgresql"):
        yield database_url
        return
    url = f"{LOCAL_POSTGRES}councilportal_test_concurrency_{os.getpid()}"
    _recreate_postgres_database(url)
    app = create_app(app_config(url, tmp_path_factory.mktemp("concurrency")))
    with app.app_context():
        migrations().upgrade()
        db.engine.dispose()
    yield url
    _on_postgres_server(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_app(postgres_url, tmp_path):
    """An app on `postgres_url`, emptied after the test."""
    app = create_app(app_config(postgres_url, tmp_path))
    yield app
    empty_all_tables(app)


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app with extra configuration; every app made is cleaned up after the test."""
    made = []

    def make(**overrides) -> Flask:
        app = create_app(app_config(database_url, tmp_path, **overrides))
        app.test_client_class = IsolatedClient
        made.append(app)
        return app

    yield make
    if made:
        empty_all_tables(made[0])
    for app in made[1:]:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def _workers_app(database_url, tmp_path_factory) -> Flask:
    app = create_app(app_config(database_url, tmp_path_factory.mktemp("app")))
    app.test_client_class = IsolatedClient
    with app.app_context():
        migrations()  # set up on first use, which Flask allows only before the first request
    return app


def _forget_kept(app: Flask) -> None:
    """Every page, feed and value the app keeps in its caches (kept as (cache, lock) in its extensions)."""
    for value in app.extensions.values():
        if isinstance(value, tuple) and value and isinstance(value[0], cachetools.Cache):
            value[0].clear()


@pytest.fixture
def app(_workers_app, tmp_path) -> Flask:
    """The default app, handed to each test as new. Building an app costs more than most tests do (its
    URL rules, templates and SQL statements are compiled anew), so each worker builds one and gives it
    back after every test as it was: its configuration and extensions restored, its kept pages forgotten,
    its tables emptied. A test that changes the app itself, beyond its configuration, builds its own (`make_app`)."""
    app = _workers_app
    configuration, extensions = dict(app.config), dict(app.extensions)
    app.config.update(MAIL_FOLDER=str(tmp_path / "mail"), UPLOAD_FOLDER=str(tmp_path / "uploads"))
    yield app
    empty_all_tables(app)
    # An extension set up on first use (the feed cache) goes with any configuration it set.
    for saved, kept in ((app.config, configuration), (app.extensions, extensions)):
        saved.clear()
        saved.update(kept)
    _forget_kept(app)


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def session(app_context):
    """The request-less database session, as services and CLI commands see it."""
    return db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = TEST_PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        response = self.client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.text
        return response

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)


@pytest.fixture
def world(session):
    """A small, complete cast: one of each role around a private and a public council."""
    return factories.build_world(session)


@pytest.fixture
def outbox(app):
    """The mail waiting in the outbox, newest last."""

    def read(kind: str | None = None) -> list[OutboxMessage]:
        with app.app_context():
            statement = sa.select(OutboxMessage).order_by(OutboxMessage.id)
            if kind:
                statement = statement.where(OutboxMessage.kind == kind)
            return list(db.session.scalars(statement))

    return read


class QueryCounter:
    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.statements: list[str] = []

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __enter__(self):
        self.statements.clear()
        sa.event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._record)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter: …` then `counter.count` SQL statements."""

    def make() -> QueryCounter:
        with app.app_context():
            return QueryCounter(db.engine)

    return make
