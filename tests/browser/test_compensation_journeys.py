"""Compensation in Chromium: a rule set, a claim sent, returned, corrected and approved; axe on every page."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_minutes_journeys import log_out
from tests.compensation.factories import held_meeting
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import PDF_BYTES


def test_a_claim_is_submitted_returned_corrected_and_approved(page, session, world):
    meeting = held_meeting(session, world, duration=timedelta(minutes=91))
    session.commit()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.get_by_role("link", name="Arvode", exact=True).click()
    page.get_by_role("link", name=world.council.name).click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny arvodesregel").click()
    page.get_by_label("Gäller från och med").fill("2000-01-01")
    page.get_by_label("Per timme: första timmen och varje påbörjad halvtimme därefter").check()
    page.get_by_label("Arvode för första timmen").fill("-400")
    page.get_by_role("button", name="Spara regeln").click()
    expect(page.get_by_role("alert")).to_contain_text("Beloppet kan inte vara negativt.")
    assert_accessible(page)
    page.get_by_label("Arvode för första timmen").fill("400")
    page.get_by_label("Arvode per påbörjad halvtimme efter första timmen").fill("150")
    page.get_by_label("Reseersättning per kilometer").fill("2,50")
    page.get_by_role("button", name="Spara regeln").click()
    expect(page.get_by_text("Arvodesregeln är sparad.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, world.representative.email, TEST_PASSWORD)
    page.get_by_role("link", name="Arvode", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(f"^Begär arvode.*{meeting.title}")).click()
    page.get_by_label("Biljett (buss, tåg): ersättning för kostnaden").check()
    page.get_by_label("Biljettens kostnad").fill("56")
    page.get_by_role("button", name="Skicka begäran").click()
    expect(page.get_by_role("alert")).to_contain_text("Bifoga kvittot på biljetten.")
    assert_accessible(page)
    page.get_by_label("Kvitto på biljetten").set_input_files(
        {"name": "biljett.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES})
    page.get_by_role("button", name="Skicka begäran").click()
    expect(page.get_by_text("Din begäran om arvode är inskickad.")).to_be_visible()
    expect(page.get_by_text("756,00 kr").first).to_be_visible()  # 400 + 2 × 150 + 56
    assert_accessible(page)
    log_out(page)

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}/compensation")
    page.get_by_role("link", name=re.compile(f"^{world.representative.name}.*{meeting.title}")).click()
    assert_accessible(page)
    page.get_by_label("Vad behöver rättas?").fill("Biljetten kostade 48,50 kr enligt kvittot.")
    page.get_by_role("button", name="Skicka tillbaka för rättelse").click()
    expect(page.get_by_text("Begäran är tillbakaskickad till Rut Representant.")).to_be_visible()
    log_out(page)

    log_in(page, world.representative.email, TEST_PASSWORD)
    page.get_by_role("link", name="Arvode", exact=True).click()
    page.get_by_role("link", name=re.compile(f"^Tillbakaskickad för rättelse.*{meeting.title}")).click()
    page.get_by_role("link", name="Rätta och skicka igen").click()
    expect(page.get_by_text("Biljetten kostade 48,50 kr enligt kvittot.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Biljettens kostnad").fill("48,50")
    page.get_by_role("button", name="Skicka begäran").click()
    expect(page.get_by_text("Din begäran om arvode är inskickad.")).to_be_visible()
    log_out(page)

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}/compensation")
    page.get_by_role("link", name=re.compile(f"^{world.representative.name}.*{meeting.title}")).click()
    page.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_text("Begäran är godkänd.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=world.council.name).click()
    page.get_by_role("link", name="Godkända belopp per person och månad (underlag för lön)").click()
    expect(page.get_by_role("cell", name="748,50 kr").first).to_be_visible()
    assert_accessible(page)
