"""The SQL that lists viewpoints and the policy that guards a viewpoint's page agree, case by case."""

import itertools
from datetime import timedelta

from councilportal.councils.models import MembershipRole
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import ViewpointState, Visibility
from councilportal.viewpoints.policies import can_view_viewpoint
from councilportal.viewpoints.queries import visible_viewpoints
from tests.factories import make_membership, make_organisation, make_unit, make_user
from tests.viewpoints.factories import make_viewpoint


def test_the_list_query_and_the_page_policy_agree_for_every_role_visibility_and_state(session, world):
    today = today_in_sweden()
    other_organisation = make_organisation(session, "Attention Test")
    other_unit = make_unit(session, world.municipality, "Boendestöd")
    people = {
        "public": None,
        "outsider": world.outsider,
        "representative": world.representative,
        "manager": world.manager,
        "coordinator": world.coordinator,
        "admin": world.admin,
        "representative of another organisation": make_user(session, "Annan Representant"),
        "manager of the unit, not on the council": make_user(session, "Enhetens Chef", unit=world.unit),
        "manager of another unit": make_user(session, "Annan Chef", unit=other_unit),
        "former member": make_user(session, "Före Detta"),
        "official of the submitting organisation": make_user(session, "Tjänsteperson"),
        "inactive representative": make_user(session, "Avstängd Representant", active=False),
    }
    make_membership(session, world.council, people["representative of another organisation"], other_organisation)
    make_membership(session, world.public_council, people["representative of another organisation"],
                    other_organisation)
    make_membership(session, world.council, people["former member"], world.user_organisation,
                    term_start=today - timedelta(days=400), term_end=today - timedelta(days=1))
    make_membership(session, world.council, people["official of the submitting organisation"],
                    world.user_organisation, role=MembershipRole.OFFICIAL)
    make_membership(session, world.council, people["inactive representative"], world.user_organisation)

    assignments = [{}, {"unit": world.unit}, {"manager": world.manager}, {"unit": other_unit, "manager": world.admin}]
    for council, visibility, state, assignment, organisation, published in itertools.product(
        (world.council, world.public_council), Visibility, ViewpointState, assignments,
        (world.user_organisation, other_organisation), (False, True),
    ):
        make_viewpoint(session, council, organisation, None, visibility=visibility, state=state,
                       published=published, **assignment)
    session.commit()

    disagreements = []
    for role, person in people.items():
        all_viewpoints = session.scalars(visible_viewpoints(world.admin)).all()
        listed = {viewpoint.id for viewpoint in session.scalars(visible_viewpoints(person))}
        for viewpoint in all_viewpoints:
            allowed = can_view_viewpoint(person, viewpoint)
            if allowed != (viewpoint.id in listed):
                disagreements.append(
                    f"{role}: {viewpoint.council.slug} {viewpoint.visibility.value} {viewpoint.state.value} "
                    f"published={viewpoint.is_published} "
                    f"unit={viewpoint.responsible_unit_id} manager={viewpoint.responsible_manager_id} "
                    f"organisation={viewpoint.organisation.name}: policy {allowed}, list {not allowed}")
    assert len(all_viewpoints) == 2 * 3 * 6 * 4 * 2 * 2
    public_listing = set(session.scalars(visible_viewpoints(None)))
    assert public_listing and all(viewpoint.is_published for viewpoint in public_listing)
    assert not disagreements, "\n".join(disagreements)
