from datetime import date

import pytest

from councilportal.councils import services
from councilportal.councils.models import MembershipRole, Seat
from councilportal.errors import DomainError
from councilportal.organisations.models import OrganisationKind
from tests.factories import make_council, make_membership, make_organisation, make_user

TERM = (date(2026, 1, 1), date(2027, 12, 31))


def fields(organisation, seat=Seat.ORDINARY, stands_in_for=None, term=TERM, role=MembershipRole.REPRESENTATIVE):
    return services.MembershipFields(organisation=organisation, role=role, seat=seat, stands_in_for=stands_in_for,
                                     term_start=term[0], term_end=term[1])


@pytest.fixture
def setting(session):
    municipality = make_organisation(session, kind=OrganisationKind.MUNICIPALITY)
    rsmh = make_organisation(session, "RSMH")
    council = make_council(session, municipality, ordinary_seats_per_organisation=1, deputy_seats_per_organisation=1)
    coordinator = make_user(session)
    return municipality, rsmh, council, coordinator


def test_the_seat_quota_is_respected_with_a_clear_message(session, setting):
    _, rsmh, council, coordinator = setting
    services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    with pytest.raises(DomainError) as full:
        services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    assert "RSMH har redan fyllt sina ordinarie platser (1 per organisation)" in full.value.message
    assert full.value.field == "seat"


def test_a_seat_frees_up_when_the_earlier_term_has_ended(session, setting):
    _, rsmh, council, coordinator = setting
    services.add_membership(session, coordinator, council, make_user(session),
                            fields(rsmh, term=(date(2024, 1, 1), date(2025, 12, 31))))
    assert services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))


def test_another_organisation_has_its_own_seats(session, setting):
    _, rsmh, council, coordinator = setting
    services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    other = make_organisation(session, "Attention")
    assert services.add_membership(session, coordinator, council, make_user(session), fields(other))


def test_a_deputy_is_paired_with_an_ordinary_member_of_the_same_organisation(session, setting):
    _, rsmh, council, coordinator = setting
    ordinary = services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    deputy = services.add_membership(session, coordinator, council, make_user(session),
                                     fields(rsmh, Seat.DEPUTY, ordinary))
    assert deputy.stands_in_for is ordinary
    other = make_organisation(session, "Attention")
    with pytest.raises(DomainError, match="samma organisation"):
        services.add_membership(session, coordinator, council, make_user(session), fields(other, Seat.DEPUTY, ordinary))


def test_a_deputy_needs_someone_to_stand_in_for_and_an_ordinary_member_cannot_have_one(session, setting):
    _, rsmh, council, coordinator = setting
    ordinary = services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    with pytest.raises(DomainError, match="Välj vilken ordinarie"):
        services.add_membership(session, coordinator, council, make_user(session), fields(rsmh, Seat.DEPUTY))
    with pytest.raises(DomainError, match="Bara en ersättare"):
        services.add_membership(session, coordinator, council, make_user(session),
                                fields(make_organisation(session), Seat.ORDINARY, ordinary))


def test_one_ordinary_member_has_at_most_one_deputy_at_a_time(session, setting):
    municipality, rsmh, _, coordinator = setting
    council = make_council(session, municipality)
    ordinary = services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    services.add_membership(session, coordinator, council, make_user(session), fields(rsmh, Seat.DEPUTY, ordinary))
    with pytest.raises(DomainError, match="har redan en ersättare"):
        services.add_membership(session, coordinator, council, make_user(session), fields(rsmh, Seat.DEPUTY, ordinary))


def test_a_person_sits_only_once_on_a_council_at_a_time(session, setting):
    _, rsmh, council, coordinator = setting
    person = make_user(session)
    services.add_membership(session, coordinator, council, person, fields(rsmh))
    with pytest.raises(DomainError, match="redan ledamot"):
        services.add_membership(session, coordinator, council, person, fields(make_organisation(session)))


