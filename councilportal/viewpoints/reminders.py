"""Overdue reminders: one mail per manager listing the overdue viewpoints they answer for.

`councilportal mail remind-overdue` runs this from cron. Each (viewpoint, manager, day) is
recorded in `viewpoint_reminders`, so a second run the same day sends nothing new, and a
viewpoint that becomes overdue later that day is still sent, once.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from councilportal.accounts.models import User
from councilportal.extensions import Base
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.viewpoints.models import Viewpoint
from councilportal.viewpoints.queries import overdue_condition


class ViewpointReminder(Base):
    """A manager was reminded of an overdue viewpoint on this day."""

    __tablename__ = "viewpoint_reminders"
    __table_args__ = (sa.UniqueConstraint("viewpoint_id", "user_id", "sent_on", name="once_a_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sent_on: Mapped[date]


@dataclass(frozen=True)
class ReminderReport:
    mails: int
    viewpoints: int


def responsible_managers(viewpoint: Viewpoint, unit_managers: dict[int, list[User]]) -> list[User]:
    """The responsible manager; when only a unit is set, every active manager of that unit."""
    if viewpoint.responsible_manager is not None:
        return [viewpoint.responsible_manager] if viewpoint.responsible_manager.active else []
    if viewpoint.responsible_unit_id is not None:
        return unit_managers.get(viewpoint.responsible_unit_id, [])
    return []


def send_overdue_reminders(session: Session, today: date) -> ReminderReport:
    """Queue today's reminders; the caller commits (the mail and the record of it go together)."""
    overdue = list(session.scalars(
        sa.select(Viewpoint).where(overdue_condition(today)).order_by(Viewpoint.deadline, Viewpoint.id)
    ))
    unit_ids = {v.responsible_unit_id for v in overdue if v.responsible_manager_id is None and v.responsible_unit_id}
    unit_managers: dict[int, list[User]] = defaultdict(list)
    if unit_ids:
        for manager in session.scalars(
            sa.select(User).where(User.unit_id.in_(unit_ids), User.active.is_(True)).order_by(User.name)
        ):
            unit_managers[manager.unit_id].append(manager)
    already_sent = {(row.viewpoint_id, row.user_id) for row in session.execute(
        sa.select(ViewpointReminder.viewpoint_id, ViewpointReminder.user_id).where(ViewpointReminder.sent_on == today)
    )}

    due: dict[int, list[Viewpoint]] = defaultdict(list)
    managers: dict[int, User] = {}
    for viewpoint in overdue:
        for manager in responsible_managers(viewpoint, unit_managers):
            if (viewpoint.id, manager.id) not in already_sent:
                due[manager.id].append(viewpoint)
                managers[manager.id] = manager

    for manager_id, viewpoints in due.items():
        manager = managers[manager_id]
        queue_mail(
            session, recipient=manager.email, locale=manager.locale, template="viewpoint_overdue",
            kind="viewpoint_overdue", manager=manager, today=today,
            viewpoints=[(viewpoint, absolute_url("viewpoints.detail", viewpoint_id=viewpoint.id))
                        for viewpoint in viewpoints],
            list_link=absolute_url("viewpoint_lists.assigned", overdue="y"),
        )
    if due:
        session.execute(sa.insert(ViewpointReminder), [
            {"viewpoint_id": viewpoint.id, "user_id": manager_id, "sent_on": today}
            for manager_id, viewpoints in due.items() for viewpoint in viewpoints
        ])
    session.flush()
    return ReminderReport(mails=len(due), viewpoints=len({v.id for vs in due.values() for v in vs}))
