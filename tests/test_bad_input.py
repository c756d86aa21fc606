"""Input no one types on purpose: a NUL character, a number past what the database holds.
Each gets a page that says so, or the text without the character, never a server error."""

import re

import pytest
import sqlalchemy as sa
from werkzeug.routing import IntegerConverter
from wtforms import FieldList, FormField, IntegerField, SelectMultipleField

from councilportal.accounts.models import User
from councilportal.forms import PortalForm, PortalSubform
from councilportal.meetings.models import Meeting
from tests.meetings.factories import make_meeting

HUGE = "99999999999999999999"


def path_with(rule, number: str) -> str:
    """The rule's path with `number` for each number in it and a plain word for anything else."""
    return re.sub(r"<([^:>]+:)?[^>]+>",
                  lambda part: number if part.group(1) and part.group(1).startswith("int") else "x", rule.rule)


def test_every_route_with_a_number_in_its_path_does_not_find_one_past_the_database(app, client, auth, world):
    auth.login(world.admin)
    numbered = [rule for rule in app.url_map.iter_rules()
                if any(isinstance(converter, IntegerConverter) for converter in rule._converters.values())]
    assert len(numbered) > 30
    for rule in numbered:
        method = "GET" if "GET" in rule.methods else "POST"
        for number in (HUGE, "2147483648", "9" * 5000):
            response = client.open(path_with(rule, number), method=method)
            assert response.status_code == 404, f"{method} {rule.rule} with {number[:20]}: {response.status_code}"
    assert client.get(f"/meetings/{HUGE}").text.count("Sidan finns inte") >= 1


@pytest.mark.parametrize("path", [
    "/councils/oppna-radet/ni-sa-vi-gjorde", "/councils/socialtjanst/viewpoints", "/viewpoints/", "/councils/"])
def test_a_page_number_past_the_database_is_not_found(client, auth, world, path):
    if not path.endswith("ni-sa-vi-gjorde"):
        auth.login(world.coordinator)
    assert client.get(f"{path}?page={HUGE}").status_code == 404
    assert client.get(f"{path}?page=2147483648").status_code == 404
    assert client.get(f"{path}?page=2").status_code == 200
    assert client.get(f"{path}?page=abc").status_code == 200


def test_a_chosen_id_past_the_database_is_refused_with_a_message(client, auth, world, session):
    meeting = make_meeting(session, world.council, items=1)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/agenda/unanswered", data={"agenda_item_id": HUGE},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Välj en punkt på dagordningen." in response.text


def test_every_form_refuses_a_number_past_the_database_with_a_message(app):
    class CountForm(PortalForm):
        count = IntegerField()
        chosen = SelectMultipleField(coerce=int, validate_choice=False)
        parts = FieldList(FormField(type("Part", (PortalSubform,), {"number": IntegerField()})), min_entries=1)

    data = {"count": HUGE, "chosen": ["1", f"-{HUGE}"], "parts-0-number": HUGE}
    with app.test_request_context(method="POST", data=data):
        form = CountForm()
        assert not form.validate()
        assert form.errors == {"count": ["Talet är för stort."], "chosen": ["Talet är för stort."],
                               "parts": [{"number": ["Talet är för stort."]}]}
    with app.test_request_context(method="POST", data={"count": "2147483647", "chosen": ["1"], "parts-0-number": "0"}):
        assert CountForm().validate()


def test_a_nul_character_is_left_out_of_whatever_is_saved(client, auth, world, session):
    auth.login(world.coordinator)
    response = client.post("/profile", data={"name": "Cora\x00 Samordnare\x00", "email": world.coordinator.email})
    assert response.status_code == 302
    assert session.scalar(sa.select(User.name).where(User.id == world.coordinator.id)) == "Cora Samordnare"

    response = client.post("/councils/socialtjanst/meetings/new", data={
        "title": "Råd\x00smöte", "starts_at": "2030-03-03T13:00", "ends_at": "2030-03-03T15:00",
        "location": "\x00", "description": "Text\x00"})
    assert response.status_code == 302, response.text
    saved = session.scalar(sa.select(Meeting))
    assert (saved.title, saved.location, saved.description) == ("Rådsmöte", "", "Text")


def test_a_nul_character_outside_a_form_is_left_out_too(client, auth, world):
    auth.login(world.admin)
    response = client.get("/admin/accounts?q=Cora%00")
    assert response.status_code == 200
    assert "Cora Samordnare" in response.text
    assert client.get("/councils/socialtjanst%00").status_code in (400, 404)
