"""Two-factor sign-in with time-based codes (RFC 6238), computed here from the secret at given times."""

import re
import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import sqlalchemy as sa

from councilportal import create_app
from councilportal.accounts import services
from councilportal.accounts.models import AuditEvent, RecoveryCode, User
from councilportal.config import ConfigurationError
from councilportal.errors import DomainError
from councilportal.extensions import db
from tests.conftest import app_config
from tests.factories import TEST_PASSWORD, make_user

MOMENT = datetime(2026, 11, 27, 9, 0, 15, tzinfo=UTC)


def code_at(user: User, moment: datetime) -> str:
    return pyotp.TOTP(user.two_factor_secret).at(moment)


def with_two_factor(session, user: User) -> list[str]:
    services.begin_two_factor_setup(session, user)
    return services.confirm_two_factor_setup(session, user, code_at(user, MOMENT), at=MOMENT)


# --- Setting it up ---------------------------------------------------------------------------------


def test_setup_needs_a_right_first_code_and_then_gives_ten_recovery_codes_stored_hashed(session):
    user = make_user(session, is_admin=True)
    services.begin_two_factor_setup(session, user)
    assert user.two_factor_secret and not user.has_two_factor
    with pytest.raises(DomainError, match="Koden stämmer inte"):
        services.confirm_two_factor_setup(session, user, "000000" if code_at(user, MOMENT) != "000000" else "111111",
                                          at=MOMENT)
    assert not user.has_two_factor
    codes = services.confirm_two_factor_setup(session, user, code_at(user, MOMENT), at=MOMENT)
    assert user.has_two_factor
    assert len(codes) == len(set(codes)) == 10
    stored = session.scalars(sa.select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(stored) & set(codes)
    assert session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action == "two_factor_enabled"))


def test_a_setup_secret_signs_nobody_in_until_it_is_confirmed(session):
    user = make_user(session, is_admin=True)
    services.begin_two_factor_setup(session, user)
    assert services.authenticate(session, user.email, TEST_PASSWORD, "10.0.0.1") is user
    assert not user.has_two_factor


# --- Signing in with a code ------------------------------------------------------------------------


@pytest.mark.parametrize("offset, accepted", [
    (timedelta(seconds=0), True),
    (timedelta(seconds=-30), True),
    (timedelta(seconds=30), True),
    (timedelta(seconds=-60), False),
    (timedelta(seconds=60), False),
])
def test_a_code_is_accepted_within_one_step_of_drift_either_way(session, offset, accepted):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    later = MOMENT + timedelta(minutes=5)
    code = code_at(user, later + offset)
    if accepted:
        services.verify_second_factor(session, user, code, "10.0.0.1", at=later)
    else:
        with pytest.raises(DomainError, match="Koden stämmer inte"):
            services.verify_second_factor(session, user, code, "10.0.0.1", at=later)


