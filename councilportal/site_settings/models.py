from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from councilportal.extensions import Base
from councilportal.timeutil import now_utc

ONLY_ROW = 1


class SiteSettings(Base):
    """One row: what makes the portal the municipality's own. No row yet means the portal's defaults."""

    __tablename__ = "site_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_name: Mapped[str] = mapped_column(sa.String(200), default="")
    # "#rrggbb", checked for 4.5:1 contrast against white; empty keeps the portal's own colours.
    accent_colour: Mapped[str] = mapped_column(sa.String(7), default="")
    # Read only by the logo's own address, never with the row on every page.
    logo: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    logo_mimetype: Mapped[str] = mapped_column(sa.String(40), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    contact_address: Mapped[str] = mapped_column(sa.String(300), default="")
    feedback_url: Mapped[str] = mapped_column(sa.String(500), default="")
    statement_reviewed_on: Mapped[date | None]
    # Raised on every save: the logo's and the stylesheet's addresses carry it, so browsers fetch them anew.
    revision: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc)

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_mimetype)
