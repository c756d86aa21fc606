"""Sign-in, reset and invitation rules that must hold whatever else changes."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.security import check_password_hash

from councilportal.accounts import services
from councilportal.accounts.models import PasswordResetRequest, TokenPurpose
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.timeutil import now_utc
from tests.factories import TEST_PASSWORD, make_user


@pytest.fixture
def hash_checks(monkeypatch):
    """Every password hash checked by the services, as (method of the stored hash); the real check runs."""
    checked = []

    def counting_check(stored_hash, password):
        checked.append(stored_hash.split("$", 1)[0])
        return check_password_hash(stored_hash, password)

    monkeypatch.setattr(services, "check_password_hash", counting_check)
    return checked


@pytest.mark.parametrize("email", ["rut@example.se", "okand@example.se", "av@example.se", "ny@example.se"],
                         ids=["wrong password", "unknown address", "deactivated", "invited without password"])
def test_every_refused_sign_in_costs_one_hash_check_by_the_configured_method(app, session, hash_checks, email):
    make_user(session, email="rut@example.se")
    make_user(session, email="av@example.se", active=False)
    make_user(session, email="ny@example.se", password=False)
    with pytest.raises(DomainError, match="Fel e-postadress eller lösenord"):
        services.authenticate(session, email, "fel lösenord", "10.0.0.1")
    assert hash_checks == [app.config["PASSWORD_HASH_METHOD"]]


def test_the_stand_in_hash_follows_the_configured_method(make_app, hash_checks):
    app = make_app(PASSWORD_HASH_METHOD="pbkdf2:sha256:2000")
    with app.app_context(), pytest.raises(DomainError):
        services.authenticate(db.session, "okand@example.se", "fel lösenord", "10.0.0.1")
    assert hash_checks == ["pbkdf2:sha256:2000"]


def test_only_failed_sign_ins_count_toward_the_limit(app, session):
    make_user(session, email="rut@example.se")
    limit = app.config["LOGIN_FAILURES_PER_ACCOUNT"]
    for _ in range(limit - 1):
        with pytest.raises(DomainError):
            services.authenticate(session, "rut@example.se", "fel", "10.0.0.1")
    for _ in range(limit + 1):
        assert services.authenticate(session, "rut@example.se", TEST_PASSWORD, "10.0.0.1")
    with pytest.raises(DomainError, match="Fel e-postadress"):
        services.authenticate(session, "rut@example.se", "fel", "10.0.0.1")
    with pytest.raises(DomainError, match="För många misslyckade inloggningar"):
        services.authenticate(session, "rut@example.se", TEST_PASSWORD, "10.0.0.1")


class Clock:
    def __init__(self, monkeypatch):
        self.now = services.now_utc()
        monkeypatch.setattr(services, "now_utc", lambda: self.now)


@pytest.mark.parametrize("purpose, setting, unit, product_default", [
    (TokenPurpose.PASSWORD_RESET, "PASSWORD_RESET_VALID_HOURS", "hours", 2),
    (TokenPurpose.INVITATION, "INVITATION_VALID_DAYS", "days", 14),
])
@pytest.mark.parametrize("configured", [None, 5])
def test_links_live_exactly_their_configured_lifetime(make_app, monkeypatch, purpose, setting, unit,
                                                      product_default, configured):
    app = make_app(**({setting: configured} if configured else {}))
    assert app.config[setting] == (configured or product_default)
    lifetime = timedelta(**{unit: app.config[setting]})
    clock = Clock(monkeypatch)
    with app.app_context():
        user = make_user(db.session)
        token = services.issue_token(db.session, user, purpose)
        db.session.flush()
        issued = clock.now
        clock.now = issued + lifetime - timedelta(minutes=1)
        assert services.find_valid_token(db.session, token, purpose).user is user
        clock.now = issued + lifetime + timedelta(minutes=1)
        with pytest.raises(DomainError, match="gått ut"):
            services.find_valid_token(db.session, token, purpose)


# --- Password reset mail limit ---------------------------------------------------------------------


def reset_mails(outbox) -> int:
    return len(outbox("password_reset"))


def test_reset_mail_to_one_account_stops_at_the_limit(app, session, outbox):
    make_user(session, email="rut@example.se")
    session.commit()
    limit = app.config["PASSWORD_RESET_MAILS_PER_ACCOUNT"]
    for number in range(limit + 3):
        services.request_password_reset(session, "Rut@example.se", f"10.0.0.{number}")
        session.commit()
    assert reset_mails(outbox) == limit


def test_reset_requests_from_one_address_stop_at_the_limit(app, session, outbox):
    make_user(session, email="rut@example.se")
    session.commit()
    for number in range(app.config["PASSWORD_RESET_REQUESTS_PER_ADDRESS"]):
        services.request_password_reset(session, f"nobody{number}@example.se", "6.6.6.6")
    services.request_password_reset(session, "rut@example.se", "6.6.6.6")
    session.commit()
    assert reset_mails(outbox) == 0
    services.request_password_reset(session, "rut@example.se", "7.7.7.7")
    session.commit()
    assert reset_mails(outbox) == 1


def test_the_reset_limit_frees_up_after_its_window(app, session, outbox):
    make_user(session, email="rut@example.se")
    session.commit()
    for _ in range(app.config["PASSWORD_RESET_MAILS_PER_ACCOUNT"] + 1):
        services.request_password_reset(session, "rut@example.se", "10.0.0.1")
    session.commit()
    before = reset_mails(outbox)
    session.execute(sa.update(PasswordResetRequest).values(
        requested_at=now_utc() - timedelta(minutes=app.config["PASSWORD_RESET_WINDOW_MINUTES"] + 1)))
    services.request_password_reset(session, "rut@example.se", "10.0.0.1")
    session.commit()
    assert reset_mails(outbox) == before + 1


def test_past_the_limit_the_page_says_the_same_and_sends_nothing(client, world, outbox, app):
    for _ in range(app.config["PASSWORD_RESET_MAILS_PER_ACCOUNT"]):
        client.post("/password/forgot", data={"email": world.admin.email})
    sent = reset_mails(outbox)
    over = client.post("/password/forgot", data={"email": world.admin.email}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "nobody@example.se"}, follow_redirects=True)
    assert reset_mails(outbox) == sent
    for response in (over, unknown):
        assert response.status_code == 200
        assert "Om adressen hör till ett konto har vi skickat en länk" in response.text