def test_a_term_cannot_end_before_it_starts(session, setting):
    _, rsmh, council, coordinator = setting
    with pytest.raises(DomainError) as refused:
        services.add_membership(session, coordinator, council, make_user(session),
                                fields(rsmh, term=(date(2027, 1, 1), date(2026, 1, 1))))
    assert refused.value.field == "term_end"


def test_a_representative_speaks_for_a_user_organisation(session, setting):
    municipality, _, council, coordinator = setting
    with pytest.raises(DomainError, match="brukarorganisation"):
        services.add_membership(session, coordinator, council, make_user(session), fields(municipality))
    assert services.add_membership(session, coordinator, council, make_user(session),
                                   fields(municipality, role=MembershipRole.OFFICIAL))


def test_membership_is_active_inside_its_term_only(session, setting):
    _, rsmh, council, coordinator = setting
    membership = services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    assert membership.is_active_on(date(2026, 1, 1)) and membership.is_active_on(date(2027, 12, 31))
    assert not membership.is_active_on(date(2025, 12, 31)) and not membership.is_active_on(date(2028, 1, 1))


def test_ending_a_term_keeps_the_membership_as_history(session, setting):
    _, rsmh, council, coordinator = setting
    membership = services.add_membership(session, coordinator, council, make_user(session), fields(rsmh))
    services.end_membership(session, coordinator, membership, date(2026, 6, 30))
    assert membership.term_end == date(2026, 6, 30)
    with pytest.raises(DomainError, match="redan slutat"):
        services.end_membership(session, coordinator, membership, date(2026, 12, 31))
    with pytest.raises(DomainError, match="innan det har börjat"):
        services.end_membership(session, coordinator, membership, date(2025, 1, 1))


def test_adding_someone_new_by_email_invites_them(session, setting, outbox):
    _, rsmh, council, coordinator = setting
    membership = services.add_member_by_email(session, coordinator, council, email="ny@example.se", name="Ny Person",
                                              fields=fields(rsmh))
    session.commit()
    assert membership.user.email == "ny@example.se"
    [mail] = outbox()
    assert mail.kind == "invitation" and council.name in mail.text()


def test_adding_someone_with_an_account_tells_them_instead(session, setting, outbox):
    _, rsmh, council, coordinator = setting
    existing = make_user(session, email="finns@example.se")
    membership = services.add_member_by_email(session, coordinator, council, email="FINNS@example.se",
                                              name="ignoreras", fields=fields(rsmh))
    session.commit()
    assert membership.user is existing and existing.name != "ignoreras"
    assert [mail.kind for mail in outbox()] == ["membership_added"]


def test_a_council_gets_a_slug_from_its_name_and_slugs_are_unique(session, setting):
    municipality, _, _, coordinator = setting
    council_fields = services.CouncilFields(
        name="Brukarråd för Äldre & Öppenvård", slug="", description="", subject_area="", owner=municipality,
        is_public=True, ordinary_seats_per_organisation=None, deputy_seats_per_organisation=None,
        coordinators=[coordinator])
    council = services.save_council(session, None, council_fields)
    assert council.slug == "brukarrad-for-aldre-oppenvard"
    with pytest.raises(DomainError) as clash:
        services.save_council(session, None, council_fields)
    assert clash.value.field == "slug"


def test_a_council_is_owned_by_a_municipality_or_region(session, setting):
    _, rsmh, _, _ = setting
    with pytest.raises(DomainError, match="kommun eller en region"):
        services.save_council(session, None, services.CouncilFields(
            name="X", slug="x", description="", subject_area="", owner=rsmh, is_public=False,
            ordinary_seats_per_organisation=None, deputy_seats_per_organisation=None, coordinators=[]))


def test_my_councils_are_the_ones_i_sit_on_today_or_coordinate(session, world):
    assert services.councils_of(session, world.representative) == [world.council]
    assert services.councils_of(session, world.coordinator) == [world.council]
    assert services.councils_of(session, world.outsider) == []
    make_membership(session, world.public_council, world.outsider, world.user_organisation,
                    term_start=date(2020, 1, 1), term_end=date(2020, 12, 31))
    assert services.councils_of(session, world.outsider) == []
