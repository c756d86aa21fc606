import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.answering.models import Answerable, AnswerColumns, TimelineColumns, rating_range
from councilportal.councils.models import Council
from councilportal.extensions import Base
from councilportal.meetings.models import AgendaItem
from councilportal.organisations.models import Organisation
from councilportal.timeutil import now_utc
from councilportal.uploads import UploadedFile


class ViewpointState(enum.Enum):
    SUBMITTED = "submitted"
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Visibility(enum.Enum):
    PUBLIC = "public"
    COUNCIL = "council"
    # Coordinators, admins, the responsible unit's managers, the responsible manager and the
    # submitting organisation's representatives on the council.
    RESTRICTED = "restricted"


class EventKind(enum.Enum):
    SUBMITTED = "submitted"
    RECEIVED = "received"
    ASSIGNED = "assigned"
    DEADLINE_SET = "deadline_set"
    COMMENTED = "commented"
    INTERIM_ANSWER = "interim_answer"
    FINAL_ANSWER = "final_answer"
    CLOSED = "closed"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"
    PUT_ON_AGENDA = "put_on_agenda"
    REMOVED_FROM_AGENDA = "removed_from_agenda"
    PUBLISHED = "published"
    PUBLIC_WORDING_CHANGED = "public_wording_changed"
    UNPUBLISHED = "unpublished"
    FOLLOW_UP_ASKED = "follow_up_asked"
    FOLLOW_UP_ANSWERED = "follow_up_answered"


class FollowUpAnswer(enum.Enum):
    """Whether the actions a final answer promised were carried out, as the submitting organisation sees it."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    DONT_KNOW = "dont_know"


class Viewpoint(Answerable, Base):
    """A synpunkt raised by a user organisation to a council, followed until it is closed."""

    __tablename__ = "viewpoints"
    __table_args__ = (
        sa.UniqueConstraint("year", "serial", name="year_serial"),
        rating_range(),
        sa.Index("ix_viewpoints_council_state", "council_id", "state"),
        # The lists' order, newest first: a page of every viewpoint is read from here, not sorted.
        sa.Index("ix_viewpoints_created", "created_at", "id"),
        # The open data API's pages of a council's published viewpoints, in the order they were published.
        sa.Index("ix_viewpoints_council_published", "council_id", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    serial: Mapped[int]
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id"), index=True)
    # An erased person's viewpoints stay, attributed to the organisation.
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    subject: Mapped[str] = mapped_column(sa.String(100), default="")
    visibility: Mapped[Visibility] = mapped_column(default=Visibility.COUNCIL)
    state: Mapped[ViewpointState] = mapped_column(default=ViewpointState.SUBMITTED)
    received_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    # A public viewpoint reaches the public only once a coordinator has confirmed it, in the wording
    # confirmed then; the organisation and the coordinators go on reading what was sent.
    published_at: Mapped[datetime | None]
    public_title: Mapped[str | None] = mapped_column(sa.String(200))
    public_body: Mapped[str | None] = mapped_column(sa.Text)
    # The submitter sent the title or body although it seemed to hold personal data; the coordinators see it.
    personal_data_flagged: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    # A stale write raises StaleDataError, which the workflow turns into ChangedMeanwhile.
    __mapper_args__ = {"version_id_col": version}

    council: Mapped[Council] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id], lazy="joined")
    events: Mapped[list["ViewpointEvent"]] = relationship(
        back_populates="viewpoint",
        order_by="ViewpointEvent.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )
    responses: Mapped[list["ViewpointResponse"]] = relationship(
        back_populates="viewpoint",
        order_by="ViewpointResponse.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )
    attachments: Mapped[list["ViewpointAttachment"]] = relationship(
        back_populates="viewpoint",
        order_by="ViewpointAttachment.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise_on_sql",
    )

    @property
    def reference(self) -> str:
        return f"BR-{self.year}-{self.serial:04d}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ViewpointEvent(TimelineColumns, Base):
    """One line of a viewpoint's timeline: who did what, when."""

    __tablename__ = "viewpoint_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[EventKind]

    viewpoint: Mapped[Viewpoint] = relationship(back_populates="events", lazy="raise_on_sql")


class ViewpointResponse(AnswerColumns, Base):
    """A manager's answer: interim (besked om handläggning) or final (svar)."""

    __tablename__ = "viewpoint_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True
    )

    viewpoint: Mapped[Viewpoint] = relationship(back_populates="responses", lazy="raise_on_sql")


class ViewpointAttachment(UploadedFile, Base):
    __tablename__ = "viewpoint_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True
    )

    viewpoint: Mapped[Viewpoint] = relationship(back_populates="attachments", lazy="raise_on_sql")
    uploaded_by: Mapped[User | None] = relationship(lazy="joined")


class AgendaViewpoint(Base):
    """A viewpoint put on an item of a meeting's agenda, where the council discusses it."""

    __tablename__ = "agenda_viewpoints"

    agenda_item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    viewpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(default=now_utc)

    agenda_item: Mapped[AgendaItem] = relationship(lazy="joined")
    viewpoint: Mapped[Viewpoint] = relationship(lazy="joined")


class ViewpointFollowUp(Base):
    """The check a final answer's follow-up date asks for: were the promised actions carried out?

    One row per final answer that promised a follow-up. `asked_on` is the day its mail was queued (None while
    it waits for the date); `answer` is the organisation's reply. Counting the replies is one GROUP BY on
    `answer` of this table.
    """

    __tablename__ = "viewpoint_follow_ups"
    __table_args__ = (
        # The daily run reads the follow-ups that are due and not yet asked from here.
        sa.Index("ix_viewpoint_follow_ups_due", "asked_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    viewpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("viewpoints.id", ondelete="CASCADE"), index=True)
    # One follow-up per promise: a second run, or two at once, cannot ask twice.
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("viewpoint_responses.id", ondelete="CASCADE"), unique=True
    )
    due_on: Mapped[date]
    asked_on: Mapped[date | None]
    answer: Mapped[FollowUpAnswer | None] = mapped_column(index=True)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    viewpoint: Mapped[Viewpoint] = relationship(lazy="joined")
    response: Mapped[ViewpointResponse] = relationship(lazy="raise_on_sql")
    answered_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def awaits_answer(self) -> bool:
        return self.asked_on is not None and self.answer is None
