import re

import pytest
import sqlalchemy as sa

from councilportal.accounts.models import AuditEvent, User
from councilportal.extensions import db
from tests.factories import TEST_PASSWORD, make_user


def link_in(mail, path: str) -> str:
    return re.search(rf"http://portal\.test({path}/\S+)", mail.text()).group(1)


def test_signing_in_goes_to_the_start_page_and_out_again(client, auth, world):
    response = auth.login(world.representative)
    assert response.headers["Location"] == "/att-gora"
    assert "Att göra" in client.get("/att-gora").text
    assert client.post("/logout").status_code == 302
    assert client.get("/my-councils").status_code == 302


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_address(client, world):
    response = client.post("/login", data={"email": world.admin.email, "password": "fel"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "Fel e-postadress eller lösenord." in response.text
    assert f'value="{world.admin.email}"' in response.text


def test_failed_sign_ins_are_counted_across_requests_and_then_refused(client, world):
    for _ in range(5):
        client.post("/login", data={"email": world.admin.email, "password": "fel"})
    response = client.post("/login", data={"email": world.admin.email, "password": TEST_PASSWORD})
    assert "För många misslyckade inloggningar" in response.text
    assert client.get("/admin/accounts").status_code == 302


@pytest.mark.parametrize("target, expected", [
    ("/councils/", "/councils/"),
    ("https://evil.example/", "/att-gora"),
    ("//evil.example/", "/att-gora"),
    ("javascript:alert(1)", "/att-gora"),
])
def test_after_sign_in_only_local_next_addresses_are_followed(client, world, target, expected):
    response = client.post("/login", query_string={"next": target},
                           data={"email": world.admin.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == expected


def test_an_invited_person_follows_the_mailed_link_chooses_a_password_and_is_signed_in(client, auth, world, outbox):
    auth.login(world.admin)
    response = client.post("/admin/accounts/new", data={"name": "Nina Ny", "email": "nina@example.se", "unit_id": "0"})
    assert response.status_code == 302
    auth.logout()
    link = link_in(outbox("invitation")[-1], "/invitation")
    page = client.get(link)
    assert "Välkommen, Nina Ny" in page.text
    mismatch = client.post(link, data={"password": "ett långt lösenord", "confirm": "ett annat lösenord"})
    assert "Lösenorden är inte likadana." in mismatch.text
    accepted = client.post(link, data={"password": "ett långt lösenord", "confirm": "ett långt lösenord",
                                       "show_name_publicly": "y"})
    assert accepted.headers["Location"] == "/att-gora"
    assert client.get("/profile").status_code == 200
    replay = client.get(link)
    assert replay.status_code == 404
    assert "Länken fungerar inte" in replay.text


def test_a_forgotten_password_is_reset_through_the_mailed_link_once(client, world, outbox):
    response = client.post("/password/forgot", data={"email": world.representative.email})
    assert response.headers["Location"] == "/login"
    link = link_in(outbox("password_reset")[-1], "/password/reset")
    done = client.post(link, data={"password": "ett nytt långt lösenord", "confirm": "ett nytt långt lösenord"})
    assert done.headers["Location"] == "/login"
    replay = client.post(link, data={"password": "ett tredje lösenord!", "confirm": "ett tredje lösenord!"})
    assert replay.status_code == 404
    ok = client.post("/login", data={"email": world.representative.email, "password": "ett nytt långt lösenord"})
    assert ok.status_code == 302


def test_the_forgot_page_says_the_same_for_known_and_unknown_addresses(client, world):
    known = client.post("/password/forgot", data={"email": world.admin.email}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "nobody@example.se"}, follow_redirects=True)
    assert "Om adressen hör till ett konto" in known.text
    assert "Om adressen hör till ett konto" in unknown.text


def test_a_forged_csrf_token_is_refused_and_changes_nothing(make_app, world):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.get("/login")
    response = client.post("/password/forgot", data={"email": world.admin.email, "csrf_token": "forged"})
    assert response.status_code == 400
    assert "Formuläret har gått ut" in response.text or "Det finns problem" in response.text
    with app.app_context():
        from councilportal.mail.models import OutboxMessage

        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_csrf_protects_sign_out_too(make_app, world):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    assert client.post("/logout").status_code == 400


def test_the_profile_is_edited_and_over_long_input_is_refused_without_saving(client, auth, world, session):
    auth.login(world.representative)
    response = client.post("/profile", data={"name": "R" * 201, "phone": "", "locale": "sv"})
    assert "Högst 200 tecken." in response.text
    client.post("/profile", data={"name": "Rut R", "phone": "070-123 45 67", "locale": "en",
                                  "show_name_publicly": "y"})
    session.expire_all()
    user = session.get(User, world.representative.id)
    assert (user.name, user.phone, user.locale, user.show_name_publicly) == ("Rut R", "070-123 45 67", "en", True)


def test_an_unknown_language_is_refused(client, auth, world):
    auth.login(world.representative)
    response = client.post("/profile", data={"name": "Rut", "locale": "xx"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text


def test_changing_the_password_ends_other_sessions(app, auth, world):
    other_device = app.test_client()
    auth.login(world.representative)
    other_device.post("/login", data={"email": world.representative.email, "password": TEST_PASSWORD})
    response = auth.client.post("/profile/password", data={
        "current_password": TEST_PASSWORD, "new_password": "ett helt nytt lösenord",
        "confirm": "ett helt nytt lösenord"})
    assert response.headers["Location"] == "/profile"
    assert auth.client.get("/profile").status_code == 200
    assert other_device.get("/profile").status_code == 302


def test_guessing_the_current_password_stops_at_the_sign_in_limit(app, auth, world):
    auth.login(world.representative)
    new = {"new_password": "ett helt nytt lösenord", "confirm": "ett helt nytt lösenord"}
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        auth.client.post("/profile/password", data={"current_password": "fel", **new})
    refused = auth.client.post("/profile/password", data={"current_password": TEST_PASSWORD, **new})
    assert refused.status_code == 200
    assert "För många misslyckade inloggningar" in refused.text
    assert auth.client.get("/profile").status_code == 200


def test_a_deactivated_person_is_signed_out_at_once(app, client, auth, world):
    member = app.test_client()
    member.post("/login", data={"email": world.representative.email, "password": TEST_PASSWORD})
    auth.login(world.admin)
    client.post(f"/admin/accounts/{world.representative.id}/active", data={"active": "0"})
    assert member.get("/my-councils").status_code == 302
    signed_in_again = member.post("/login", data={"email": world.representative.email, "password": TEST_PASSWORD})
    assert signed_in_again.status_code == 200


def test_the_admin_edits_an_account_and_the_role_change_is_audited(client, auth, world, session):
    auth.login(world.admin)
    response = client.post(f"/admin/accounts/{world.outsider.id}/edit", data={
        "name": "Otto", "email": "otto@example.se", "unit_id": str(world.unit.id), "is_admin": "y"})
    assert response.status_code == 302
    session.expire_all()
    user = session.get(User, world.outsider.id)
    assert (user.unit_id, user.is_admin) == (world.unit.id, True)
    assert "admin_granted" in session.scalars(sa.select(AuditEvent.action)).all()
    assert "admin_granted" in client.get("/admin/audit").text


@pytest.mark.parametrize("unit_id", ["abc", "999999"])
def test_an_invalid_unit_is_refused_and_nothing_changes(client, auth, world, session, unit_id):
    auth.login(world.admin)
    response = client.post(f"/admin/accounts/{world.outsider.id}/edit", data={
        "name": "Changed", "email": "otto@example.se", "unit_id": unit_id})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    session.expire_all()
    assert session.get(User, world.outsider.id).name == "Otto Utanför"


def test_the_account_list_is_searchable_and_paginated(make_app, session_factory=None):
    app = make_app(PAGE_SIZE=2)
    with app.app_context():
        admin = make_user(db.session, "Ada", "ada@example.se", is_admin=True)
        for name in ("Bo", "Cecilia", "Dan"):
            make_user(db.session, name)
        db.session.commit()
        admin_email = admin.email
    client = app.test_client()
    client.post("/login", data={"email": admin_email, "password": TEST_PASSWORD})
    first = client.get("/admin/accounts").text
    assert "Sida 1 av 2" in first and "Cecilia" not in first
    assert "Cecilia" in client.get("/admin/accounts?page=2").text
    assert "Dan" in client.get("/admin/accounts?q=dan").text
    assert "Bo" not in client.get("/admin/accounts?q=dan").text
