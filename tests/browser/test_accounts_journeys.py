from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD


def test_a_representative_logs_in_sees_their_council_and_logs_out(page, world):
    page.goto("/")
    assert_accessible(page)
    log_in(page, world.representative.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Mina råd")).to_be_visible()
    expect(page.get_by_role("link", name=world.council.name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=world.council.name).click()
    expect(page.get_by_role("heading", name=world.council.name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_text("Du är utloggad.")).to_be_visible()
