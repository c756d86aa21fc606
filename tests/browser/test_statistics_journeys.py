"""In the browser: the statistics page and the annual report are accessible (axe-core), fit a phone 320 pixels
wide without sideways scrolling, and print with the municipality and the council on the page."""

from playwright.sync_api import expect

from councilportal.timeutil import today_in_sweden
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.statistics import dataset


def _fits_a_phone(page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_reads_the_statistics_with_charts_and_tables(page, world, session):
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    dataset.build_audits(session, world)
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}/statistik")
    page.get_by_label("År (frivilligt)").select_option("2025")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("heading", name="Statistik för Brukarrådet för socialtjänst")).to_be_visible()
    expect(page.get_by_role("img", name="Stapeldiagram: andelen avslutade synpunkter med varje utfall.",
                            exact=False)).to_be_visible()
    expect(page.get_by_role("table", name="Svarstider i arbetsdagar")).to_contain_text("3,5")
    expect(page.get_by_role("table", name="Synpunkter i siffror")).to_contain_text("färre än 5")
    expect(page.get_by_role("img", name="Stapeldiagram: andelen besvarade uppföljningar", exact=False)).to_be_visible()
    expect(page.get_by_role("table", name="Genomförda åtgärder enligt uppföljningarna")).to_contain_text("40")
    expect(page.get_by_role("table", name="Rekommendationer och verksamhetens svar")).to_contain_text("Godtas delvis")
    expect(page.get_by_role("img", name="Stapeldiagram: andelen uppföljda rekommendationer",
                            exact=False)).to_be_visible()
    assert_accessible(page)
    _fits_a_phone(page)


def test_a_coordinator_writes_previews_and_publishes_the_annual_report_which_the_public_reads(page, world, session):
    world.public_council.coordinators.append(world.coordinator)
    session.commit()
    year = today_in_sweden().year
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.public_council.slug}")
    page.get_by_role("link", name="Verksamhetsberättelser").click()
    page.get_by_role("link", name=f"Verksamhetsberättelse {year}").click()
    page.get_by_label("Inledning").fill("Rådet har haft ett bra år.")
    page.get_by_role("button", name="Spara och förhandsgranska").click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()
    expect(page.locator(".annual-report")).to_contain_text("Rådet har haft ett bra år.")
    assert_accessible(page)
    page.get_by_role("button", name="Publicera verksamhetsberättelsen").click()
    expect(page.get_by_text("Verksamhetsberättelsen är publicerad.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    page.goto(f"/councils/{world.public_council.slug}/verksamhetsberattelse/{year}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Verksamhetsberättelse {year}")
    expect(page.get_by_text("version 1", exact=False).first).to_be_visible()
    assert_accessible(page)
    _fits_a_phone(page)
    page.emulate_media(media="print")
    expect(page.locator(".report-running-head")).to_be_visible()
    expect(page.locator(".report-running-head")).to_contain_text(
        f"Testkommun · Öppna rådet · Verksamhetsberättelse {year}")
    expect(page.locator(".site-header")).to_be_hidden()
