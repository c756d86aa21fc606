"""In the browser: an admin makes the portal the municipality's own, and everyone sees it at once."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD, make_membership
from tests.site_settings.test_views import SVG_LOGO


def test_an_admin_sets_the_colour_logo_and_contact_and_the_public_sees_them(page, live_server, world, session,
                                                                           tmp_path):
    logo = tmp_path / "logga.svg"
    logo.write_bytes(SVG_LOGO)
    log_in(page, world.admin.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Webbplatsen").click()
    expect(page.get_by_role("heading", name="Webbplatsens inställningar")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kommunens eller regionens namn").fill("Exempelstads kommun")
    page.get_by_label("Profilfärg").fill("#ffcc00")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("kontrasten 1,51:1 mot vitt")
    expect(page).to_have_title(re.compile("^Fel: "))
    assert_accessible(page)

    page.get_by_label("Profilfärg").fill("#1a5276")
    page.get_by_label(re.compile("^Logotyp")).set_input_files(str(logo))
    page.get_by_label("E-post för tillgänglighetsfrågor").fill("tillganglighet@exempelstad.se")
    page.get_by_label("Telefon").fill("010-123 45 67")
    page.get_by_label("Redogörelsen granskades senast").fill("2026-11-20")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Inställningarna är sparade")).to_be_visible()
    header_colour = page.locator(".site-header").evaluate("element => getComputedStyle(element).backgroundColor")
    assert header_colour == "rgb(26, 82, 118)"
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/tillganglighet")
    expect(page.get_by_role("banner")).to_contain_text("Exempelstads kommun")
    expect(page.get_by_role("link", name="tillganglighet@exempelstad.se")).to_be_visible()
    assert page.locator(".site-logo").first.evaluate("image => image.naturalWidth") > 0, "the logo loads under the CSP"
    assert_accessible(page)


def test_the_council_and_organisation_chooser_shows_whole_names_on_a_wide_screen(page, world, session):
    make_membership(session, world.council, world.representative, world.user_organisation)
    world.council.name = "Brukarrådet för socialtjänst, missbruk och beroende samt boendestöd i Exempelstad"
    session.commit()
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto("/viewpoints/new")
    chooser = page.get_by_label("Råd och organisation")
    expect(chooser).to_contain_text(world.council.name)
    cut = chooser.evaluate("""select => {
        const context = document.createElement('canvas').getContext('2d');
        context.font = getComputedStyle(select).font;
        const widest = Math.max(...[...select.options].map(option => context.measureText(option.text).width));
        return widest > select.clientWidth;
    }""")
    assert not cut, "the longest choice is wider than the chooser"
    assert_accessible(page)
