"""Who may read and who may write a council's annual report. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.policies import can_view_council, runs_council


def can_view_annual_reports(user: User | None, council: Council) -> bool:
    """Published reports are for the council's readers: everyone, for a public council."""
    return can_view_council(user, council)


def can_prepare_annual_report(user: User | None, council: Council) -> bool:
    """Write the introduction and closing word, preview and publish: the council's coordinators and admins."""
    return runs_council(user, council)
