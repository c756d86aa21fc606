"""Writing mail into the outbox, and delivering what waits there."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, g, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from councilportal.mail.backends import MailBackend, backend_from_config
from councilportal.mail.models import OutboxMessage
from councilportal.timeutil import now_utc


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: dict | None = None


def queue_mail(
    session: Session,
    *,
    recipient: str,
    locale: str,
    template: str,
    kind: str,
    attachments: tuple[Attachment, ...] = (),
    alternative: Attachment | None = None,
    **context,
) -> OutboxMessage:
    """Render templates/mail/<template>.txt in the recipient's language and put it in the outbox.

    The template's first line is the subject; the rest is the body. An `alternative` becomes a
    second part of a multipart/alternative body (how calendar clients expect an invitation).
    """
    with force_locale(locale):
        rendered = render_template(f"mail/{template}.txt", **context).lstrip()
    subject, _, body = rendered.partition("\n")
    message = EmailMessage()
    message["Subject"] = subject.strip()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = recipient
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=urlsplit(current_app.config["PORTAL_URL"]).hostname)
    message.set_content(body.strip() + "\n")
    if alternative is not None:
        message.add_alternative(
            alternative.content, maintype=alternative.maintype, subtype=alternative.subtype,
            params=alternative.params or {},
        )
    for attachment in attachments:
        message.add_attachment(
            attachment.content, maintype=attachment.maintype, subtype=attachment.subtype,
            filename=attachment.filename, params=attachment.params or {},
        )
    queued = OutboxMessage(
        recipient=recipient, subject=subject.strip()[:300], kind=kind, message=message.as_string()
    )
    session.add(queued)
    if has_request_context():
        g.mail_queued = True
    return queued


# Failed deliveries wait 1, 2, 4 … minutes before the next attempt, never longer than six hours.
LONGEST_RETRY_DELAY_MINUTES = 6 * 60


def retry_delay(attempts: int) -> timedelta:
    """How long a message waits after its `attempts`-th attempt failed."""
    return timedelta(minutes=min(2 ** (attempts - 1), LONGEST_RETRY_DELAY_MINUTES))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0


def _due(now: datetime, max_attempts: int) -> sa.ColumnElement[bool]:
    return sa.and_(
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
        OutboxMessage.attempts < max_attempts,
    )


def claim_next_message(
    session: Session, now: datetime, max_attempts: int, claim_for: timedelta
) -> OutboxMessage | None:
    """Take the next due message for this sender alone, or None when nothing is due.

    The claim counts an attempt and moves the next attempt past the claim, in one statement that
    is committed before sending: no other sender takes the message while this one holds it, and
    if this one dies the message is simply due again when the claim runs out. PostgreSQL skips
    rows another sender is claiming at this instant; SQLite lets one writer at a time through.
    """
    next_due = (
        sa.select(OutboxMessage.id)
        .where(_due(now, max_attempts))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = session.scalars(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == next_due, _due(now, max_attempts))
        .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=now_utc() + claim_for)
        .returning(OutboxMessage),
        execution_options={"synchronize_session": False, "populate_existing": True},
    ).one_or_none()
    session.commit()
    return claimed


def deliver_outbox(
    session: Session, backend: MailBackend, *, max_attempts: int, claim_for: timedelta, limit: int = 200
) -> DeliveryReport:
    """Send each message that is due, once; a failure stays in the outbox with a later retry time.

    Several senders may run at once (cron runs that overlap, app hosts delivering at the end of
    a request): each message is claimed by one of them before it is sent.
    """
    report = DeliveryReport()
    started = now_utc()
    for _ in range(limit):
        message = claim_next_message(session, started, max_attempts, claim_for)
        if message is None:
            break
        try:
            backend.send(message.recipient, message.message.encode("utf-8"), message.id)
        except (OSError, ValueError) as error:
            message.next_attempt_at = now_utc() + retry_delay(message.attempts)
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            report.failed += 1
        else:
            message.sent_at = now_utc()
            message.last_error = ""
            report.sent += 1
        session.commit()
    return report


def deliver_as_configured(session: Session, config) -> DeliveryReport:
    return deliver_outbox(
        session,
        backend_from_config(config),
        max_attempts=config["MAIL_MAX_ATTEMPTS"],
        claim_for=timedelta(minutes=config["MAIL_CLAIM_MINUTES"]),
    )


@dataclass(frozen=True)
class OutboxState:
    waiting: int
    next_attempt_at: datetime | None
    given_up: int


def outbox_state(session: Session, max_attempts: int) -> OutboxState:
    """What is left unsent: messages waiting for a later attempt, and those no longer tried."""
    unsent = OutboxMessage.sent_at.is_(None)
    still_tried = OutboxMessage.attempts < max_attempts
    waiting, next_attempt_at, given_up = session.execute(
        sa.select(
            sa.func.count().filter(still_tried),
            sa.func.min(OutboxMessage.next_attempt_at).filter(still_tried),
            sa.func.count().filter(sa.not_(still_tried)),
        ).where(unsent)
    ).one()
    return OutboxState(waiting=waiting, next_attempt_at=next_attempt_at, given_up=given_up)
