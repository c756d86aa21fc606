"""Who may see and run a council. Pure functions: `user` is None for the public.

They read `user.coordinated_councils` and `user.memberships`, which load once with the person.
"""

from datetime import date

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.timeutil import today_in_sweden


def is_coordinator_of(user: User | None, council: Council) -> bool:
    """Read from the person's councils, which load once per request, not from each council's coordinators."""
    return user is not None and any(coordinated.id == council.id for coordinated in user.coordinated_councils)


def runs_council(user: User | None, council: Council) -> bool:
    """An administrator or one of the council's coordinators: those who run its members, meetings and viewpoints."""
    return user is not None and (user.is_admin or is_coordinator_of(user, council))


def is_member_of(user: User | None, council: Council, today: date | None = None) -> bool:
    """An active membership today (Swedish date)."""
    if user is None:
        return False
    today = today or today_in_sweden()
    return any(m.council_id == council.id and m.is_active_on(today) for m in user.memberships)


def can_manage_councils(user: User | None) -> bool:
    return user is not None and user.is_admin


def can_view_council(user: User | None, council: Council) -> bool:
    return council.is_public or runs_council(user, council) or is_member_of(user, council)


def can_view_members(user: User | None, council: Council) -> bool:
    """The member list with names is for the council itself, never for the public."""
    return runs_council(user, council) or is_member_of(user, council)


def can_see_name_of(user: User | None, council: Council, person: User) -> bool:
    """Besides the council itself, everyone sees the names of people who chose to be shown."""
    return person.show_name_publicly or can_view_members(user, council)


def can_manage_memberships(user: User | None, council: Council) -> bool:
    return runs_council(user, council)


def can_view_my_councils(user: User | None) -> bool:
    return user is not None
