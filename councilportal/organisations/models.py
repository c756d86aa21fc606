import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.extensions import Base
from councilportal.timeutil import now_utc


class OrganisationKind(enum.Enum):
    USER_ORGANISATION = "user_organisation"
    MUNICIPALITY = "municipality"
    REGION = "region"
    OTHER = "other"


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    short_name: Mapped[str] = mapped_column(sa.String(40), default="")
    kind: Mapped[OrganisationKind]
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    units: Mapped[list["Unit"]] = relationship(
        back_populates="organisation", order_by="Unit.name", lazy="raise_on_sql"
    )

    @property
    def can_own_units(self) -> bool:
        return self.kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION)


class Unit(Base):
    """A part of a municipality or region (förvaltning, enhet); managers belong to units."""

    __tablename__ = "units"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "name", name="organisation_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    organisation: Mapped[Organisation] = relationship(back_populates="units", lazy="joined")
    parent: Mapped["Unit | None"] = relationship(remote_side=[id], lazy="joined", join_depth=1)
