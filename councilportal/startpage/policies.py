"""Who sees a start page: everyone signed in sees their own."""

from councilportal.accounts.models import User


def can_view_start_page(user: User | None) -> bool:
    return user is not None
