import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.extensions import Base
from councilportal.organisations.models import Organisation
from councilportal.timeutil import now_utc

council_coordinators = sa.Table(
    "council_coordinators",
    Base.metadata,
    sa.Column("council_id", sa.ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Council(Base):
    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    subject_area: Mapped[str] = mapped_column(sa.String(200), default="")
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    is_public: Mapped[bool] = mapped_column(default=False)
    # Seats per user organisation; None means no limit.
    ordinary_seats_per_organisation: Mapped[int | None]
    deputy_seats_per_organisation: Mapped[int | None]
    # The standard agenda, one item title per line, offered when a meeting's agenda is built.
    agenda_template: Mapped[str] = mapped_column(sa.Text, default="", server_default=sa.text("''"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    owner: Mapped[Organisation] = relationship(lazy="joined")
    # Loaded when shown: who runs a council is asked from the person's side (policies.is_coordinator_of),
    # so pages that load many councils need not load their coordinators.
    coordinators: Mapped[list[User]] = relationship(
        secondary=council_coordinators,
        back_populates="coordinated_councils",
        order_by=User.name,
        lazy="select",
    )
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="council", lazy="raise_on_sql"
    )


class MembershipRole(enum.Enum):
    REPRESENTATIVE = "representative"
    OFFICIAL = "official"


class Seat(enum.Enum):
    ORDINARY = "ordinary"
    DEPUTY = "deputy"


class Membership(Base):
    """A person's seat on a council for an organisation, during a term (mandatperiod)."""

    __tablename__ = "memberships"
    __table_args__ = (
        sa.CheckConstraint("term_end IS NULL OR term_end >= term_start", name="term_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    role: Mapped[MembershipRole]
    seat: Mapped[Seat]
    stands_in_for_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("memberships.id", ondelete="SET NULL"), index=True
    )
    term_start: Mapped[date]
    term_end: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    council: Mapped[Council] = relationship(back_populates="memberships", lazy="joined")
    user: Mapped[User] = relationship(back_populates="memberships", lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    stands_in_for: Mapped["Membership | None"] = relationship(
        remote_side=[id], lazy="joined", join_depth=1
    )

    @hybrid_method
    def is_active_on(self, day: date) -> bool:
        """Sits on the council on `day`, first and last day of the term included.

        On the class it is the same rule as SQL: `.where(Membership.is_active_on(day))`.
        """
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)

    @is_active_on.inplace.expression
    @classmethod
    def _is_active_on_expression(cls, day: date) -> sa.ColumnElement[bool]:
        return sa.and_(cls.term_start <= day, sa.or_(cls.term_end.is_(None), cls.term_end >= day))

    def overlaps(self, start: date, end: date | None) -> bool:
        ends_after_start = self.term_end is None or self.term_end >= start
        starts_before_end = end is None or self.term_start <= end
        return ends_after_start and starts_before_end
