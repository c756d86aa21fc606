"""Who may manage organisations and units. Pure functions: `user` is None for the public."""

from typing import Protocol


class Person(Protocol):
    """The acting person as these policies read them. Accounts build on organisations (a person belongs to a unit),
    so this package names what it reads instead of importing the account model."""

    is_admin: bool


def can_manage_organisations(user: Person | None) -> bool:
    return user is not None and user.is_admin
