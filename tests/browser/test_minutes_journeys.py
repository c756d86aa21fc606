"""After the meeting, in Chromium: attendance, minutes, checkers and their approval; axe on every page."""

from datetime import date, timedelta

from playwright.sync_api import expect

from councilportal.meetings.models import MeetingState
from councilportal.timeutil import now_utc
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import make_meeting


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_the_coordinator_records_the_meeting_and_both_checkers_approve_the_minutes(page, session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=2, sequence=1,
                           title="Rådsmöte i november", starts_at=now_utc() - timedelta(hours=3))
    session.commit()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/meetings/{meeting.id}")
    expect(page.get_by_role("link", name="Lägg till i kalendern")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Närvaro", exact=True).click()
    expect(page.get_by_role("heading", name="Närvaro: Rådsmöte i november")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Rut Representant, RSMH Test").check()
    page.get_by_label("Max Chef, Testkommun").check()
    page.get_by_role("button", name="Spara närvaron").click()
    expect(page.get_by_text("Närvaron är sparad.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Till mötet Rådsmöte i november").click()
    page.get_by_role("link", name="Protokoll och justering").click()
    assert_accessible(page)
    page.get_by_role("link", name="Skriv protokollet").click()
    assert_accessible(page)
    first = page.get_by_role("group", name="1. Punkt 1")
    first.get_by_label("Anteckningar").fill("Förvaltningen berättade om öppettiderna i jul.")
    first.get_by_label("Beslut").fill("Rådet tar upp frågan igen i januari.")
    page.get_by_role("button", name="Spara protokollet").click()
    expect(page.get_by_text("Protokollet är sparat.")).to_be_visible()
    expect(page.get_by_text("Förvaltningen berättade om öppettiderna i jul.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Utse justerare").click()
    assert_accessible(page)
    page.get_by_role("button", name="Spara justerare").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj minst en justerare.")
    assert_accessible(page)
    page.get_by_label("Rut Representant").check()
    page.get_by_label("Max Chef").check()
    page.get_by_role("button", name="Spara justerare").click()
    expect(page.get_by_text("Justerarna är utsedda och har fått ett mejl om det.")).to_be_visible()
    log_out(page)

    for checker, outcome in ((world.representative, "Du har justerat protokollet."),
                             (world.manager, "Alla justerare har nu justerat: protokollet är klart.")):
        log_in(page, checker.email, TEST_PASSWORD)
        page.goto(f"/meetings/{meeting.id}")
        page.get_by_role("link", name="Protokollet väntar på att du justerar det").click()
        assert_accessible(page)
        page.get_by_role("button", name="Justera protokollet").click()
        expect(page.get_by_text(outcome)).to_be_visible()
        assert_accessible(page)
        log_out(page)

    log_in(page, world.manager.email, TEST_PASSWORD)
    page.goto(f"/meetings/{meeting.id}")
    page.get_by_role("link", name="Läs det justerade protokollet").click()
    expect(page.get_by_text("Protokollet justerades")).to_be_visible()
    expect(page.get_by_text("Max Chef: justerat")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_hidden()
    expect(page.get_by_text("Rådet tar upp frågan igen i januari.")).to_be_visible()


def test_the_coordinator_reads_the_attendance_report_and_a_bad_period_is_explained(page, world):
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/councils/{world.council.slug}")
    page.get_by_role("link", name="Närvarorapport", exact=True).click()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Från och med").fill(date.today().isoformat())
    page.get_by_label("Till och med").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("alert")).to_contain_text("Perioden slutar innan den börjar.")
    assert_accessible(page)


def test_a_member_finds_the_calendar_subscription_on_the_profile(page, world):
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto("/profile")
    link = page.get_by_role("link", name="Prenumerera i kalenderprogrammet")
    expect(link).to_have_attribute("href", f"webcal://portal.test/calendar/{world.representative.calendar_token}.ics")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa en ny kalenderadress").click()
    expect(page.get_by_text("Du har fått en ny kalenderlänk.")).to_be_visible()
    expect(link).not_to_have_attribute("href", f"webcal://portal.test/calendar/{world.representative.calendar_token}.ics")
    assert_accessible(page)
