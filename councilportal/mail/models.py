from datetime import datetime
from email import message_from_string, policy
from email.message import EmailMessage

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from councilportal.extensions import Base
from councilportal.timeutil import now_utc


class OutboxMessage(Base):
    """One e-mail to one recipient, stored whole (RFC 5322) until it is delivered."""

    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_messages_pending", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    next_attempt_at: Mapped[datetime] = mapped_column(default=now_utc)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    sent_at: Mapped[datetime | None]

    def as_email(self) -> EmailMessage:
        return message_from_string(self.message, policy=policy.default)

    def text(self) -> str:
        """The plain-text body, decoded."""
        return self.as_email().get_body(("plain",)).get_content()
