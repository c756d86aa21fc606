import enum
import uuid
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.councils.models import Council, MembershipRole, Seat
from councilportal.extensions import Base
from councilportal.organisations.models import Organisation
from councilportal.timeutil import now_utc
from councilportal.uploads import UploadedFile


class MeetingState(enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    HELD = "held"
    MINUTES_APPROVED = "minutes_approved"
    CANCELLED = "cancelled"


def new_calendar_uid() -> str:
    """A UID no other installation makes: unique in itself, and named after this site's host (RFC 5545 3.8.4.7)."""
    host = urlsplit(current_app.config["PORTAL_URL"]).hostname or "councilportal"
    return f"{uuid.uuid4()}@{host}"


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.Index("ix_meetings_council_starts", "council_id", "starts_at"),
        # The start page's lists: a council's drafts, or its meetings held but not finished, by date.
        sa.Index("ix_meetings_council_state_starts", "council_id", "state", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(sa.String(300), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The municipality's diarienummer for the meeting.
    case_number: Mapped[str] = mapped_column(sa.String(60), default="")
    state: Mapped[MeetingState] = mapped_column(default=MeetingState.DRAFT)
    # The iCalendar UID, kept for life so calendars update the one event. Meetings made before it was
    # stored keep the UID they were sent with, "meeting-<id>@councilportal".
    calendar_uid: Mapped[str] = mapped_column(sa.String(255), unique=True, default=new_calendar_uid)
    # iCalendar SEQUENCE: raised on every change members should see once published, and on cancel.
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # Raised on every change of the meeting, its agenda or its documents: feeds' LAST-MODIFIED and ETag.
    updated_at: Mapped[datetime] = mapped_column(default=now_utc)
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    minutes_approved_at: Mapped[datetime | None]

    council: Mapped[Council] = relationship(lazy="joined")
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )
    documents: Mapped[list["MeetingDocument"]] = relationship(
        back_populates="meeting",
        order_by="MeetingDocument.uploaded_at, MeetingDocument.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )
    attendances: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )
    minutes_checkers: Mapped[list["MinutesChecker"]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )

    @property
    def uid(self) -> str:
        """The iCalendar UID: the same through every change, so calendars update the one event."""
        return self.calendar_uid

    @property
    def is_draft(self) -> bool:
        return self.state is MeetingState.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.state is MeetingState.CANCELLED


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        sa.CheckConstraint("planned_minutes IS NULL OR planned_minutes > 0", name="planned_minutes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    presenter: Mapped[str] = mapped_column(sa.String(200), default="")
    planned_minutes: Mapped[int | None]
    # The minutes of this item.
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    decision: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items", lazy="select")


class MeetingDocument(UploadedFile, Base):
    """A file attached to a meeting, or to one of its agenda items."""

    __tablename__ = "meeting_documents"
    __table_args__ = (
        # "New since your last visit" on the start page: the documents uploaded after a moment.
        sa.Index("ix_meeting_documents_uploaded", "uploaded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="documents", lazy="select")


class Attendance(Base):
    """Who attended a meeting, in which role and for which organisation (the basis for arvode)."""

    __tablename__ = "attendances"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    role: Mapped[MembershipRole]
    seat: Mapped[Seat | None]

    meeting: Mapped[Meeting] = relationship(back_populates="attendances", lazy="select")
    user: Mapped[User] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class MinutesChecker(Base):
    """A member named to check (justera) the minutes; approved_at is set when they have."""

    __tablename__ = "minutes_checkers"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    approved_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(back_populates="minutes_checkers", lazy="select")
    user: Mapped[User] = relationship(lazy="joined")


class MeetingReply(Base):
    """A member's answer to the invitation: coming or not, changeable until the meeting starts."""

    __tablename__ = "meeting_replies"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)
    coming: Mapped[bool]
    replied_at: Mapped[datetime] = mapped_column(default=now_utc)

    user: Mapped[User] = relationship(lazy="joined")


class DeputyCallIn(Base):
    """An ersättare called in because the ordinarie they stand in for cannot come: one per deputy and meeting,
    so the call-in mail goes out once however often the ordinarie changes their answer."""

    __tablename__ = "deputy_call_ins"

    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    deputy_membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id", ondelete="CASCADE"),
                                                      primary_key=True, index=True)
    called_at: Mapped[datetime] = mapped_column(default=now_utc)
