"""Who may see which statistics. Pure functions: `user` is None for the public.

Coordinators and admins see the councils they run, representatives their councils, managers the
viewpoints their unit answers for, and everyone the public councils (scopes.py says it in SQL).
"""

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.policies import can_view_council, is_member_of, runs_council


def can_view_statistics(user: User | None) -> bool:
    """The page across councils is for everyone: each reader sees the figures of what they may count."""
    return user is None or user.active


def sees_whole_council(user: User | None, council: Council) -> bool:
    """The figures of every viewpoint of the council: its readers (the public, for a public council)."""
    return can_view_council(user, council)


def can_view_council_statistics(user: User | None, council: Council) -> bool:
    """A council's readers; and a manager, who sees the viewpoints their unit answers for on it."""
    return sees_whole_council(user, council) or (user is not None and user.active and user.is_manager)


def reads_as_public(user: User | None, council: Council) -> bool:
    """Neither runs the council nor sits on it: of its audits, such a reader counts only those published to the
    public (audits.policies.can_view_audit)."""
    return not (runs_council(user, council) or is_member_of(user, council))
