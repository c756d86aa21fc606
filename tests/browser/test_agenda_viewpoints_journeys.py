"""The coordinator takes viewpoints up at a meeting: from the viewpoint's page, and from the agenda editor."""

from playwright.sync_api import expect

from councilportal.meetings.models import AgendaItem, MeetingState
from councilportal.viewpoints.models import ViewpointState
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


def test_the_coordinator_puts_viewpoints_on_the_agenda_and_members_see_them_there(page, session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Decembermötet", items=0)
    meeting.agenda_items = [AgendaItem(position=1, title="Mötets öppnande"),
                            AgendaItem(position=2, title="Synpunkter från brukarorganisationerna"),
                            AgendaItem(position=3, title="Övriga frågor")]
    received = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                              state=ViewpointState.RECEIVED, title="Ledsagning till kvällsaktiviteter")
    submitted = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               title="Tillgängliga lokaler")
    session.commit()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(f"/viewpoints/{received.id}")
    expect(page.get_by_role("heading", name="Ta upp på ett möte")).to_be_visible()
    assert_accessible(page)
    chooser = page.get_by_label("Punkt på dagordningen")
    item_two = chooser.locator("option", has_text="2. Synpunkter från brukarorganisationerna (Decembermötet, ")
    chooser.select_option(value=item_two.get_attribute("value"))
    page.get_by_role("button", name="Sätt på dagordningen").click()
    expect(page.get_by_text(f"{received.reference} står på dagordningen för Decembermötet, punkt 2.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Decembermötet").first.click()
    expect(page.get_by_role("heading", name="Decembermötet")).to_be_visible()
    item = page.locator("li", has=page.get_by_role("heading", name="Synpunkter från brukarorganisationerna"))
    expect(item.get_by_role("link", name=f"{received.reference} Ledsagning till kvällsaktiviteter")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/meetings/{meeting.id}/agenda")
    expect(page.get_by_role("heading", name="Obesvarade synpunkter")).to_be_visible()
    picker = page.get_by_label(f"Punkt för {submitted.reference}")
    expect(picker).to_have_value(str(meeting.agenda_items[1].id))
    assert_accessible(page)
    page.get_by_role("button", name=f"Sätt på dagordningen {submitted.reference}").click()
    expect(page.get_by_role("heading", name="Obesvarade synpunkter")).to_have_count(0)
    expect(page.get_by_role("button", name=f"Ta bort från punkten {submitted.reference}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(f"/meetings/{meeting.id}")
    expect(page.get_by_role("link", name=f"{submitted.reference} Tillgängliga lokaler")).to_be_visible()
    page.get_by_role("link", name=f"{submitted.reference} Tillgängliga lokaler").click()
    expect(page.get_by_role("heading", name="På dagordningen")).to_be_visible()
    expect(page.get_by_text("Satte synpunkten på dagordningen", exact=False)).to_be_visible()
    assert_accessible(page)
