"""The compensation pages send as many SQL statements with many claims as with a few."""


import dataclasses

import pytest

from councilportal.compensation import services
from councilportal.compensation.models import TravelKind
from tests.compensation.factories import add_hourly_rule, held_meeting
from tests.factories import make_membership, make_organisation, make_user


def add_claims(session, world, size: int) -> int:
    """`size` held meetings, each with a new member beside the representative; half the claims approved."""
    claim_id = 0
    for number in range(size):
        member = make_user(session)
        make_membership(session, world.council, member, make_organisation(session))
        meeting = held_meeting(session, world)
        for person in (world.representative, member):
            claim = services.submit_claim(session, person, meeting, services.ClaimFields(
                travel_kind=TravelKind.KM, travel_km=12))
            claim_id = claim.id
            if number % 2:
                services.approve_claim(session, world.coordinator, claim)
    session.commit()
    return claim_id


def _get_as_a_request_of_its_own(client, session, world, url: str) -> None:
    """The test's session is the request's: emptied before, the page loads all it shows itself; then
    the world's objects are taken back into it."""
    session.expunge_all()
    assert client.get(url).status_code == 200
    session.expunge_all()
    for field in dataclasses.fields(world):
        setattr(world, field.name, session.merge(getattr(world, field.name), load=False))


PAGES = {
    "coordinator: a council's compensation": ("coordinator", "/councils/socialtjanst/compensation"),
    "coordinator: payroll report": ("coordinator", "/councils/socialtjanst/compensation/report"),
    "coordinator: a claim": ("coordinator", "/compensation/claims/{claim}"),
    "representative: my compensation": ("representative", "/compensation"),
}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_compensation_page_sends_as_many_queries_with_many_claims(client, auth, session, world, count_queries,
                                                                     page):
    role, path = PAGES[page]
    add_hourly_rule(session, world)
    url = path.format(claim=add_claims(session, world, 2))
    auth.login(getattr(world, role))
    with count_queries() as few:
        _get_as_a_request_of_its_own(client, session, world, url)
    add_claims(session, world, 8)
    with count_queries() as many:
        _get_as_a_request_of_its_own(client, session, world, url)
    assert many.count == few.count, "\n".join(many.statements)
