"""In the browser: the start page of each role, and a member's "I cannot come" that calls in the deputy."""

import re

import pytest
from playwright.sync_api import expect

from councilportal.councils.models import Seat
from councilportal.meetings.models import MeetingState
from councilportal.viewpoints.models import ViewpointState
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD, make_membership, make_user
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


@pytest.mark.parametrize("role, expected", [
    ("coordinator", "Nya synpunkter att ta emot"),
    ("manager", "Synpunkter att besvara"),
    ("representative", "Kommande möten"),
    ("admin", "Konton utan enhet eller råd"),
])
def test_each_role_lands_on_what_waits_for_them(page, session, world, role, expected):
    make_viewpoint(session, world.council, world.user_organisation, world.representative,
                   title="Längre öppettider", state=ViewpointState.SUBMITTED)
    make_viewpoint(session, world.council, world.user_organisation, world.representative,
                   title="Tolk vid besök", state=ViewpointState.RECEIVED, unit=world.unit)
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Rådsmöte juni")
    session.commit()
    log_in(page, getattr(world, role).email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Att göra", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=expected)).to_be_visible()
    assert_accessible(page)


def test_a_member_who_cannot_come_calls_in_the_deputy_who_answers_from_the_mail(page, session, world, outbox):
    deputy = make_user(session, "Erik Ersättare", "ersattare@example.se")
    make_membership(session, world.council, deputy, world.user_organisation, seat=Seat.DEPUTY,
                    stands_in_for=world.membership)
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Rådsmöte juni", items=2)
    session.commit()

    log_in(page, world.representative.email, TEST_PASSWORD)
    page.get_by_role("link", name="Rådsmöte juni").click()
    expect(page.get_by_text("Du har inte svarat än.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jag kan inte komma").click()
    expect(page.get_by_text("Tack! Du har svarat att du inte kan komma.")).to_be_visible()
    expect(page.get_by_text("Din ersättare har fått en kallelse.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    [call_in] = outbox("deputy_called_in")
    assert call_in.recipient == deputy.email
    link = re.search(r"http://portal\.test(/meetings/reply/\S+\?svar=kommer)\s", call_in.text()).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Svara på kallelsen")).to_be_visible()
    expect(page.get_by_text("Erik Ersättare")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jag kommer").click()
    expect(page.get_by_text("Tack! Du har svarat att du kommer.")).to_be_visible()
    assert_accessible(page)

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.get_by_role("link", name="Mina möten").click()
    page.get_by_role("link", name="Rådsmöte juni").click()
    replies = page.get_by_role("table", name="Svar från ledamöterna per organisation")
    expect(replies).to_contain_text("Kommer inte")
    expect(replies).to_contain_text("Erik Ersättare: står i")
    assert_accessible(page)
