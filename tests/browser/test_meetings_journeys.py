import pytest
from playwright.sync_api import expect

from councilportal.meetings.models import MeetingState
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import make_meeting


@pytest.fixture
def without_javascript(browser, live_server):
    """A browser with JavaScript off, and a second one with it on that axe can run in.

    axe-core is JavaScript, so each page seen without it is checked by loading the same HTML,
    at the same address, in the second browser.
    """
    plain = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False)
    checker = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page, check_page = plain.new_page(), checker.new_page()
    page.set_default_timeout(10_000)
    check_page.set_default_timeout(10_000)

    def check(seen) -> None:
        check_page.goto(seen.url)
        check_page.set_content(seen.content())
        assert_accessible(check_page)

    page.check_accessible = lambda: check(page)
    yield page
    plain.close()
    checker.close()


def test_the_coordinator_builds_reorders_and_publishes_a_meeting_without_javascript(without_javascript, world,
                                                                                   live_server, outbox):
    page = without_javascript
    page.goto("/login")
    page.get_by_label("E-postadress").fill(world.coordinator.email)
    page.get_by_label("Lösenord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"/councils/{world.council.slug}")
    page.get_by_role("link", name="Alla möten, även tidigare").click()
    page.check_accessible()
    page.get_by_role("link", name="Nytt möte").click()
    page.check_accessible()

    page.get_by_label("Rubrik").fill("Rådsmöte mars")
    page.get_by_label("Börjar").fill("2027-03-02T13:00")
    page.get_by_label("Slutar").fill("2027-03-02T12:00")
    page.get_by_label("Plats").fill("Stadshuset, sal 2")
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.get_by_role("alert")).to_contain_text("Mötet måste sluta efter att det har börjat.")
    page.check_accessible()
    page.get_by_label("Slutar").fill("2027-03-02T15:00")
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.get_by_text("Mötet är sparat som utkast.")).to_be_visible()
    page.check_accessible()

    for title in ("Mötets öppnande", "Budget 2027", "Övriga frågor"):
        page.get_by_label("Rubrik").fill(title)
        page.get_by_role("button", name="Lägg till punkten").click()
        expect(page.get_by_text(f"Punkten {title} är tillagd.")).to_be_visible()
    page.get_by_role("button", name="Flytta upp Budget 2027").click()
    expect(page.get_by_text("Punkten Budget 2027 är flyttad till plats 1.")).to_be_visible()
    expect(page.locator("ol.agenda > li h2")).to_have_text(["Budget 2027", "Mötets öppnande", "Övriga frågor"])
    page.check_accessible()
    page.get_by_role("button", name="Flytta ned Mötets öppnande").click()
    expect(page.locator("ol.agenda > li h2")).to_have_text(["Budget 2027", "Övriga frågor", "Mötets öppnande"])

    page.get_by_role("link", name="Rådsmöte mars").first.click()
    expect(page.get_by_text("Utkast: bara rådets samordnare ser mötet tills det publiceras.")).to_be_visible()
    page.check_accessible()
    page.get_by_role("button", name="Publicera och skicka kallelse").click()
    expect(page.get_by_text("Mötet är publicerat och kallelsen är skickad till 2 ledamöter.")).to_be_visible()
    expect(page.get_by_text("tisdag 2 mars 2027 kl. 13.00–15.00")).to_be_visible()
    page.check_accessible()
    assert sorted(mail.recipient for mail in outbox("meeting_invitation")) == ["chef@example.se", "rep@example.se"]


def test_a_member_finds_the_meeting_and_its_agenda_from_my_meetings(page, session, world):
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Rådsmöte april", items=2)
    cancelled = make_meeting(session, world.council, state=MeetingState.CANCELLED, title="Extra möte")
    session.commit()
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.get_by_role("link", name="Mina möten").click()
    expect(page.get_by_role("heading", name="Mina möten")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Rådsmöte april").click()
    expect(page.get_by_role("heading", name="Punkt 2")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/meetings/{cancelled.id}")
    expect(page.get_by_text("Mötet är inställt.")).to_be_visible()
    assert_accessible(page)
