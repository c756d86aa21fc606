"""Who may do what with accounts. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User


def can_manage_accounts(user: User | None) -> bool:
    return user is not None and user.is_admin


def can_edit_profile(user: User | None) -> bool:
    return user is not None


def can_view_audit_log(user: User | None) -> bool:
    return user is not None and user.is_admin
