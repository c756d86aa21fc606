"""Policies are pure: plain objects, no app, no database."""

from councilportal.accounts.models import User
from councilportal.organisations import policies


def test_only_admins_manage_organisations_and_units():
    assert policies.can_manage_organisations(User(is_admin=True))
    assert not policies.can_manage_organisations(User(is_admin=False))
    assert not policies.can_manage_organisations(None)
