import pytest
import sqlalchemy as sa

from councilportal import create_app
from councilportal.accounts.models import LoginAttempt
from councilportal.config import COMPILED_STATEMENTS_KEPT, ConfigurationError
from councilportal.extensions import db
from tests.conftest import app_config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("COUNCILPORTAL_SECRET_KEY", raising=False)
    monkeypatch.delenv("COUNCILPORTAL_ENV", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "SECRET_KEY": None})


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example/portal")
    monkeypatch.setenv("MAIL_BACKEND", "smtp")
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("COUNCILPORTAL_PAGE_SIZE", "10")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["DATABASE_URL"] == "postgresql+psycopg://someone@db.example/portal"
    assert app.config["MAIL_BACKEND"] == "smtp"
    assert app.config["MAIL_PORT"] == 2525
    assert app.config["PAGE_SIZE"] == 10
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only_and_same_site(client, auth, world):
    response = auth.login(world.admin)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_pages_get_a_friendly_swedish_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text


def test_the_interface_switches_to_english_and_remembers_it(client):
    response = client.get("/?lang=en")
    assert '<html lang="en">' in response.text
    assert "Accessibility statement" in response.text
    assert '<html lang="en">' in client.get("/tillganglighet").text
    assert '<html lang="sv">' in client.get("/?lang=sv").text


def test_a_signed_in_persons_language_choice_is_used(client, auth, world, session):
    world.admin.locale = "en"
    session.commit()
    auth.login(world.admin)
    assert '<html lang="en">' in client.get("/my-councils").text


def test_the_accessibility_statement_is_linked_from_every_page(client, auth, world):
    for path in ("/", "/councils/", "/login", "/password/forgot", "/tillganglighet"):
        assert 'href="/tillganglighet"' in client.get(path).text, path
    auth.login(world.admin)
    for path in ("/my-councils", "/admin/accounts", "/profile"):
        assert 'href="/tillganglighet"' in client.get(path).text, path


def test_every_page_has_a_skip_link_and_main_landmark(client):
    page = client.get("/login").text
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page


def test_behind_a_trusted_proxy_sign_in_limits_count_the_visitors_address(make_app, world):
    app = make_app(TRUSTED_PROXIES=1)
    client = app.test_client()
    for _ in range(5):
        client.post("/login", data={"email": world.admin.email, "password": "fel"},
                    headers={"X-Forwarded-For": "203.0.113.9"})
    with app.app_context():
        addresses = set(db.session.scalars(sa.select(LoginAttempt.remote_address)))
    assert addresses == {"203.0.113.9"}


def test_building_the_app_opens_no_database_connection(database_url, tmp_path):
    """gunicorn builds the app once and forks its workers from it (councilportal.gunicorn_conf): a
    connection opened while building would be one socket shared by every worker."""
    opened = []

    def record(*_arguments) -> None:
        opened.append(1)

    sa.event.listen(sa.pool.Pool, "connect", record)
    try:
        app = create_app(app_config(database_url, tmp_path))
    finally:
        sa.event.remove(sa.pool.Pool, "connect", record)
    with app.app_context():
        db.engine.dispose()
    assert opened == []


def test_each_worker_keeps_a_bounded_number_of_compiled_statements(app):
    """Statements of pages seldom seen make room rather than grow every worker's memory for good."""
    with app.app_context():
        engine = db.engine
        for number in range(4 * COMPILED_STATEMENTS_KEPT):
            db.session.execute(sa.select(sa.literal_column(str(number)).label(f"statement_{number}")))
        db.session.rollback()
    # SQLAlchemy prunes back to the limit once half as many again have come in.
    assert COMPILED_STATEMENTS_KEPT <= len(engine._compiled_cache) <= 1.5 * COMPILED_STATEMENTS_KEPT
