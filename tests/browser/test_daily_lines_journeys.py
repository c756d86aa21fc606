"""In Chromium: the start page's audit and follow-up lines lead each role to the place to act, and the
payroll office's file across councils; axe on every page."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from councilportal.audits.models import AuditState
from councilportal.compensation import services as compensation
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import FollowUpAnswer
from tests.audits.factories import make_audit
from tests.browser.conftest import assert_accessible, log_in
from tests.compensation.factories import add_hourly_rule, held_meeting, member_earlier
from tests.factories import TEST_PASSWORD
from tests.startpage.factories import recommend
from tests.startpage.test_audits_and_follow_ups import followed_up


@pytest.fixture
def waiting(session, world):
    followed_up(session, world.council, world.user_organisation, world.representative, world.manager,
                "Sa nej", FollowUpAnswer.NO)
    followed_up(session, world.council, world.user_organisation, world.representative, world.manager,
                "Väntar på svar", None)
    audit = make_audit(session, world, state=AuditState.REPORT, title="Boendestödet")
    recommend(session, audit, 1, unit=world.unit, deadline=today_in_sweden() - timedelta(days=2))
    make_audit(session, world, state=AuditState.FIELDWORK, title="Dagverksamheten")
    session.commit()


@pytest.mark.parametrize("role, heading, line, lands_on", [
    ("coordinator", "Att ta upp igen: åtgärderna genomfördes inte", re.compile("Sa nej"), re.compile("Sa nej")),
    ("coordinator", "Försenade rekommendationer", "Rekommendation 1: Boendestödet", "Boendestödet"),
    ("manager", "Rekommendationer att besvara", "Rekommendation 1: Boendestödet", "Boendestödet"),
    ("representative", "Uppföljningar att svara på", re.compile("Väntar på svar"), re.compile("Väntar på svar")),
    ("representative", "Granskningar som väntar på gruppen", "Dagverksamheten", "Dagverksamheten"),
])
def test_a_line_leads_to_the_place_to_act(page, world, waiting, role, heading, line, lands_on):
    log_in(page, getattr(world, role).email, TEST_PASSWORD)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("region", name=heading).get_by_role("link", name=line).click()
    expect(page.get_by_role("heading", level=1, name=lands_on)).to_be_visible()
    assert_accessible(page)


def test_the_admin_downloads_the_payroll_of_every_council(page, session, world):
    add_hourly_rule(session, world)
    add_hourly_rule(session, world, world.public_council)
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    meeting = held_meeting(session, world, starts_at=datetime(2026, 3, 3, 13, tzinfo=UTC),
                           duration=timedelta(hours=2))
    claim = compensation.submit_claim(session, world.representative, meeting, compensation.ClaimFields())
    compensation.approve_claim(session, world.coordinator, claim)
    session.commit()

    log_in(page, world.admin.email, TEST_PASSWORD)
    page.get_by_role("link", name="Arvode", exact=True).click()
    page.get_by_role("link", name=re.compile("^Underlag för arvode, alla råd")).click()
    page.get_by_label("Från och med").fill("2026-01-01")
    page.get_by_label("Till och med").fill("2026-12-31")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("cell", name=f"{world.council.name}: 700,00 kr")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som CSV (öppnas i Excel)").click()
    assert download.value.suggested_filename == "arvode-alla-rad-2026-01-01-2026-12-31.csv"
