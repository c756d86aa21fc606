"""A viewpoint's whole way in the browser: submitted, received and assigned, answered, rated and closed."""

import re
from datetime import date

from playwright.sync_api import expect

from councilportal.accounts.models import User
from councilportal.extensions import db
from councilportal.mail.models import OutboxMessage
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import Viewpoint, ViewpointState
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD
from tests.viewpoints.factories import make_viewpoint


def mail_link(app, kind: str) -> str:
    with app.app_context():
        message = db.session.query(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.id.desc()).first()
        return re.search(r"http://portal\.test(/viewpoints/\d+)", message.text()).group(1)


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_from_a_representatives_viewpoint_to_a_rated_answer(page, live_server, world):
    app = live_server.app

    # The representative submits, and first forgets the title.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.get_by_role("link", name="Lämna synpunkt").click()
    expect(page.get_by_role("heading", name="Lämna en synpunkt")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Synpunkt", exact=True).fill("Mötesplatsen stänger **kl. 16**, innan många slutat jobba.")
    page.get_by_role("button", name="Skicka synpunkten").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en rubrik.")
    assert_accessible(page)
    page.get_by_label("Rubrik").fill("Längre öppettider på mötesplatsen")
    page.get_by_label("Ämne").fill("Sysselsättning")
    page.get_by_label("Offentlig").check()
    page.get_by_role("button", name="Skicka synpunkten").click()
    expect(page.get_by_text(re.compile(r"har fått referensnummer BR-\d{4}-0001"))).to_be_visible()
    expect(page.get_by_role("heading", name="Längre öppettider på mötesplatsen")).to_be_visible()
    expect(page.locator(".user-text strong")).to_have_text("kl. 16")
    assert_accessible(page)
    log_out(page)

    # The coordinator, told by mail, receives it and makes the unit's manager responsible.
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.goto(mail_link(app, "viewpoint_new"))
    expect(page.get_by_role("heading", name="Ta emot och fördela")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ansvarig enhet").select_option(label=world.unit.name)
    page.get_by_label("Ansvarig chef").select_option(label=f"{world.manager.name} ({world.unit.name})")
    page.get_by_role("button", name="Ta emot synpunkten").click()
    expect(page.get_by_text("Synpunkten är mottagen. Den ska besvaras senast")).to_be_visible()
    expect(page.locator(".tag").first).to_have_text("Mottagen")
    assert_accessible(page)
    log_out(page)

    # The manager, told by mail, answers with the actions and a follow-up date.
    log_in(page, world.manager.email, TEST_PASSWORD)
    page.goto(mail_link(app, "viewpoint_assigned"))
    expect(page.get_by_role("heading", name="Svara")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Svar", exact=True).fill("Från mars håller mötesplatsen öppet till kl. 19 på torsdagar.")
    page.get_by_label("Åtgärder").fill("Schemat ändras och en extra personal anställs.")
    page.get_by_role("button", name="Lämna svaret").click()
    expect(page.get_by_text("Svaret är lämnat.")).to_be_visible()
    expect(page.get_by_text("Från mars håller mötesplatsen öppet")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The representative, told by mail, closes it with an outcome and a rating.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(mail_link(app, "viewpoint_answered"))
    expect(page.get_by_role("heading", name="Avsluta med ert omdöme")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Avsluta synpunkten").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj vad synpunkten ledde till.")
    assert_accessible(page)
    page.get_by_label("Det har delvis ändrats").check()
    page.get_by_label("4 – nöjd").check()
    page.get_by_role("button", name="Avsluta synpunkten").click()
    expect(page.get_by_text("Synpunkten är avslutad.")).to_be_visible()
    expect(page.locator(".tag").first).to_have_text("Avslutad")
    timeline = page.locator(".timeline")
    for step in ("skickade in synpunkten", "tog emot synpunkten", "fördelade synpunkten", "lämnade svar",
                 "avslutade synpunkten"):
        expect(timeline).to_contain_text(step)
    assert_accessible(page)


def test_a_manager_whose_answer_was_overtaken_keeps_the_text(page, live_server, world, session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=world.manager)
    session.commit()
    log_in(page, world.manager.email, TEST_PASSWORD)
    page.goto(f"/viewpoints/{viewpoint.id}")
    page.get_by_label("Svar", exact=True).fill("Ett genomtänkt svar")
    with live_server.app.app_context():  # meanwhile, the coordinator changes the deadline
        workflow.set_deadline(db.session, db.session.get(User, world.coordinator.id),
                              db.session.get(Viewpoint, viewpoint.id), date(2099, 1, 2))
        db.session.commit()
    page.get_by_role("button", name="Lämna svaret").click()
    expect(page.get_by_role("alert")).to_contain_text("Synpunkten har ändrats av någon annan medan du skrev.")
    expect(page.get_by_label("Svar", exact=True)).to_have_value("Ett genomtänkt svar")
    assert_accessible(page)
    page.get_by_role("button", name="Lämna svaret").click()
    expect(page.get_by_text("Svaret är lämnat.")).to_be_visible()