def test_a_used_code_cannot_be_used_again_within_its_window(session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    later = MOMENT + timedelta(minutes=5)
    code = code_at(user, later)
    services.verify_second_factor(session, user, code, "10.0.0.1", at=later)
    with pytest.raises(DomainError, match="Koden stämmer inte"):
        services.verify_second_factor(session, user, code, "10.0.0.1", at=later + timedelta(seconds=20))
    services.verify_second_factor(session, user, code_at(user, later + timedelta(seconds=30)), "10.0.0.1",
                                  at=later + timedelta(seconds=30))


def test_the_code_that_confirmed_the_setup_cannot_sign_in(session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    with pytest.raises(DomainError):
        services.verify_second_factor(session, user, code_at(user, MOMENT), "10.0.0.1", at=MOMENT)


def test_a_recovery_code_works_once_typed_in_any_case_with_or_without_dashes(session):
    user = make_user(session, is_admin=True)
    codes = with_two_factor(session, user)
    services.verify_second_factor(session, user, f"  {codes[0].upper()} ", "10.0.0.1")
    with pytest.raises(DomainError):
        services.verify_second_factor(session, user, codes[0], "10.0.0.1")
    services.verify_second_factor(session, user, codes[1].replace("-", ""), "10.0.0.1")
    assert services.unused_recovery_codes(session, user) == 8


def test_wrong_codes_count_toward_the_sign_in_limit(app, session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    later = MOMENT + timedelta(minutes=5)
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        with pytest.raises(DomainError, match="Koden stämmer inte"):
            services.verify_second_factor(session, user, "12345x", "10.0.0.1", at=later)
    with pytest.raises(DomainError, match="För många misslyckade inloggningar"):
        services.verify_second_factor(session, user, code_at(user, later), "10.0.0.2", at=later)
    with pytest.raises(DomainError, match="För många misslyckade inloggningar"):
        services.authenticate(session, user.email, TEST_PASSWORD, "10.0.0.3")


def test_the_password_alone_does_not_sign_in_someone_with_two_factor(session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    services.authenticate(session, user.email, TEST_PASSWORD, "10.0.0.1")
    assert user.last_login_at is None
    services.verify_second_factor(session, user, code_at(user, MOMENT + timedelta(minutes=1)), "10.0.0.1",
                                  at=MOMENT + timedelta(minutes=1))
    assert user.last_login_at is not None


# --- Turning it off and new recovery codes ---------------------------------------------------------


def test_turning_it_off_needs_the_password_or_a_code(session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    with pytest.raises(DomainError, match="lösenord eller en kod") as refused:
        services.turn_off_two_factor(session, user, "fel lösenord", remote_address="")
    assert refused.value.field == "password_or_code" and user.has_two_factor
    services.turn_off_two_factor(session, user, TEST_PASSWORD, remote_address="")
    assert not user.has_two_factor and user.two_factor_secret is None
    assert session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0


def test_a_code_from_the_app_also_turns_it_off(session):
    user = make_user(session, is_admin=True)
    with_two_factor(session, user)
    later = MOMENT + timedelta(minutes=2)
    services.turn_off_two_factor(session, user, code_at(user, later), remote_address="", at=later)
    assert not user.has_two_factor


def test_a_required_role_cannot_turn_it_off(make_app):
    app = make_app(TWO_FACTOR_REQUIRED_ROLES="admin")
    with app.app_context():
        user = make_user(db.session, is_admin=True)
        with_two_factor(db.session, user)
        with pytest.raises(DomainError, match="Din roll kräver"):
            services.turn_off_two_factor(db.session, user, TEST_PASSWORD, remote_address="")


def test_new_recovery_codes_replace_the_old(session):
    user = make_user(session, is_admin=True)
    old = with_two_factor(session, user)
    new = services.new_recovery_codes(session, user, TEST_PASSWORD, remote_address="")
    with pytest.raises(DomainError):
        services.verify_second_factor(session, user, old[0], "10.0.0.1")
    services.verify_second_factor(session, user, new[0], "10.0.0.1")


@pytest.mark.parametrize("setting, roles", [
    ("", set()), ("admin", {"admin"}), (" admin , coordinator", {"admin", "coordinator"}),
    (("manager",), {"manager"}),
])
def test_the_required_roles_setting_is_read_as_a_list(setting, roles):
    assert services.two_factor_required_roles(setting) == roles


def test_a_misspelt_required_role_stops_the_app_from_starting(database_url, tmp_path):
    with pytest.raises(ConfigurationError, match="unknown role admins"):
        create_app(app_config(database_url, tmp_path, TWO_FACTOR_REQUIRED_ROLES="admins,coordinator"))


# --- Through the web -------------------------------------------------------------------------------


def set_up_through_the_web(client) -> tuple[str, list[str]]:
    client.post("/profile/two-factor/start")
    page = client.get("/profile/two-factor").text
    secret = re.search(r'id="two-factor-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    response = client.post("/profile/two-factor/confirm", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200, response.text
    codes = re.findall(r"<code>([a-z0-9-]{19})</code>", response.text)
    return secret, codes


def test_the_setup_page_draws_the_qr_code_itself_with_no_inline_style_or_outside_address(client, auth, world):
    auth.login(world.coordinator)
    client.post("/profile/two-factor/start")
    response = client.get("/profile/two-factor")
    svg = re.search(r"<svg.*?</svg>", response.text, re.S).group(0)
    assert "<title>" in svg
    assert "style" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in response.text.split("</header>", 1)[1]
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_a_coordinator_sets_it_up_and_signs_in_with_password_and_code(app, client, auth, world):
    auth.login(world.coordinator)
    secret, codes = set_up_through_the_web(client)
    assert len(codes) == 10
    recovery_page = client.post("/profile/two-factor/confirm", data={"code": "123456"})
    assert "Dina reservkoder" not in recovery_page.text
    client.post("/logout")

    response = client.post("/login", data={"email": world.coordinator.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/login/code"
    assert client.get("/profile").status_code == 302, "the password alone signs nobody in"
    wrong = client.post("/login/code", data={"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"})
    assert "Koden stämmer inte" in wrong.text and 'class="error-summary"' in wrong.text
    next_step = pyotp.TOTP(secret).at(time.time() + 30)
    response = client.post("/login/code", data={"code": next_step})
    assert response.headers["Location"] == "/att-gora"
    assert client.get("/profile").status_code == 200


def test_a_recovery_code_signs_in_through_the_web_once(app, client, auth, world):
    auth.login(world.coordinator)
    _secret, codes = set_up_through_the_web(client)
    client.post("/logout")
    for attempt in range(2):
        client.post("/login", data={"email": world.coordinator.email, "password": TEST_PASSWORD})
        response = client.post("/login/code", data={"code": codes[0]})
        if attempt == 0:
            assert response.headers["Location"] == "/att-gora"
            client.post("/logout")
        else:
            assert "Koden stämmer inte" in response.text


def test_the_code_step_without_a_password_first_asks_to_start_again(client):
    response = client.post("/login/code", data={"code": "123456"})
    assert response.status_code == 200
    assert "Börja om med ditt lösenord" in response.text


def test_members_without_a_role_have_no_two_factor_pages(client, auth, world):
    auth.login(world.representative)
    assert client.get("/profile/two-factor").status_code == 403
    assert "Hantera tvåstegsinloggning" not in client.get("/profile").text


@pytest.fixture
def required_app(make_app):
    return make_app(TWO_FACTOR_REQUIRED_ROLES="admin,coordinator")


def test_a_required_role_is_sent_to_set_it_up_and_can_do_nothing_else_until_done(required_app, world):
    client = required_app.test_client()
    response = client.post("/login", data={"email": world.coordinator.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/profile/two-factor"
    for path in ("/my-councils", "/profile", f"/councils/{world.council.slug}"):
        assert client.get(path).headers.get("Location") == "/profile/two-factor", path
    assert "Din roll kräver tvåstegsinloggning" in client.get("/profile/two-factor").text
    set_up_through_the_web(client)
    assert client.get("/my-councils").status_code == 200


def test_roles_not_named_are_not_held_up(required_app, world):
    client = required_app.test_client()
    for person in (world.representative, world.manager):
        response = client.post("/login", data={"email": person.email, "password": TEST_PASSWORD})
        assert response.headers["Location"] == "/att-gora"
        assert client.get("/my-councils").status_code == 200
        client.post("/logout")


def test_turning_it_off_through_the_web_needs_the_password(client, auth, world, session):
    auth.login(world.coordinator)
    set_up_through_the_web(client)
    refused = client.post("/profile/two-factor/off", data={"off-password_or_code": "fel"})
    assert "Skriv ditt lösenord eller en kod från appen." in refused.text
    response = client.post("/profile/two-factor/off", data={"off-password_or_code": TEST_PASSWORD})
    assert response.headers["Location"] == "/profile"
    session.expire_all()
    assert not session.get(User, world.coordinator.id).has_two_factor


@pytest.mark.parametrize("path, field", [("/profile/two-factor/off", "off-password_or_code"),
                                         ("/profile/two-factor/recovery-codes", "codes-password_or_code")])
def test_guessing_the_password_to_change_two_factor_stops_at_the_sign_in_limit(app, client, auth, world, session,
                                                                              path, field):
    auth.login(world.coordinator)
    set_up_through_the_web(client)
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        client.post(path, data={field: "fel"})
    refused = client.post(path, data={field: TEST_PASSWORD})
    assert "För många misslyckade inloggningar" in refused.text
    session.expire_all()
    assert session.get(User, world.coordinator.id).has_two_factor


def test_an_admin_turns_it_off_for_someone_who_lost_phone_and_codes(client, auth, world, session):
    with_two_factor(session, world.coordinator)
    session.commit()
    auth.login(world.admin)
    page = client.get(f"/admin/accounts/{world.coordinator.id}/edit").text
    assert "Påslagen sedan" in page
    response = client.post(f"/admin/accounts/{world.coordinator.id}/two-factor/off", follow_redirects=True)
    assert f"Tvåstegsinloggning är avstängd för {world.coordinator.name}." in response.text
    session.expire_all()
    assert not session.get(User, world.coordinator.id).has_two_factor
    assert session.scalar(sa.select(AuditEvent.details).where(AuditEvent.action == "two_factor_disabled"))
    again = client.post(f"/admin/accounts/{world.coordinator.id}/two-factor/off", follow_redirects=True)
    assert "Tvåstegsinloggning är inte påslagen." in again.text


def test_setting_up_can_start_again_with_a_new_key(session):
    user = make_user(session, is_admin=True)
    services.begin_two_factor_setup(session, user)
    first = user.two_factor_secret
    services.begin_two_factor_setup(session, user)
    assert user.two_factor_secret != first
