"""An audit's whole way in the browser: commissioned, reported with three recommendations, answered by the
unit's manager, followed up by the team, and read by the public."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import TEST_PASSWORD

RECOMMENDATIONS = ("Ge varje boende en fast kontaktperson.", "Skriv planerna tillsammans med den boende.",
                   "Erbjud stöd på kvällar och helger.")


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_from_commissioning_to_the_public_page(page, live_server, world, session):
    world.public_council.coordinators.append(world.coordinator)
    session.commit()

    # The coordinator commissions the audit, first forgetting its purpose, and starts the fieldwork.
    log_in(page, world.coordinator.email, TEST_PASSWORD)
    page.get_by_role("link", name="Brukarrevision").click()
    assert_accessible(page)
    page.get_by_role("link", name="Beställ en granskning").click()
    page.get_by_label("Rubrik").fill("Boendestödet i Exempelstad")
    page.get_by_label("Verksamhet som granskas").select_option(label=world.unit.name)
    page.get_by_label("Beställande råd").select_option(label=world.public_council.name)
    page.get_by_label("Granskningsgrupp").select_option(label=world.representative.name)
    page.get_by_label("Granskningsledare").select_option(label=world.representative.name)
    page.get_by_label("Kontaktperson i verksamheten").select_option(label=f"{world.manager.name} ({world.unit.name})")
    page.get_by_label("Offentlig granskning").check()
    page.get_by_role("button", name="Beställ granskningen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv granskningens syfte.")
    assert_accessible(page)
    page.get_by_label("Syfte").fill("Hur upplever de boende stödet i vardagen?")
    page.get_by_role("button", name="Beställ granskningen").click()
    expect(page.get_by_text("Granskningen är beställd.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Starta fältarbetet").click()
    expect(page.get_by_text("Fältarbetet har börjat.")).to_be_visible()
    audit_path = re.search(r"/audits/\d+", page.url).group(0)
    log_out(page)

    # The team lead records an interview, writes the report with three recommendations and submits it.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(audit_path)
    expect(page.get_by_text("Skriv aldrig namnen på dem som intervjuas.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Intervjuns dag och tid").fill("2026-05-04T10:00")
    page.get_by_label("Antal brukare").fill("5")
    page.get_by_role("button", name="Registrera intervjun").click()
    expect(page.get_by_text("Intervjun är registrerad.")).to_be_visible()
    page.get_by_label("Sammanfattning").fill("De boende är nöjda med bemötandet men saknar kontinuitet.")
    page.get_by_role("button", name="Spara rapporten").click()
    expect(page.get_by_text("Rapporten är sparad.")).to_be_visible()
    for text in RECOMMENDATIONS:
        page.get_by_label("Rekommendation", exact=True).fill(text)
        page.get_by_role("button", name="Spara rekommendationen").click()
        expect(page.get_by_text(text)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Lämna rapporten till verksamheten").click()
    expect(page.get_by_text("Rapporten är lämnad till verksamheten.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The unit's manager answers each recommendation, first forgetting whether it is accepted.
    log_in(page, world.manager.email, TEST_PASSWORD)
    page.goto(audit_path)
    assert_accessible(page)
    for number in (1, 2, 3):
        panel = page.locator("section", has=page.get_by_role("heading", name=f"Svara på rekommendation {number}"))
        panel.get_by_label("Svar", exact=True).fill(f"Vi genomför rekommendation {number} under våren.")
        if number > 1:
            panel.get_by_label("Godtas", exact=True).check()
        panel.get_by_role("button", name="Lämna svaret").click()
        if number == 1:
            expect(page.get_by_role("alert")).to_contain_text("Välj om rekommendationen godtas.")
            assert_accessible(page)
            panel = page.locator("section",
                                 has=page.get_by_role("heading", name="Svara på rekommendation 1"))
            panel.get_by_label("Godtas", exact=True).check()
            panel.get_by_role("button", name="Lämna svaret").click()
        expect(page.get_by_text("Svaret är lämnat.")).to_be_visible()
    expect(page.locator(".tag").first).to_have_text("Besvarad")
    log_out(page)

    # The team follows up every recommendation.
    log_in(page, world.representative.email, TEST_PASSWORD)
    page.goto(audit_path)
    assert_accessible(page)
    for number in (1, 2, 3):
        panel = page.locator("section", has=page.get_by_role("heading", name=f"Följ upp rekommendation {number}"))
        panel.get_by_label("Ja").check()
        panel.get_by_label("Det har ändrats").check()
        panel.get_by_label("4 – nöjd").check()
        panel.get_by_role("button", name="Spara uppföljningen").click()
        expect(page.get_by_text("Uppföljningen är sparad.")).to_be_visible()
    expect(page.locator(".tag").first).to_have_text("Uppföljd")
    log_out(page)

    # The public reads the summary, the recommendations, the answers and the outcomes, without names.
    page.goto(audit_path)
    expect(page.get_by_role("heading", name="Boendestödet i Exempelstad")).to_be_visible()
    for text in RECOMMENDATIONS:
        expect(page.get_by_text(text)).to_be_visible()
    expect(page.get_by_text("Vi genomför rekommendation 3 under våren.")).to_be_visible()
    assert page.content().count("Det har ändrats") >= 3
    assert world.manager.name not in page.content() and world.representative.name not in page.content()
    assert_accessible(page)
    page.goto(f"/councils/{world.public_council.slug}")
    expect(page.get_by_role("link", name="Boendestödet i Exempelstad")).to_be_visible()
