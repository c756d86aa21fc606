"""A person's compensation in their data export; erasure forgets their payroll identifier."""

from councilportal.compensation import services
from councilportal.compensation.models import PayrollIdentity
from councilportal.privacy.services import erase_person, personal_data
from tests.compensation.factories import submitted_claim


def test_the_export_holds_the_claims_and_the_payroll_identifier(session, world):
    submitted_claim(session, world)
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, "004217")
    data = personal_data(session, world.representative)
    assert data["payroll_identifier"] == "004217"
    [claim] = data["compensation_claims"]
    assert (claim["council"], claim["state"], claim["fee_ore"]) == (world.council.name, "submitted", 70000)


def test_erasure_forgets_the_payroll_identifier_and_keeps_the_claims(session, world):
    claim = submitted_claim(session, world)
    services.set_payroll_identifier(session, world.coordinator, world.council, world.representative, "004217")
    erase_person(session, world.admin, world.representative)
    session.flush()
    assert session.get(PayrollIdentity, world.representative.id) is None
    assert claim.user.name == "Raderad person"
