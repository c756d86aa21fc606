"""Who is reminded of an overdue answer: the same rule for viewpoints and audit recommendations."""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User


def responsible_managers(thing, unit_managers: dict[int, list[User]]) -> list[User]:
    """The responsible manager; when only a unit is set, every active manager of that unit."""
    if thing.responsible_manager is not None:
        return [thing.responsible_manager] if thing.responsible_manager.active else []
    if thing.responsible_unit_id is not None:
        return unit_managers.get(thing.responsible_unit_id, [])
    return []


def reminders_due(session: Session, overdue: Sequence, already_sent: set[tuple[int, int]]) -> dict[User, list]:
    """Each manager to remind today, with the overdue things they answer for and were not yet reminded of
    (`already_sent` holds today's (thing id, manager id) pairs). Managers in the order first met."""
    unit_ids = {t.responsible_unit_id for t in overdue if t.responsible_manager_id is None and t.responsible_unit_id}
    unit_managers: dict[int, list[User]] = defaultdict(list)
    if unit_ids:
        for manager in session.scalars(
            sa.select(User).where(User.unit_id.in_(unit_ids), User.active.is_(True)).order_by(User.name)
        ):
            unit_managers[manager.unit_id].append(manager)
    due: dict[User, list] = {}
    for thing in overdue:
        for manager in responsible_managers(thing, unit_managers):
            if (thing.id, manager.id) not in already_sent:
                due.setdefault(manager, []).append(thing)
    return due
