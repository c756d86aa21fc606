"""Who may export or erase personal data. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User


def can_export_own_data(user: User | None) -> bool:
    return user is not None


def can_erase_person(user: User | None, person: User) -> bool:
    return user is not None and user.is_admin and user.id != person.id
