import email
import socket
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from councilportal.accounts.services import invite_person
from councilportal.extensions import db
from councilportal.mail.backends import FolderBackend, SmtpBackend
from councilportal.mail.models import OutboxMessage
from councilportal.mail.services import deliver_outbox
from tests.factories import make_user

CLAIM = timedelta(minutes=15)


def deliver(session, backend, max_attempts=3):
    return deliver_outbox(session, backend, max_attempts=max_attempts, claim_for=CLAIM)


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages: list[email.message.Message] = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = inbox
    yield controller
    controller.stop()


def test_mail_is_written_in_the_same_transaction_and_vanishes_with_a_rollback(session):
    invite_person(session, None, email="a@example.se", name="A")
    session.rollback()
    assert session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_the_folder_backend_writes_one_eml_file_per_message(session, tmp_path):
    invite_person(session, None, email="åsa@example.se", name="Åsa Öberg")
    session.commit()
    report = deliver(session, FolderBackend(str(tmp_path / "out")))
    assert (report.sent, report.failed) == (1, 0)
    [written] = (tmp_path / "out").glob("*.eml")
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert message["To"] == "åsa@example.se"
    assert "Hej Åsa Öberg!" in message.get_body(("plain",)).get_content()
    assert deliver(session, FolderBackend(str(tmp_path / "out"))).sent == 0


def test_an_invitation_makes_a_real_smtp_round_trip(make_app, smtp_server):
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port,
                   MAIL_DELIVER_IMMEDIATELY=True, MAIL_SENDER="Portalen <portal@example.se>")
    with app.app_context():
        admin = make_user(db.session, is_admin=True)
        db.session.commit()
        admin_email = admin.email
    client = app.test_client()
    client.post("/login", data={"email": admin_email, "password": "rätt-häst-batteri-häftklammer"})
    response = client.post("/admin/accounts/new", data={"name": "Nils Ny", "email": "nils@example.se", "unit_id": "0"})
    assert response.status_code == 302
    [received] = smtp_server.inbox.messages
    assert received["X-RcptTo"] == "nils@example.se"
    assert received["X-MailFrom"] == "portal@example.se"
    parsed = email.message_from_string(received.as_string(), policy=email.policy.default)
    assert "/invitation/" in parsed.get_body(("plain",)).get_content()
    with app.app_context():
        assert db.session.scalar(sa.select(OutboxMessage.sent_at)) is not None


def test_a_failed_delivery_stays_in_the_outbox_and_is_retried_later(session, smtp_server):
    invite_person(session, None, email="b@example.se", name="B")
    session.commit()
    closed_port = SmtpBackend("127.0.0.1", 1, timeout=2)
    report = deliver(session, closed_port)
    assert (report.sent, report.failed) == (0, 1)
    message = session.scalar(sa.select(OutboxMessage))
    assert message.sent_at is None and message.attempts == 1 and "ConnectionRefusedError" in message.last_error
    assert deliver(session, SmtpBackend("127.0.0.1", smtp_server.port)).sent == 0, \
        "not retried before its back-off time"
    message.next_attempt_at = message.created_at
    session.commit()
    assert deliver(session, SmtpBackend("127.0.0.1", smtp_server.port)).sent == 1
    assert len(smtp_server.inbox.messages) == 1


def test_the_smtp_server_refusing_a_recipient_keeps_the_message(session):
    class Refusing(Inbox):
        async def handle_RCPT(self, server, session_, envelope, address, rcpt_options):
            return "550 no such user"

    refusing = Controller(Refusing(), hostname="127.0.0.1", port=free_port())
    refusing.start()
    try:
        invite_person(session, None, email="c@example.se", name="C")
        session.commit()
        report = deliver(session, SmtpBackend("127.0.0.1", refusing.port))
    finally:
        refusing.stop()
    assert report.failed == 1
    assert "SMTPRecipientsRefused" in session.scalar(sa.select(OutboxMessage.last_error))


def test_the_mail_send_command_delivers_and_reports(app, runner, tmp_path):
    with app.app_context():
        invite_person(db.session, None, email="d@example.se", name="D")
        db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1, failed 0" in result.output
    assert len(list(Path(app.config["MAIL_FOLDER"]).glob("*.eml"))) == 1

