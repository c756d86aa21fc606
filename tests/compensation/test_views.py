"""Compensation through the web: the claim journey, bad input, the payroll table and its CSV."""

import html
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
import sqlalchemy as sa

from councilportal.compensation import services
from councilportal.compensation.models import ClaimState, CompensationClaim, CompensationRule, PayrollIdentity
from tests.compensation.factories import add_hourly_rule, held_meeting, member_earlier
from tests.meetings.factories import PDF_BYTES


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ")


def test_a_claim_is_sent_returned_corrected_and_approved(client, auth, session, world):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    session.commit()
    auth.login(world.representative)
    assert "Begär arvode" in _text(client.get("/compensation"))
    response = client.post(f"/meetings/{meeting.id}/compensation", content_type="multipart/form-data", data={
        "travel_kind": "ticket", "ticket": "56", "receipt": (BytesIO(PDF_BYTES), "biljett.pdf")})
    assert response.status_code == 302
    claim = session.scalar(sa.select(CompensationClaim))
    page = _text(client.get(response.headers["Location"]))
    assert "756,00 kr" in page and "biljett.pdf" in page
    auth.logout()

    auth.login(world.coordinator)
    assert "Rut Representant" in _text(client.get(f"/councils/{world.council.slug}/compensation"))
    response = client.post(f"/compensation/claims/{claim.id}/return", data={"comment": "Fel biljettpris."})
    assert response.status_code == 302
    auth.logout()

    auth.login(world.representative)
    form_page = _text(client.get(f"/meetings/{meeting.id}/compensation"))
    assert "Fel biljettpris." in form_page and 'value="56,00"' in form_page
    response = client.post(f"/meetings/{meeting.id}/compensation", content_type="multipart/form-data",
                           data={"travel_kind": "ticket", "ticket": "48,50"})
    assert response.status_code == 302, "the receipt sent before is kept"
    auth.logout()

    auth.login(world.coordinator)
    assert client.post(f"/compensation/claims/{claim.id}/approve").status_code == 302
    session.expire_all()
    assert (claim.state, claim.total_ore) == (ClaimState.APPROVED, 70000 + 4850)
    page = _text(client.get(f"/compensation/claims/{claim.id}"))
    assert "Tillbakaskickad" in page and "Rättad och inskickad igen" in page and "Godkänd" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"travel_kind": "km", "travel_km": "-5"}, "Skriv ett antal kilometer mellan 0 och 5000."),
    ({"travel_kind": "km", "travel_km": "tio"}, "Fyll i ett heltal."),
    ({"travel_kind": "km", "travel_km": "1" + "0" * 20}, "Talet är för stort."),
    ({"travel_kind": "ticket", "ticket": "1" + "0" * 20}, "Beloppet är för stort."),
    ({"travel_kind": "none", "lost_income": "-300"}, "Beloppet kan inte vara negativt."),
    ({"travel_kind": "none", "lost_income": "tre hundra"}, "Skriv beloppet i kronor"),
    ({"travel_kind": "none", "lost_income": "300"}, "Bifoga arbetsgivarens intyg"),
    ({"travel_kind": "walk"}, "Välj ett av alternativen."),
])
def test_bad_claims_get_a_clear_message_and_nothing_is_saved(client, auth, session, world, data, message):
    add_hourly_rule(session, world)
    meeting = held_meeting(session, world)
    session.commit()
    auth.login(world.representative)
    response = client.post(f"/meetings/{meeting.id}/compensation", data=data)
    assert response.status_code == 400
    assert message in _text(response)
    assert session.scalar(sa.select(sa.func.count(CompensationClaim.id))) == 0


@pytest.mark.parametrize(("data", "message"), [
    ({"valid_from": "2027-01-01", "kind": "per_meeting", "meeting_fee": "1" + "0" * 20}, "Beloppet är för stort."),
    ({"valid_from": "2027-01-01", "kind": "hourly", "first_hour": "-1"}, "Beloppet kan inte vara negativt."),
    ({"valid_from": "2027-01-01", "kind": "per_meeting"}, "Fyll i arvodet per möte."),
    ({"valid_from": "i morgon", "kind": "per_meeting", "meeting_fee": "500"}, "Fyll i ett giltigt datum"),
])
def test_bad_rules_get_a_clear_message(client, auth, session, world, data, message):
    auth.login(world.coordinator)
    response = client.post(f"/councils/{world.council.slug}/compensation/rules", data=data)
    assert response.status_code == 400
    assert message in _text(response)
    assert session.scalar(sa.select(sa.func.count(CompensationRule.id))) == 0


def test_a_personnummer_is_refused_as_payroll_identity(client, auth, session, world):
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/compensation/payees/{world.representative.id}"
    response = client.post(url, data={"identifier": "19121212-1212"})
    assert response.status_code == 400
    assert "Portalen sparar inga personnummer" in _text(response)
    assert session.scalar(sa.select(sa.func.count()).select_from(PayrollIdentity)) == 0


def test_the_payroll_table_and_csv(client, auth, session, world):
    add_hourly_rule(session, world)
    member_earlier(session, world, world.representative, date(2026, 1, 1))
    for day in (3, 17):
        meeting = held_meeting(session, world, starts_at=datetime(2026, 3, day, 13, tzinfo=UTC),
                               duration=timedelta(hours=3))
        claim = services.submit_claim(session, world.representative, meeting,
                                      services.ClaimFields(lost_income_ore=0))
        services.approve_claim(session, world.coordinator, claim)
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, "=004217")
    session.commit()
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/compensation/report?start=2026-03-01&end=2026-03-31"
    page = _text(client.get(url))
    assert "2 000,00 kr" in page  # 2 × (400 + 4 × 150)
    response = client.get(url + "&format=csv")
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="arvode-socialtjanst-2026-03-01-2026-03-31.csv"'
    assert response.get_data().decode("utf-8-sig").splitlines() == [
        "Identitet;Namn;Månad;Aktivitet;Arvode (kr);Resa (kr);Förlorad arbetsinkomst (kr);Summa (kr);"
        "Närvaro ändrad efter godkännande",
        "'=004217;Rut Representant;2026-03;Rådsmöten;2000,00;0,00;0,00;2000,00;",
    ]


def test_a_meeting_without_a_rule_is_explained_on_the_form(client, auth, session, world):
    meeting = held_meeting(session, world)
    session.commit()
    auth.login(world.representative)
    assert "Rådet har ingen arvodesregel" in _text(client.get(f"/meetings/{meeting.id}/compensation"))
    response = client.post(f"/meetings/{meeting.id}/compensation", data={"travel_kind": "none"})
    assert response.status_code == 400
    assert session.scalar(sa.select(sa.func.count(CompensationClaim.id))) == 0
