"""The columns of something a unit's manager answers — a viewpoint, an audit's recommendation — and of
its answers and timeline, mixed into each domain's own tables."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc


class Outcome(enum.Enum):
    CHANGED = "changed"
    PARTLY_CHANGED = "partly_changed"
    NOT_CHANGED = "not_changed"
    NOT_APPLICABLE = "not_applicable"


def rating_range() -> sa.CheckConstraint:
    return sa.CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range")


class Answerable:
    """Assigned to a unit and/or a manager, answered by a working-day deadline, then given an outcome and
    a rating by those who raised it. The table adds `rating_range()` to its constraints."""

    responsible_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    responsible_manager_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    deadline: Mapped[date | None] = mapped_column(index=True)
    answered_at: Mapped[datetime | None]
    outcome: Mapped[Outcome | None]
    rating: Mapped[int | None]

    @declared_attr
    def responsible_unit(cls) -> Mapped[Unit | None]:
        return relationship(Unit, lazy="joined")

    @declared_attr
    def responsible_manager(cls) -> Mapped[User | None]:
        return relationship(User, foreign_keys=f"{cls.__name__}.responsible_manager_id", lazy="joined")


class AnswerColumns:
    """A manager's answer: interim (besked om handläggning) or final (svar)."""

    manager_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    is_final: Mapped[bool]
    text: Mapped[str] = mapped_column(sa.Text)
    actions: Mapped[str] = mapped_column(sa.Text, default="")
    follow_up_on: Mapped[date | None]
    # An answer given although it seemed to hold personal data.
    personal_data_flagged: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    @declared_attr
    def manager(cls) -> Mapped[User | None]:
        return relationship(User, lazy="joined")


class TimelineColumns:
    """One line of a timeline: who did what (the table's own `kind`), when."""

    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # A comment sent although it seemed to hold personal data.
    personal_data_flagged: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    @declared_attr
    def actor(cls) -> Mapped[User | None]:
        return relationship(User, lazy="joined")
