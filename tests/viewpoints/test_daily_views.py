"""What a manager meets each day: open viewpoints first on "Att besvara", and no empty "Vad vill du göra?"."""

import pytest

from councilportal.viewpoints.models import ViewpointState
from tests.viewpoints.factories import make_viewpoint


@pytest.fixture
def assigned(session, world):
    for state in ViewpointState:
        make_viewpoint(session, world.council, world.user_organisation, world.representative, state=state,
                       title=f"Fråga {state.value}", unit=world.unit)
    session.commit()


def titles(text: str) -> set[str]:
    return {f"Fråga {state.value}" for state in ViewpointState if f">Fråga {state.value}</a>" in text}


def test_the_assigned_list_shows_open_viewpoints_with_the_rest_one_click_away(client, auth, world, assigned):
    auth.login(world.manager)
    page = client.get("/viewpoints/assigned").text
    assert titles(page) == {"Fråga submitted", "Fråga received", "Fråga in_progress", "Fråga answered"}
    assert 'href="/viewpoints/assigned?visa=alla">Visa även avslutade och tillbakatagna</a>' in page
    everything = client.get("/viewpoints/assigned?visa=alla").text
    assert titles(everything) == {f"Fråga {state.value}" for state in ViewpointState}
    assert 'name="visa" value="alla"' in everything, "filtering keeps the choice"
    assert ">Visa bara öppna</a>" in everything
    closed = client.get("/viewpoints/assigned?state=closed").text
    assert titles(closed) == {"Fråga closed"}, "a state chosen in the filter is shown whatever it is"


def test_after_the_final_answer_the_manager_sees_no_empty_heading(client, auth, session, world):
    answered = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                              state=ViewpointState.ANSWERED, unit=world.unit)
    session.commit()
    auth.login(world.manager)
    page = client.get(f"/viewpoints/{answered.id}").text
    assert "Vad vill du göra?" not in page
    assert "Kommentera" in page
    auth.logout()
    auth.login(world.representative)
    assert "Vad vill du göra?" in client.get(f"/viewpoints/{answered.id}").text, "rating and reopening are under it"
