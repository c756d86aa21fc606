import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from councilportal.extensions import Base
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Belonging to a council can reveal health information: names stay private by default.
    show_name_publicly: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str] = mapped_column(sa.String(8), default="sv")
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id"), index=True)
    calendar_token: Mapped[str] = mapped_column(
        sa.String(64), unique=True, default=new_calendar_token
    )
    # Bumped on password change, deactivation or "sign out everywhere", which ends every sign-in at once.
    session_version: Mapped[int] = mapped_column(default=1)
    # Two-factor sign-in: a secret without `two_factor_enabled_at` is one still being set up.
    two_factor_secret: Mapped[str | None] = mapped_column(sa.String(64))
    two_factor_enabled_at: Mapped[datetime | None]
    # The last 30-second step whose code was accepted: a code is never taken twice.
    two_factor_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    last_login_at: Mapped[datetime | None]

    # Read where a person's unit is shown or decides something, a query by key or none (units are few and
    # usually in the session already). Joined along, it made every statement loading people, which is
    # most of them, a quarter larger in each worker's memory of compiled statements.
    unit: Mapped[Unit | None] = relationship(lazy="select")
    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user",
        foreign_keys="Membership.user_id",
        lazy="select",
    )
    coordinated_councils: Mapped[list["Council"]] = relationship(  # noqa: F821
        secondary="council_coordinators", back_populates="coordinators", lazy="select"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_manager(self) -> bool:
        return self.unit_id is not None

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinated_councils)

    @property
    def roles(self) -> set[str]:
        """The roles that TWO_FACTOR_REQUIRED_ROLES can name."""
        return {role for role, holds in (("admin", self.is_admin), ("coordinator", self.is_coordinator),
                                         ("manager", self.is_manager)) if holds}

    @property
    def has_two_factor(self) -> bool:
        return self.two_factor_enabled_at is not None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class TokenPurpose(enum.Enum):
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


class AccountToken(Base):
    """A single-use, expiring link token; only its hash is stored."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[TokenPurpose]
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    __table_args__ = (sa.Index("ix_login_attempts_email_at", "email", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    remote_address: Mapped[str] = mapped_column(sa.String(64), index=True)
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(default=now_utc)


class SignIn(Base):
    """One browser's sign-in; signing out deletes it, so a copied cookie is worthless afterwards.

    Only a hash of the key in the (signed) session cookie is stored.
    """

    __tablename__ = "sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)


class RecoveryCode(Base):
    """A one-time code for signing in when the authenticator is lost; only its hash is stored."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[datetime | None]


class PasswordResetRequest(Base):
    """Counted like failed sign-ins, so nobody can flood an address with reset mail."""

    __tablename__ = "password_reset_requests"
    __table_args__ = (
        sa.Index("ix_password_reset_requests_email_at", "email", "requested_at"),
        sa.Index("ix_password_reset_requests_address_at", "remote_address", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    remote_address: Mapped[str] = mapped_column(sa.String(64))
    requested_at: Mapped[datetime] = mapped_column(default=now_utc)


class AuditEvent(Base):
    """Security-relevant actions: sign-in, role change, export, erasure."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(64))
    subject_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[str] = mapped_column(sa.Text, default="")

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")
    subject_user: Mapped[User | None] = relationship(foreign_keys=[subject_user_id], lazy="joined")
