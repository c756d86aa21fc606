"""Who may do what with accounts. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User


def can_manage_accounts(user: User | None) -> bool:
    return user is not None and user.is_admin


def can_edit_profile(user: User | None) -> bool:
    return user is not None


def can_view_audit_log(user: User | None) -> bool:
    return user is not None and user.is_admin


def can_use_two_factor(user: User | None) -> bool:
    """Two-factor sign-in protects those who see more than their own council's papers."""
    return user is not None and bool(user.roles)


def must_set_up_two_factor(user: User | None, required_roles: set[str]) -> bool:
    """True for someone whose role requires two-factor sign-in and who has not set it up yet."""
    return user is not None and not user.has_two_factor and bool(user.roles & required_roles)
