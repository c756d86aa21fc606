"""After a refused post the page's title starts with "Fel:", so a screen reader says it first."""

import re

from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).strip()


def test_a_form_with_invalid_input_is_titled_as_an_error(client, auth, world):
    assert title(client.get("/login")).startswith("Logga in")
    assert title(client.post("/login", data={"email": "", "password": ""})).startswith("Fel: Logga in")
    auth.login(world.admin)
    assert not title(client.get("/admin/organisations/new")).startswith("Fel:")
    assert title(client.post("/admin/organisations/new", data={"name": ""})).startswith("Fel: ")


def test_a_broken_rule_shown_on_the_form_is_titled_as_an_error(client, auth, world):
    response = client.post("/login", data={"email": world.admin.email, "password": "fel lösenord"})
    assert 'class="error-summary"' in response.text
    assert title(response).startswith("Fel: ")


def test_the_page_an_action_was_refused_back_to_is_titled_as_an_error(client, auth, world, session):
    meeting = make_meeting(session, world.council, items=1)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/viewpoints/{viewpoint.id}/agenda", data={"agenda_item_id": ""},
                           follow_redirects=True)
    assert "Välj en punkt på dagordningen." in response.text
    assert title(response).startswith("Fel: ")
    assert not title(client.get(f"/meetings/{meeting.id}")).startswith("Fel:"), "only once"
