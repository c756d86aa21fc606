"""Brukarrevision: an audit of one unit's service by people with own experience, whose numbered
recommendations the unit answers and the team follows up."""

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.answering.models import Answerable, AnswerColumns, TimelineColumns, rating_range
from councilportal.councils.models import Council
from councilportal.extensions import Base
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc
from councilportal.uploads import UploadedFile


class AuditState(enum.Enum):
    PLANNED = "planned"
    FIELDWORK = "fieldwork"
    REPORT = "report"
    ANSWERED = "answered"
    FOLLOWED_UP = "followed_up"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class RecommendationState(enum.Enum):
    # Written into the report, which is not yet submitted.
    DRAFT = "draft"
    AWAITING_ANSWER = "awaiting_answer"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    FOLLOWED_UP = "followed_up"


class Decision(enum.Enum):
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"


class CarriedOut(enum.Enum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNKNOWN = "unknown"


class Activity(enum.Enum):
    PREPARATION = "preparation"
    INTERVIEWS = "interviews"
    ANALYSIS = "analysis"
    REPORT = "report"
    FEEDBACK_MEETING = "feedback_meeting"


class TimelineKind(enum.Enum):
    COMMISSIONED = "commissioned"
    FIELDWORK_STARTED = "fieldwork_started"
    INTERVIEW_RECORDED = "interview_recorded"
    DOCUMENT_ADDED = "document_added"
    REPORT_SUBMITTED = "report_submitted"
    ASSIGNED = "assigned"
    DEADLINE_SET = "deadline_set"
    INTERIM_ANSWER = "interim_answer"
    FINAL_ANSWER = "final_answer"
    ANSWERED = "answered"
    FOLLOWED_UP = "followed_up"
    ALL_FOLLOWED_UP = "all_followed_up"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    INVITATIONS_SENT = "invitations_sent"
    INTERVIEW_REMOVED = "interview_removed"


class Audit(Base):
    __tablename__ = "audits"
    __table_args__ = (
        sa.CheckConstraint("period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
                           name="period_order"),
        # The list's order, newest first, and its filters.
        sa.Index("ix_audits_created", "created_at", "id"),
        sa.Index("ix_audits_state_created", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    council_id: Mapped[int | None] = mapped_column(sa.ForeignKey("councils.id"), index=True)
    purpose: Mapped[str] = mapped_column(sa.Text)
    themes: Mapped[str] = mapped_column(sa.Text, default="")
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The summary, recommendations, answers and outcomes reach the public once the report is submitted,
    # when the commissioning council is public.
    is_public: Mapped[bool] = mapped_column(default=False)
    state: Mapped[AuditState] = mapped_column(default=AuditState.PLANNED)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    feedback_meeting_at: Mapped[datetime | None]
    feedback_meeting_location: Mapped[str] = mapped_column(sa.String(200), default="")
    # The feedback meeting's iCalendar SEQUENCE: raised when its time or place changes, so calendars update it.
    feedback_meeting_sequence: Mapped[int] = mapped_column(default=0)
    feedback_meeting_invited_at: Mapped[datetime | None]
    report_submitted_at: Mapped[datetime | None]
    followed_up_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    unit: Mapped[Unit] = relationship(lazy="joined")
    council: Mapped[Council | None] = relationship(lazy="joined")
    contact: Mapped[User | None] = relationship(lazy="joined")
    team: Mapped[list["AuditTeamMember"]] = relationship(
        back_populates="audit", order_by="AuditTeamMember.user_id", cascade="all, delete-orphan",
        passive_deletes=True, lazy="selectin",
    )
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="audit", order_by="Recommendation.number", cascade="all, delete-orphan",
        passive_deletes=True, lazy="raise_on_sql",
    )


class AuditTeamMember(Base):
    """A brukarrevisor on the audit team; one of them leads it."""

    __tablename__ = "audit_team_members"

    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)
    is_lead: Mapped[bool] = mapped_column(default=False)

    audit: Mapped[Audit] = relationship(back_populates="team", lazy="raise_on_sql")
    user: Mapped[User] = relationship(lazy="joined")


class AuditInterview(Base):
    """An interview session, as counts only: the people interviewed are never named."""

    __tablename__ = "audit_interviews"
    __table_args__ = (
        sa.CheckConstraint("users >= 0 AND relatives >= 0 AND staff >= 0", name="counts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    # The session's iCalendar SEQUENCE: raised when its time or place changes, so calendars update it.
    sequence: Mapped[int] = mapped_column(default=0)
    invited_at: Mapped[datetime | None]
    users: Mapped[int] = mapped_column(default=0)
    relatives: Mapped[int] = mapped_column(default=0)
    staff: Mapped[int] = mapped_column(default=0)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)


class AuditDocument(UploadedFile, Base):
    """The plan, the interview guide, the final report."""

    __tablename__ = "audit_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), index=True)

    uploaded_by: Mapped[User | None] = relationship(lazy="joined")


class AuditorHours(Base):
    """Hours an auditor spent on one activity of an audit, for compensation (arvode)."""

    __tablename__ = "auditor_hours"
    __table_args__ = (
        sa.CheckConstraint("hours > 0 AND hours <= 24", name="hours_in_a_day"),
        sa.Index("ix_auditor_hours_worked_on_user", "worked_on", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    activity: Mapped[Activity]
    worked_on: Mapped[date]
    hours: Mapped[Decimal] = mapped_column(sa.Numeric(4, 2))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    user: Mapped[User] = relationship(lazy="joined")


class Recommendation(Answerable, Base):
    """A numbered recommendation of the report, answered by the unit and followed up by the team."""

    __tablename__ = "recommendations"
    __table_args__ = (
        sa.UniqueConstraint("audit_id", "number", name="number_in_audit"),
        rating_range(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[RecommendationState] = mapped_column(default=RecommendationState.DRAFT, index=True)
    decision: Mapped[Decision | None]
    carried_out: Mapped[CarriedOut | None]
    followed_up_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    audit: Mapped[Audit] = relationship(back_populates="recommendations", lazy="joined")
    responses: Mapped[list["RecommendationResponse"]] = relationship(
        order_by="RecommendationResponse.id", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise_on_sql",
    )


class RecommendationResponse(AnswerColumns, Base):
    __tablename__ = "recommendation_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id", ondelete="CASCADE"),
                                                   index=True)
    decision: Mapped[Decision | None]


class AuditTimelineEntry(TimelineColumns, Base):
    """One line of an audit's timeline; a line about one recommendation names it."""

    __tablename__ = "audit_timeline"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(sa.ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TimelineKind]


class RecommendationReminder(Base):
    """A manager was reminded of an overdue recommendation on this day."""

    __tablename__ = "recommendation_reminders"
    __table_args__ = (
        sa.UniqueConstraint("recommendation_id", "user_id", "sent_on", name="recommendation_reminded_once_a_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    sent_on: Mapped[date]
