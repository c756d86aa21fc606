"""In the browser: a representative is warned of a personnummer and sends anyway; the coordinator
receives the public viewpoint, corrects its public wording and confirms it; the public reads the
corrected wording only, the organisation still reads what it sent."""

import re

from playwright.sync_api import expect

from councilportal.extensions import db
from councilportal.viewpoints.models import Viewpoint
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD, make_membership

ORIGINAL = "Anna Andersson, 19850101-1236, fick vänta ute i kylan när härbärget stängde kl. 09."
CORRECTED = "En gäst fick vänta ute i kylan när härbärget stängde kl. 09."


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_a_public_viewpoint_with_a_personnummer_is_corrected_and_confirmed_before_the_public_reads_it(
        page, live_server, world, session):
    world.public_council.coordinators.append(world.coordinator)
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    session.commit()

    # The representative writes a personnummer into a public viewpoint, is warned, and sends anyway.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(f"/viewpoints/new?council={world.public_council.slug}")
    page.get_by_label("Rubrik").fill("Härbärget stänger för tidigt")
    page.get_by_label("Synpunkt", exact=True).fill(ORIGINAL)
    page.get_by_label("Offentlig").check()
    page.get_by_role("button", name="Skicka synpunkten").click()
    expect(page.get_by_role("alert")).to_contain_text("personnummer 19850101-1236")
    expect(page.get_by_role("alert")).to_contain_text("inte om enskilda personer")
    assert_accessible(page)
    page.get_by_label("Skicka ändå").check()
    page.get_by_role("button", name="Skicka synpunkten").click()
    expect(page.get_by_text(re.compile(r"har fått referensnummer BR-\d{4}-\d{4}"))).to_be_visible()
    viewpoint_path = re.search(r"/viewpoints/\d+", page.url).group(0)
    log_out(page)

    # Nobody outside the council reads it yet.
    page.goto(viewpoint_path)
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()

    # The coordinator sees the flag, receives it and confirms a corrected public wording.
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(viewpoint_path)
    expect(page.get_by_text("Kan innehålla personuppgifter").first).to_be_visible()
    expect(page.get_by_text("Väntar på godkännande för publicering").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ta emot synpunkten").click()
    expect(page.get_by_role("heading", name="Offentlig publicering")).to_be_visible()
    expect(page.get_by_label("Text för allmänheten")).to_have_value(ORIGINAL)
    page.get_by_role("button", name="Godkänn för publicering").click()
    expect(page.get_by_role("alert")).to_contain_text("offentliga lydelsen ser ut att innehålla personuppgifter")
    assert_accessible(page)
    page.get_by_label("Text för allmänheten").fill(CORRECTED)
    page.get_by_role("button", name="Godkänn för publicering").click()
    expect(page.get_by_text("syns nu på rådets offentliga sida")).to_be_visible()
    expect(page.get_by_role("heading", name="Så ser allmänheten synpunkten")).to_be_visible()
    expect(page.get_by_text("Ändrade den offentliga lydelsen")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The public reads the corrected wording, and nothing of what was sent.
    page.goto(viewpoint_path)
    expect(page.get_by_role("heading", name="Härbärget stänger för tidigt")).to_be_visible()
    expect(page.get_by_text(CORRECTED)).to_be_visible()
    expect(page.get_by_text("Anna Andersson")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"/councils/{world.public_council.slug}/viewpoints")
    expect(page.get_by_role("link", name="Härbärget stänger för tidigt")).to_be_visible()
    assert_accessible(page)

    # The organisation still reads what it sent.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(viewpoint_path)
    expect(page.locator(".user-text").first).to_have_text(ORIGINAL)
    with live_server.app.app_context():
        stored = db.session.get(Viewpoint, int(viewpoint_path.rsplit("/", 1)[1]))
        assert stored.body == ORIGINAL and stored.public_body == CORRECTED and stored.personal_data_flagged
