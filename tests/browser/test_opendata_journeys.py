"""In the browser: someone finds the open data page from the footer, follows it to the API and the feed;
a representative answers a follow-up on the viewpoint's page. Every page is scanned with axe-core."""

from playwright.sync_api import expect

from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import follow_ups, workflow
from councilportal.viewpoints.models import ViewpointState
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.opendata.factories import add_open_data
from tests.viewpoints.factories import make_viewpoint


def test_the_open_data_page_explains_the_api_and_links_the_feeds(page, live_server, world, session):
    add_open_data(session, world)
    page.goto("/")
    page.get_by_role("link", name="Öppna data").click()
    expect(page.get_by_role("heading", name="Öppna data", level=1)).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name="Flöde för Öppna rådet")).to_be_visible()
    expect(page.get_by_text("Brukarrådet för socialtjänst")).to_have_count(0)
    answer = page.request.get("/api/v1/councils")
    assert answer.ok and answer.json()["items"][0]["slug"] == "oppna-radet"


def test_a_representative_answers_the_follow_up_and_the_coordinator_sees_it(page, live_server, world, session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, manager=world.manager, title="Längre öppettider")
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Vi öppnar till 20.", "Nya scheman.",
                              today_in_sweden())
    follow_ups.send_follow_up_requests(session, today_in_sweden())
    session.commit()

    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(f"/viewpoints/{viewpoint.id}")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj om åtgärderna har genomförts.")
    assert_accessible(page)
    page.get_by_label("Nej, åtgärderna har inte genomförts").check()
    page.get_by_label("Kommentar om uppföljningen").fill("Inget har hänt.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_text("Ert svar på uppföljningen är sparat")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto("/viewpoints/?take_up_again=y")
    page.get_by_role("link", name="Längre öppettider").click()
    expect(page.get_by_text("Att ta upp igen")).to_be_visible()
    expect(page.get_by_text("Inget har hänt.")).to_be_visible()
    assert_accessible(page)
