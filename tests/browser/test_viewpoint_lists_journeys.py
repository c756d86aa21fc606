"""Viewpoint lists in the browser: filters, search and the CSV link; the public "Ni sa – vi gjorde" page."""

import csv
import io
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from councilportal.answering.models import Outcome
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import ViewpointResponse, ViewpointState, Visibility
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD, make_membership
from tests.viewpoints.factories import make_viewpoint


def test_the_coordinator_searches_filters_and_downloads_the_councils_viewpoints(page, session, world):
    today = today_in_sweden()
    make_viewpoint(session, world.council, world.user_organisation, world.representative,
                   title="Väntetider på boendestöd", body="Många väntar i månader.", state=ViewpointState.RECEIVED,
                   unit=world.unit, deadline=today + timedelta(days=10))
    make_viewpoint(session, world.council, world.user_organisation, world.representative,
                   title="Tolk vid besök", state=ViewpointState.IN_PROGRESS, manager=world.manager,
                   deadline=today - timedelta(days=5))
    make_viewpoint(session, world.council, world.user_organisation, world.representative, title="Kallelser i tid")
    session.commit()

    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.get_by_role("link", name="Mina råd").click()
    page.get_by_role("link", name=world.council.name).click()
    page.get_by_role("main").get_by_role("link", name="Synpunkter", exact=True).click()
    expect(page.get_by_role("heading", name="Synpunkter", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("3 synpunkter")
    assert_accessible(page)

    page.get_by_label("Sök i titel och text").fill("månader")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("link", name="Väntetider på boendestöd")).to_be_visible()
    expect(page.get_by_role("link", name="Kallelser i tid")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Rensa sökning och filter").click()
    page.get_by_text("Filtrera").click()
    page.get_by_label("Bara försenade").check()
    page.get_by_label("Status").select_option(label="Under handläggning")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*1 synpunkt\s"))
    row = page.get_by_role("row", name="Tolk vid besök")
    expect(row.get_by_text("Försenad")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ned listan som CSV (för Excel)").click()
    download = download_info.value
    assert download.suggested_filename == f"synpunkter-{world.council.slug}-{today.isoformat()}.csv"
    with open(download.path(), encoding="utf-8-sig") as downloaded:
        rows = list(csv.DictReader(io.StringIO(downloaded.read()), delimiter=";"))
    assert [(row["Titel"], row["Försenad"]) for row in rows] == [("Tolk vid besök", "Ja")]


def test_the_manager_finds_overdue_viewpoints_first_in_the_menu(page, session, world):
    today = today_in_sweden()
    make_viewpoint(session, world.council, world.user_organisation, None, title="I god tid",
                   state=ViewpointState.RECEIVED, unit=world.unit, deadline=today + timedelta(days=20))
    make_viewpoint(session, world.council, world.user_organisation, None, title="Sent ute",
                   state=ViewpointState.RECEIVED, manager=world.manager, deadline=today - timedelta(days=2))
    session.commit()
    log_in(page, world.manager.email, TEST_PASSWORD)
    page.get_by_role("link", name="Att besvara").click()
    expect(page.get_by_role("heading", name="Tilldelade mig och min enhet")).to_be_visible()
    titles = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert titles == ["Sent ute", "I god tid"]
    assert_accessible(page)


def test_the_public_reads_what_came_of_a_public_viewpoint_without_any_names(page, session, world):
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    world.representative.show_name_publicly = True
    world.manager.show_name_publicly = True
    viewpoint = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                               title="Kallelser kommer för sent", body="Kallelsen kommer **två dagar** före mötet.",
                               visibility=Visibility.PUBLIC, state=ViewpointState.CLOSED, unit=world.unit,
                               manager=world.manager, outcome=Outcome.CHANGED, rating=5, published=True)
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                  text="Kallelser skickas nu tre veckor före mötet.",
                                  actions="Ny rutin från 1 mars.", follow_up_on=date(2027, 9, 1)))
    session.commit()

    page.goto(f"/councils/{world.public_council.slug}")
    page.get_by_role("link", name="Ni sa – vi gjorde").click()
    expect(page.get_by_role("heading", name="Ni sa – vi gjorde")).to_be_visible()
    answer = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Kallelser kommer för sent"))
    expect(answer).to_contain_text("två dagar")
    expect(answer).to_contain_text("Kallelser skickas nu tre veckor före mötet.")
    expect(answer).to_contain_text("Ny rutin från 1 mars.")
    expect(answer).to_contain_text("Det har ändrats")
    expect(answer).to_contain_text(world.user_organisation.name)
    expect(answer).to_contain_text(world.unit.name)
    expect(page.get_by_text(world.representative.name)).to_have_count(0)
    expect(page.get_by_text(world.manager.name)).to_have_count(0)
    assert_accessible(page)
