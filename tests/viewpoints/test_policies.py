"""Who sees a viewpoint, for every visibility and every role (the lists' SQL filter must agree with this)."""

import pytest

from councilportal.viewpoints import policies
from councilportal.viewpoints.models import Visibility
from tests.viewpoints.cast import ROLES, build_cast
from tests.viewpoints.factories import make_viewpoint

RESPONSIBLE = {"admin", "coordinator", "manager", "unit_colleague"}
COUNCIL = RESPONSIBLE | {"representative", "other_representative"}

SEES = {
    # (visibility, council is public): the roles who see the viewpoint
    (Visibility.COUNCIL, False): COUNCIL,
    (Visibility.RESTRICTED, False): RESPONSIBLE | {"representative"},
    (Visibility.PUBLIC, False): COUNCIL,
    (Visibility.PUBLIC, True): set(ROLES),
    (Visibility.RESTRICTED, True): RESPONSIBLE | {"representative"},
}


@pytest.mark.parametrize(("visibility", "public_council"), list(SEES), ids=lambda value: str(value))
def test_who_sees_a_viewpoint(session, world, visibility, public_council):
    cast = build_cast(session, world)
    world.council.is_public = public_council
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=visibility, unit=world.unit, manager=world.manager)
    seeing = {role for role in ROLES if policies.can_view_viewpoint(cast.by_role(role), viewpoint)}
    assert seeing == SEES[(visibility, public_council)]


def test_the_public_and_outsiders_see_no_names_and_cannot_comment(session, world):
    cast = build_cast(session, world)
    world.council.is_public = True
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, unit=world.unit)
    for role in ("public", "outsider", "other_manager"):
        assert not policies.can_see_names(cast.by_role(role), viewpoint)
        assert not policies.can_comment(cast.by_role(role), viewpoint)
    for role in ("coordinator", "representative", "unit_colleague"):
        assert policies.can_see_names(cast.by_role(role), viewpoint)


def test_a_deactivated_manager_can_no_longer_answer(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               unit=world.unit)
    assert policies.can_answer(world.manager, viewpoint)
    world.manager.active = False
    assert not policies.can_answer(world.manager, viewpoint)


def test_the_organisations_a_representative_can_submit_for(session, world):
    assert policies.organisations_represented(world.representative, world.council) == [world.user_organisation]
    assert policies.organisations_represented(world.manager, world.council) == []
    assert policies.can_submit_any_viewpoint(world.representative)
    assert not policies.can_submit_any_viewpoint(world.manager)
    assert not policies.can_submit_any_viewpoint(None)
