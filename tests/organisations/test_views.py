import pytest
import sqlalchemy as sa

from councilportal.organisations.models import Organisation, OrganisationKind, Unit
from tests.factories import make_unit


def test_the_admin_creates_an_organisation_and_a_unit_tree(client, auth, world, session):
    auth.login(world.admin)
    response = client.post("/admin/organisations/new", data={
        "name": "Region Exempel", "short_name": "RE", "kind": "region", "email": "", "phone": "",
        "website": "https://region.example.se", "address": ""})
    region = session.scalar(sa.select(Organisation).where(Organisation.name == "Region Exempel"))
    assert response.headers["Location"] == f"/admin/organisations/{region.id}"
    client.post(f"/admin/organisations/{region.id}/units/new", data={"name": "Psykiatrin", "parent_id": "0"})
    psychiatry = session.scalar(sa.select(Unit).where(Unit.name == "Psykiatrin"))
    client.post(f"/admin/organisations/{region.id}/units/new",
                data={"name": "Heldygnsvård", "parent_id": str(psychiatry.id)})
    page = client.get(f"/admin/organisations/{region.id}").text
    assert "Psykiatrin › Heldygnsvård" in page


def test_a_unit_cannot_be_placed_under_itself(client, auth, world, session):
    parent = world.unit
    child = make_unit(session, world.municipality, "Barn", parent=parent)
    session.commit()
    auth.login(world.admin)
    response = client.post(f"/admin/organisations/{world.municipality.id}/units/{parent.id}/edit",
                           data={"name": parent.name, "parent_id": str(child.id)})
    assert "En enhet kan inte ligga under sig själv." in response.text
    session.expire_all()
    assert session.get(Unit, parent.id).parent_id is None


def test_a_user_organisation_has_no_units(client, auth, world):
    auth.login(world.admin)
    response = client.post(f"/admin/organisations/{world.user_organisation.id}/units/new",
                           data={"name": "X", "parent_id": "0"})
    assert "Bara kommuner och regioner har enheter." in response.text


def test_organisation_names_are_unique_whatever_the_case(client, auth, world, session):
    auth.login(world.admin)
    response = client.post("/admin/organisations/new", data={"name": "testkommun", "kind": "municipality"})
    assert "Det finns redan en organisation med det namnet." in response.text
    assert session.scalar(sa.select(sa.func.count(Organisation.id))) == 2


@pytest.mark.parametrize("data, message", [
    ({"name": "", "kind": "region"}, "Fyll i organisationens namn."),
    ({"name": "N" * 201, "kind": "region"}, "Högst 200 tecken."),
    ({"name": "Ny", "kind": "kingdom"}, "Välj ett av alternativen."),
    ({"name": "Ny", "kind": "region", "website": "javascript:alert(1)"}, "Skriv en hel webbadress"),
    ({"name": "Ny", "kind": "region", "email": "nope"}, "Skriv en giltig e-postadress."),
])
def test_bad_organisation_input_is_refused(client, auth, world, session, data, message):
    auth.login(world.admin)
    response = client.post("/admin/organisations/new", data=data)
    assert response.status_code == 200 and message in response.text
    assert session.scalar(sa.select(sa.func.count(Organisation.id))) == 2


def test_an_organisation_with_units_must_stay_a_municipality_or_region(client, auth, world, session):
    auth.login(world.admin)
    response = client.post(f"/admin/organisations/{world.municipality.id}/edit",
                           data={"name": "Testkommun", "kind": "user_organisation"})
    assert "måste vara en kommun eller region" in response.text
    session.expire_all()
    assert session.get(Organisation, world.municipality.id).kind is OrganisationKind.MUNICIPALITY
