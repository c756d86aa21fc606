"""Who sees a viewpoint, for every visibility and every role (the lists' SQL filter must agree with this)."""

import pytest

from councilportal.viewpoints import policies
from councilportal.viewpoints.models import Visibility
from tests.viewpoints.cast import ROLES, build_cast
from tests.viewpoints.factories import make_viewpoint

RESPONSIBLE = {"admin", "coordinator", "manager", "unit_colleague"}
COUNCIL = RESPONSIBLE | {"representative", "other_representative"}

SEES = {
    # (visibility, council is public, a coordinator confirmed it for the public): the roles who see the viewpoint
    (Visibility.COUNCIL, False, False): COUNCIL,
    (Visibility.RESTRICTED, False, False): RESPONSIBLE | {"representative"},
    (Visibility.PUBLIC, False, False): COUNCIL,
    (Visibility.PUBLIC, False, True): COUNCIL,
    (Visibility.PUBLIC, True, False): COUNCIL,
    (Visibility.PUBLIC, True, True): set(ROLES),
    (Visibility.RESTRICTED, True, False): RESPONSIBLE | {"representative"},
    (Visibility.RESTRICTED, True, True): RESPONSIBLE | {"representative"},
    (Visibility.COUNCIL, True, True): COUNCIL,
}


@pytest.mark.parametrize(("visibility", "public_council", "published"), list(SEES), ids=lambda value: str(value))
def test_who_sees_a_viewpoint(session, world, visibility, public_council, published):
    cast = build_cast(session, world)
    world.council.is_public = public_council
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=visibility, unit=world.unit, manager=world.manager, published=published)
    seeing = {role for role in ROLES if policies.can_view_viewpoint(cast.by_role(role), viewpoint)}
    assert seeing == SEES[(visibility, public_council, published)]


def test_only_those_who_see_it_as_published_read_the_public_wording(session, world):
    cast = build_cast(session, world)
    world.council.is_public = True
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, unit=world.unit, published=True)
    reading_public_wording = {role for role in ROLES if policies.reads_public_wording(cast.by_role(role), viewpoint)}
    assert reading_public_wording == set(ROLES) - COUNCIL


def test_only_the_councils_coordinators_confirm_publication_of_a_public_viewpoint_of_a_public_council(
        session, world):
    cast = build_cast(session, world)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, unit=world.unit)
    assert not any(policies.can_confirm_publication(cast.by_role(role), viewpoint) for role in ROLES)
    world.council.is_public = True
    confirming = {role for role in ROLES if policies.can_confirm_publication(cast.by_role(role), viewpoint)}
    assert confirming == {"admin", "coordinator"}
    viewpoint.visibility = Visibility.COUNCIL
    assert not any(policies.can_confirm_publication(cast.by_role(role), viewpoint) for role in ROLES)


def test_the_public_and_outsiders_see_no_names_and_cannot_comment(session, world):
    cast = build_cast(session, world)
    world.council.is_public = True
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, unit=world.unit, published=True)
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
