"""Compensation rules, claims, their attachments and audit trail, and the payroll identifier of a person.

Every amount is an integer number of öre: exact, and summed in SQL.
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.extensions import Base
from councilportal.meetings.models import Meeting
from councilportal.organisations.models import Organisation
from councilportal.timeutil import now_utc
from councilportal.uploads import UploadedFile


class RuleKind(enum.Enum):
    PER_MEETING = "per_meeting"
    HOURLY = "hourly"


class CompensationRule(Base):
    """How a council pays its representatives from `valid_from` until the next rule's date."""

    __tablename__ = "compensation_rules"
    __table_args__ = (
        sa.UniqueConstraint("council_id", "valid_from"),
        sa.CheckConstraint("meeting_fee_ore >= 0 AND first_hour_ore >= 0 AND half_hour_ore >= 0 "
                           "AND km_rate_ore >= 0", name="amounts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id", ondelete="CASCADE"))
    valid_from: Mapped[date]
    kind: Mapped[RuleKind]
    meeting_fee_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    first_hour_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    half_hour_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    km_rate_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    council: Mapped[Council] = relationship(lazy="joined")


class ClaimState(enum.Enum):
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class TravelKind(enum.Enum):
    NONE = "none"
    KM = "km"
    TICKET = "ticket"


class CompensationClaim(Base):
    """A representative's claim for one meeting they attended: the fee by the council's rule,
    travel and lost income. The meeting's times are kept as they were when the fee was computed,
    so a later change of the meeting or its attendance shows on the approved claim."""

    __tablename__ = "compensation_claims"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "user_id"),
        sa.Index("ix_compensation_claims_council_state_month", "council_id", "state", "month"),
        sa.CheckConstraint("travel_km >= 0 AND ticket_ore >= 0 AND lost_income_ore >= 0 AND fee_ore >= 0 "
                           "AND travel_ore >= 0", name="amounts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(sa.ForeignKey("councils.id"))
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    rule_id: Mapped[int] = mapped_column(sa.ForeignKey("compensation_rules.id"), index=True)
    state: Mapped[ClaimState] = mapped_column(default=ClaimState.SUBMITTED)
    # The first day of the meeting's month (Swedish date): the report's period, grouped in SQL.
    month: Mapped[date]
    meeting_starts_at: Mapped[datetime]
    meeting_ends_at: Mapped[datetime]
    fee_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    travel_kind: Mapped[TravelKind] = mapped_column(default=TravelKind.NONE)
    travel_km: Mapped[int] = mapped_column(default=0)
    ticket_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    travel_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    lost_income_ore: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    submitted_at: Mapped[datetime] = mapped_column(default=now_utc)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    council: Mapped[Council] = relationship(lazy="joined")
    meeting: Mapped[Meeting] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined", foreign_keys=[user_id])
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    rule: Mapped[CompensationRule] = relationship(lazy="joined")
    attachments: Mapped[list["ClaimAttachment"]] = relationship(
        back_populates="claim", lazy="selectin", order_by="ClaimAttachment.id", cascade="all, delete-orphan")
    events: Mapped[list["CompensationEvent"]] = relationship(
        back_populates="claim", lazy="raise_on_sql", order_by="CompensationEvent.id")

    @property
    def total_ore(self) -> int:
        return self.fee_ore + self.travel_ore + self.lost_income_ore


class AttachmentPurpose(enum.Enum):
    RECEIPT = "receipt"
    EMPLOYER_STATEMENT = "employer_statement"


class ClaimAttachment(UploadedFile, Base):
    """A travel receipt or the employer's statement of lost income."""

    __tablename__ = "compensation_claim_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("compensation_claims.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[AttachmentPurpose]

    claim: Mapped[CompensationClaim] = relationship(back_populates="attachments", lazy="raise_on_sql")


class EventKind(enum.Enum):
    RULE_ADDED = "rule_added"
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    RETURNED = "returned"
    APPROVED = "approved"
    PAYROLL_ID_SET = "payroll_id_set"


class CompensationEvent(Base):
    """The audit trail: every change of a rule, a claim or a payroll identifier (who, when, what)."""

    __tablename__ = "compensation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(sa.ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("compensation_claims.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    kind: Mapped[EventKind]
    text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    claim: Mapped[CompensationClaim | None] = relationship(back_populates="events", lazy="raise_on_sql")
    actor: Mapped[User | None] = relationship(lazy="joined")


class PayrollIdentity(Base):
    """The identifier the municipality's payroll knows a person by: an employee number or an e-mail
    address, never a personnummer."""

    __tablename__ = "payroll_identities"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    identifier: Mapped[str] = mapped_column(sa.String(100))
    updated_at: Mapped[datetime] = mapped_column(default=now_utc, onupdate=now_utc)
