"""Who may manage organisations and units. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User


def can_manage_organisations(user: User | None) -> bool:
    return user is not None and user.is_admin
