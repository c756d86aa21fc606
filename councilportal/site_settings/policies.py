from councilportal.accounts.models import User


def can_manage_site_settings(user: User | None) -> bool:
    return user is not None and user.is_admin
