"""Policies are pure: plain objects, no app, no database."""

from datetime import date, timedelta

from councilportal.accounts.models import User
from councilportal.councils import policies
from councilportal.councils.models import Council, Membership


def person(**fields) -> User:
    fields.setdefault("is_admin", False)
    user = User(id=fields.pop("id", 1), **fields)
    user.memberships = []
    return user


def council(public=False, coordinators=()) -> Council:
    return Council(id=7, is_public=public, coordinators=list(coordinators))


def test_the_public_sees_only_public_councils():
    assert policies.can_view_council(None, council(public=True))
    assert not policies.can_view_council(None, council())
    assert not policies.can_view_members(None, council(public=True))


def test_an_active_member_sees_a_private_council_and_a_former_member_does_not():
    member = person()
    today = date.today()
    member.memberships = [Membership(council_id=7, term_start=today - timedelta(days=10), term_end=None)]
    assert policies.can_view_council(member, council())
    former = person(id=2)
    former.memberships = [Membership(council_id=7, term_start=date(2020, 1, 1), term_end=date(2020, 12, 31))]
    assert not policies.can_view_council(former, council())


def test_only_the_councils_coordinators_and_admins_manage_its_memberships():
    coordinator = person(id=3)
    assert policies.can_manage_memberships(coordinator, council(coordinators=[coordinator]))
    assert not policies.can_manage_memberships(person(id=3), council(coordinators=[person(id=4)]))
    assert policies.can_manage_memberships(person(id=5, is_admin=True), council())
    assert not policies.can_manage_memberships(None, council(public=True))


def test_those_who_run_a_council_are_its_coordinators_and_the_admins_not_its_members():
    coordinator, admin, member = person(id=3), person(id=5, is_admin=True), person(id=6)
    member.memberships = [Membership(council_id=7, term_start=date.today() - timedelta(days=1), term_end=None)]
    run = council(coordinators=[coordinator])
    assert policies.runs_council(coordinator, run)
    assert policies.runs_council(admin, run)
    assert not policies.runs_council(member, run)
    assert not policies.runs_council(person(id=3), council(coordinators=[person(id=4)]))
    assert not policies.runs_council(None, council(public=True))


def test_names_on_the_council_page_are_for_the_council_or_for_those_who_chose_to_be_shown():
    shown, hidden = person(id=5, show_name_publicly=True), person(id=6, show_name_publicly=False)
    member = person(id=8)
    member.memberships = [Membership(council_id=7, term_start=date.today() - timedelta(days=1), term_end=None)]
    public = council(public=True)
    assert policies.can_see_name_of(None, public, shown)
    assert not policies.can_see_name_of(None, public, hidden)
    assert not policies.can_see_name_of(person(id=9), public, hidden)
    assert policies.can_see_name_of(member, public, hidden)
