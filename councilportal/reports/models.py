from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.extensions import Base
from councilportal.timeutil import now_utc


class AnnualReportDraft(Base):
    """What the coordinator writes for a council's annual report (verksamhetsberättelse) of a year, before
    publishing it; the rest of the report is assembled from the data."""

    __tablename__ = "annual_report_drafts"
    __table_args__ = (sa.UniqueConstraint("council_id", "year", name="council_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id", ondelete="CASCADE"))
    year: Mapped[int]
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    closing: Mapped[str] = mapped_column(sa.Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)


class AnnualReport(Base):
    """A published version of an annual report: a frozen snapshot of what it said on publication, so later
    changes of the data never rewrite it. Each new publication is a new version; earlier ones stay."""

    __tablename__ = "annual_reports"
    __table_args__ = (sa.UniqueConstraint("council_id", "year", "version", name="council_year_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id", ondelete="CASCADE"))
    year: Mapped[int]
    version: Mapped[int]
    introduction: Mapped[str] = mapped_column(sa.Text)
    closing: Mapped[str] = mapped_column(sa.Text)
    # The assembled report (reports.services.assemble_report) as it stood when published.
    content: Mapped[dict] = mapped_column(sa.JSON)
    published_at: Mapped[datetime] = mapped_column(default=now_utc)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)

    council: Mapped[Council] = relationship(lazy="joined")
    published_by: Mapped[User | None] = relationship(lazy="joined")
