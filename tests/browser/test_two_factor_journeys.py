import time

import pyotp
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD


def test_a_coordinator_sets_up_two_factor_sign_in_and_signs_in_with_a_code(page, world):
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto("/profile")
    assert_accessible(page)
    page.get_by_role("link", name="Hantera tvåstegsinloggning").click()
    expect(page.get_by_role("heading", name="Tvåstegsinloggning")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Börja").click()

    expect(page.get_by_role("img", name="QR-kod för appen")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#two-factor-key").inner_text().replace(" ", "")
    page.get_by_label("Kod från appen").fill("000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.get_by_role("button", name="Slå på tvåstegsinloggning").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    assert_accessible(page)
    page.get_by_label("Kod från appen").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Slå på tvåstegsinloggning").click()

    expect(page.get_by_role("heading", name="Dina reservkoder")).to_be_visible()
    expect(page.locator("ul li code")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Jag har sparat koderna").click()
    expect(page.get_by_text("Påslagen: du loggar in med lösenord och en kod")).to_be_visible()
    page.get_by_role("button", name="Logga ut", exact=True).click()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Kod för inloggning")).to_be_visible()
    assert_accessible(page)
    # The next step's code: the one that confirmed the setup may not be taken twice.
    page.get_by_label("Kod", exact=True).fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Att göra")).to_be_visible()
    assert_accessible(page)


def test_signing_out_on_all_devices_from_the_profile(page, world):
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto("/profile")
    page.get_by_role("button", name="Logga ut på alla enheter").click()
    expect(page.get_by_text("Du är utloggad på alla enheter.")).to_be_visible()
    assert_accessible(page)
    page.goto("/profile")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
