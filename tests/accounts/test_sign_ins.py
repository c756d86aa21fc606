"""Signing out ends a sign-in for good: a copied session cookie opens nothing afterwards."""

from datetime import timedelta

import sqlalchemy as sa

from councilportal.accounts import services
from councilportal.accounts.models import AuditEvent, SignIn
from tests.factories import TEST_PASSWORD, make_user


def signed_in_client(app, user):
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def saved_cookie(client) -> str:
    return client.get_cookie("session").value


def client_with_cookie(app, cookie: str):
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def test_a_cookie_saved_before_signing_out_opens_nothing_afterwards(app, world):
    client = signed_in_client(app, world.representative)
    cookie = saved_cookie(client)
    assert client_with_cookie(app, cookie).get("/profile").status_code == 200
    client.post("/logout")
    replayed = client_with_cookie(app, cookie).get("/profile")
    assert replayed.status_code == 302
    assert replayed.headers["Location"].startswith("/login")


def test_signing_out_on_one_device_leaves_the_others_signed_in(app, world):
    laptop = signed_in_client(app, world.representative)
    phone = signed_in_client(app, world.representative)
    laptop.post("/logout")
    assert laptop.get("/profile").status_code == 302
    assert phone.get("/profile").status_code == 200


def test_signing_out_on_all_devices_ends_every_sign_in_this_one_included(app, world, session):
    laptop = signed_in_client(app, world.representative)
    phone = signed_in_client(app, world.representative)
    laptop_cookie = saved_cookie(laptop)
    response = laptop.post("/profile/sign-out-everywhere")
    assert response.headers["Location"] == "/"
    assert "Du är utloggad på alla enheter." in laptop.get("/").text
    assert phone.get("/profile").status_code == 302
    assert client_with_cookie(app, laptop_cookie).get("/profile").status_code == 302
    assert session.scalar(sa.select(sa.func.count(SignIn.id))) == 0
    assert session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action == "signed_out_everywhere"))
    assert signed_in_client(app, world.representative).get("/profile").status_code == 200


def test_the_profile_offers_to_sign_out_on_all_devices(client, auth, world):
    auth.login(world.representative)
    page = client.get("/profile").text
    assert 'action="/profile/sign-out-everywhere"' in page
    assert "Logga ut på alla enheter" in page


def test_a_changed_password_keeps_this_browser_and_ends_the_cookies_of_every_other(app, world):
    browser = signed_in_client(app, world.representative)
    old_cookie = saved_cookie(browser)
    browser.post("/profile/password", data={
        "current_password": TEST_PASSWORD, "new_password": "ett helt nytt lösenord",
        "confirm": "ett helt nytt lösenord"})
    assert browser.get("/profile").status_code == 200
    assert client_with_cookie(app, old_cookie).get("/profile").status_code == 302


def test_a_sign_in_lasts_the_configured_lifetime_and_no_longer(app_context, session, monkeypatch, app):
    user = make_user(session)
    start = services.now_utc()
    key = services.start_sign_in(session, user)
    session.flush()
    lifetime = app.permanent_session_lifetime
    monkeypatch.setattr(services, "now_utc", lambda: start + lifetime - timedelta(minutes=1))
    assert services.signed_in_user(session, user.id, user.session_version, key) is user
    monkeypatch.setattr(services, "now_utc", lambda: start + lifetime + timedelta(minutes=1))
    assert services.signed_in_user(session, user.id, user.session_version, key) is None


def test_expired_sign_ins_are_cleared_when_the_person_signs_in_again(app_context, session, monkeypatch, app):
    user = make_user(session)
    start = services.now_utc()
    services.start_sign_in(session, user)
    session.flush()
    monkeypatch.setattr(services, "now_utc", lambda: start + app.permanent_session_lifetime + timedelta(minutes=1))
    services.start_sign_in(session, user)
    session.flush()
    assert session.scalar(sa.select(sa.func.count(SignIn.id))) == 1


def test_only_a_hash_of_the_sign_in_key_is_stored(session):
    user = make_user(session)
    key = services.start_sign_in(session, user)
    session.flush()
    assert session.scalar(sa.select(SignIn.key_hash)) != key
