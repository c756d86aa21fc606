"""Overdue reminders: one mail per manager listing the overdue viewpoints they answer for.

`councilportal mail remind-overdue` runs this from cron. Each (viewpoint, manager, day) is
recorded in `viewpoint_reminders`, so a second run the same day sends nothing new, and a
viewpoint that becomes overdue later that day is still sent, once.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from councilportal.answering.reminders import reminders_due
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


def send_overdue_reminders(session: Session, today: date) -> ReminderReport:
    """Queue today's reminders; the caller commits (the mail and the record of it go together)."""
    overdue = list(session.scalars(
        sa.select(Viewpoint).where(overdue_condition(today)).order_by(Viewpoint.deadline, Viewpoint.id)
    ))
    already_sent = {(row.viewpoint_id, row.user_id) for row in session.execute(
        sa.select(ViewpointReminder.viewpoint_id, ViewpointReminder.user_id).where(ViewpointReminder.sent_on == today)
    )}
    due = reminders_due(session, overdue, already_sent)

    for manager, viewpoints in due.items():
        queue_mail(
            session, recipient=manager.email, locale=manager.locale, template="viewpoint_overdue",
            kind="viewpoint_overdue", manager=manager, today=today,
            viewpoints=[(viewpoint, absolute_url("viewpoints.detail", viewpoint_id=viewpoint.id))
                        for viewpoint in viewpoints],
            list_link=absolute_url("viewpoint_lists.assigned", overdue="y"),
        )
    if due:
        session.execute(sa.insert(ViewpointReminder), [
            {"viewpoint_id": viewpoint.id, "user_id": manager.id, "sent_on": today}
            for manager, viewpoints in due.items() for viewpoint in viewpoints
        ])
    session.flush()
    return ReminderReport(mails=len(due), viewpoints=len({v.id for vs in due.values() for v in vs}))
