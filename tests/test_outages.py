"""When the database is away: a Swedish 503 page with Retry-After, an error page that never fails in
turn, and the next request working again as soon as PostgreSQL is back, without a restart."""

import pytest
import sqlalchemy as sa

from councilportal import create_app
from councilportal.accounts.models import User
from councilportal.extensions import db
from tests.conftest import app_config
from tests.factories import TEST_PASSWORD, build_world, make_user
from tests.mail.test_outbox import free_port


def assert_the_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == "text/html"
    assert '<html lang="sv">' in response.text
    assert "försök igen om en stund" in response.text.lower()
    assert response.text.count("<h1>") == 1


def signed_in_cookie(app, email: str) -> str:
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": TEST_PASSWORD}).status_code == 302
    return client.get_cookie("session").value


def test_an_unreachable_database_gets_a_swedish_page_saying_try_again_soon(app, tmp_path, world):
    cookie = signed_in_cookie(app, world.coordinator.email)
    nowhere = create_app(app_config(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/councilportal",
                                    tmp_path))
    public = nowhere.test_client()
    assert_the_unavailable_page(public.get("/councils/"))
    assert_the_unavailable_page(public.get("/councils/oppna-radet"))
    assert_the_unavailable_page(public.post("/login", data={"email": "a@example.se", "password": "x"}))

    signed_in = nowhere.test_client()
    signed_in.set_cookie("session", cookie)
    assert_the_unavailable_page(signed_in.get("/my-councils"))
    not_found = signed_in.get("/meetings/99999999999")
    assert not_found.status_code == 404 and "Sidan finns inte" in not_found.text, "drawn without the database"


def test_a_failed_write_still_shows_the_full_error_page_of_the_person_signed_in(make_app, world):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.post("/test/duplicate-account")
    def duplicate_account():
        make_user(db.session, email=world.admin.email)  # the unique e-mail address refuses it

    client = app.test_client()
    client.post("/login", data={"email": world.coordinator.email, "password": TEST_PASSWORD})
    response = client.post("/test/duplicate-account")
    assert response.status_code == 500
    assert "Något gick fel" in response.text
    assert "Inloggad som Cora Samordnare" in response.text, "the full page, after the failed work was rolled back"


@pytest.mark.postgres_only
def test_text_postgresql_cannot_store_gets_a_page_that_says_so(pg_app):
    with pg_app.app_context():
        build_world(db.session)

    @pg_app.post("/test/rename")
    def rename():
        db.session.scalar(sa.select(User).where(User.email == "rep@example.se")).name = "R\x00"
        db.session.flush()

    client = pg_app.test_client()
    client.post("/login", data={"email": "samordnare@example.se", "password": TEST_PASSWORD})
    response = client.post("/test/rename")
    assert response.status_code == 400
    assert "Det som skickades gick inte att tolka." in response.text
    assert "Inloggad som Cora Samordnare" in response.text


def end_connections(engine: sa.Engine, *pids: int) -> None:
    """What a restart of PostgreSQL does to the app: its connections are ended under it."""
    admin = sa.create_engine(engine.url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        if pids:
            connection.execute(sa.text("SELECT pg_terminate_backend(pid, 5000) FROM unnest(:pids) AS pid"),
                               {"pids": list(pids)})
        else:
            connection.execute(sa.text(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    admin.dispose()


@pytest.mark.postgres_only
def test_requests_work_again_at_once_after_postgresql_ends_the_apps_connections(pg_app):
    with pg_app.app_context():
        build_world(db.session)
        engine = db.engine
    client = pg_app.test_client()
    client.post("/login", data={"email": "samordnare@example.se", "password": TEST_PASSWORD})
    pages = ["/my-councils", "/councils/socialtjanst", "/councils/", "/viewpoints/", "/profile"]
    cut_during = {"request": None}

    def end_the_connection_in_the_middle(connection, cursor, statement, parameters, context, executemany):
        if cut_during["request"] == number and "FROM users" not in statement:
            cut_during["request"] = None
            end_connections(engine, cursor.connection.info.backend_pid)

    sa.event.listen(engine, "before_cursor_execute", end_the_connection_in_the_middle)
    statuses = []
    try:
        for number in range(30):
            if number in (5, 6, 15):
                end_connections(engine)  # between two requests, the pool holds only ended connections
            if number == 20:
                cut_during["request"] = number
            response = client.get(pages[number % len(pages)])
            if response.status_code == 503:
                assert_the_unavailable_page(response)
            statuses.append(response.status_code)
    finally:
        sa.event.remove(engine, "before_cursor_execute", end_the_connection_in_the_middle)
    assert statuses == [200] * 20 + [503] + [200] * 9
