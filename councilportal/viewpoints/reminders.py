"""Reminders to managers about overdue viewpoints, recorded per viewpoint, manager and day
so that none is sent twice the same day."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from councilportal.extensions import Base


class ViewpointReminder(Base):
    """A manager was reminded of an overdue viewpoint on this day."""

    __tablename__ = "viewpoint_reminders"
    __table_args__ = (sa.UniqueConstraint("viewpoint_id", "user_id", "sent_on", name="once_a_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sent_on: Mapped[date]
