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

from councilportal.extensions import db
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


def absolute_url(endpoint: str, **values) -> str:
    """A link for a mail, on the configured PORTAL_URL, so mail sent from the CLI links right too."""
    base = urlsplit(current_app.config["PORTAL_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


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


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0


def pending_messages(session: Session, now: datetime, max_attempts: int, limit: int = 200):
    return session.scalars(
        sa.select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.attempts < max_attempts,
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()


def deliver_outbox(session: Session, backend: MailBackend, max_attempts: int) -> DeliveryReport:
    """Try each waiting message once; a failure stays in the outbox with a later retry time.

    Each message is committed on its own, so a crash half-way never sends one twice.
    """
    report = DeliveryReport()
    for message in pending_messages(session, now_utc(), max_attempts):
        message.attempts += 1
        try:
            backend.send(message.recipient, message.message.encode("utf-8"), message.id)
        except (OSError, ValueError) as error:
            # Back off: 1, 2, 4 … minutes, at most six hours.
            message.next_attempt_at = now_utc() + timedelta(minutes=min(2 ** (message.attempts - 1), 360))
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            report.failed += 1
        else:
            message.sent_at = now_utc()
            message.last_error = ""
            report.sent += 1
        session.commit()
    return report


def deliver_after_request_if_configured(app) -> None:
    """With MAIL_DELIVER_IMMEDIATELY, mail queued by a request goes out as soon as it is committed."""

    @app.after_request
    def deliver_queued_mail(response):
        if app.config["MAIL_DELIVER_IMMEDIATELY"] and g.pop("mail_queued", False):
            deliver_outbox(db.session, backend_from_config(app.config), app.config["MAIL_MAX_ATTEMPTS"])
        return response
