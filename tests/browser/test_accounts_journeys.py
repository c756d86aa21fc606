import re

from playwright.sync_api import expect

from councilportal.extensions import db
from councilportal.mail.models import OutboxMessage
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD


def latest_mail_link(app, path: str) -> str:
    with app.app_context():
        message = db.session.query(OutboxMessage).order_by(OutboxMessage.id.desc()).first()
        return re.search(rf"http://portal\.test({path}/\S+)", message.text()).group(1)


def test_a_representative_logs_in_sees_their_council_and_logs_out(page, world):
    page.goto("/")
    assert_accessible(page)
    log_in(page, world.representative.email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Att göra")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Mina råd").click()
    expect(page.get_by_role("heading", name="Mina råd")).to_be_visible()
    page.get_by_role("link", name=world.council.name).click()
    expect(page.get_by_role("heading", name=world.council.name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_text("Du är utloggad.")).to_be_visible()


def test_a_wrong_password_shows_an_accessible_error_summary(page, world):
    log_in(page, world.representative.email, "fel lösenord")
    expect(page.get_by_role("alert")).to_contain_text("Fel e-postadress eller lösenord.")
    assert_accessible(page)


def test_the_coordinator_invites_a_member_who_accepts_and_signs_in(page, live_server, world):
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.get_by_role("link", name="Mina råd").click()
    page.get_by_role("link", name=world.council.name).click()
    page.get_by_role("link", name="Ledamöter och mandat").click()
    assert_accessible(page)
    page.get_by_role("link", name="Lägg till ledamot").click()
    assert_accessible(page)

    page.get_by_label("E-postadress").fill("nadia@example.se")
    page.get_by_label("Namn").fill("Nadia Ny")
    page.get_by_label("Organisation som personen företräder").select_option(label=world.user_organisation.name)
    page.get_by_label("Mandatperioden börjar").fill("2026-01-01")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_role("alert")).to_contain_text("har redan fyllt sina ordinarie platser")
    assert_accessible(page)

    page.get_by_label("Ersättare", exact=True).check()
    page.get_by_label("Ersättare för").select_option(label=f"{world.representative.name}, RSMH")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_text("Nadia Ny är tillagd i rådet och har fått en inbjudan med e-post.")).to_be_visible()
    expect(page.get_by_role("cell", name="Nadia Ny", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    page.goto(latest_mail_link(live_server.app, "/invitation"))
    expect(page.get_by_role("heading", name="Välkommen, Nadia Ny")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Välj lösenord").fill("ett långt och bra lösenord")
    page.get_by_label("Upprepa lösenordet").fill("ett långt och bra lösenord")
    page.get_by_role("button", name="Spara och logga in").click()
    expect(page.get_by_text("Välkommen! Ditt konto är klart.")).to_be_visible()
    expect(page.get_by_role("heading", name="Att göra")).to_be_visible()


def test_the_coordinator_ends_a_term_from_the_member_list(page, world):
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}/members")
    page.get_by_role("button", name=f"Avsluta i dag {world.representative.name}").click()
    expect(page.get_by_text(f"Mandatet för {world.representative.name} slutar")).to_be_visible()
    expect(page.get_by_role("button", name=f"Avsluta i dag {world.representative.name}")).to_have_count(0)
    assert_accessible(page)


def test_the_admin_creates_an_organisation_and_a_council(page, world):
    log_in(page, world.admin.email, TEST_PASSWORD)
    page.get_by_role("link", name="Organisationer").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny organisation").click()
    page.get_by_label("Namn").fill("Region Exempel")
    page.get_by_label("Typ").select_option(label="Region")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Region Exempel")).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/councils/new")
    assert_accessible(page)
    page.get_by_label("Namn", exact=True).fill("Brukarrådet för psykiatri")
    page.get_by_label("Ägs av").select_option(label="Region Exempel")
    page.get_by_label("Offentligt råd").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Brukarrådet för psykiatri")).to_be_visible()
    assert_accessible(page)


def test_pages_work_on_a_phone_sized_screen(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}/members")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
