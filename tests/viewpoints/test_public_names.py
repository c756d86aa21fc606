"""The public sees which unit answers a viewpoint, but a manager's name only if the manager chose to be shown."""

import re
from pathlib import Path

from councilportal.viewpoints.models import EventKind, ViewpointEvent, ViewpointState, Visibility
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint


def assigned_public_viewpoint(session, world):
    viewpoint = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                               title="Kallelser i tid", visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED,
                               unit=world.unit, manager=world.manager, published=True)
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=world.coordinator, kind=EventKind.ASSIGNED,
                               text=f"{world.unit.name}, {world.manager.name}"))
    session.commit()
    return viewpoint


def pages_of(client, world, viewpoint):
    slug = world.public_council.slug
    return {
        "list": client.get(f"/councils/{slug}/viewpoints").text,
        "csv": client.get(f"/councils/{slug}/viewpoints?format=csv").get_data(as_text=True),
        "viewpoint": client.get(f"/viewpoints/{viewpoint.id}").text,
    }


def test_the_public_sees_the_unit_but_not_the_name_of_a_manager_who_chose_not_to_be_shown(client, session, world):
    world.manager.show_name_publicly = False
    viewpoint = assigned_public_viewpoint(session, world)
    for name, page in pages_of(client, world, viewpoint).items():
        assert world.unit.name in page, name
        assert world.manager.name not in page, name


def test_the_council_sees_the_manager_by_name(client, auth, session, world):
    world.manager.show_name_publicly = False
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    viewpoint = assigned_public_viewpoint(session, world)
    auth.login(world.representative)
    for name, page in pages_of(client, world, viewpoint).items():
        assert world.manager.name in page, name


def test_a_manager_who_chose_to_be_shown_is_named_on_the_public_list(client, session, world):
    world.manager.show_name_publicly = True
    viewpoint = assigned_public_viewpoint(session, world)
    pages = pages_of(client, world, viewpoint)
    assert world.manager.name in pages["list"] and world.manager.name in pages["csv"]


def test_templates_ask_the_name_policy_instead_of_reading_the_choice_themselves():
    """Whether a name is shown is decided by the policies (`can_see_name_of`), which the templates call."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    readers = [str(path.relative_to(templates)) for path in templates.rglob("*.html")
               if re.search(r"(?<!form)\.show_name_publicly", path.read_text(encoding="utf-8"))]
    assert readers == []
