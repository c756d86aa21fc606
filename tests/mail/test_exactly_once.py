"""Each message is sent once, however many senders run at the same moment, and a message whose
sender died is sent later by another. Counted on a real SMTP server."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal import create_app
from councilportal.accounts.services import invite_person
from councilportal.extensions import db
from councilportal.mail.backends import SmtpBackend
from councilportal.mail.models import OutboxMessage
from councilportal.mail.services import claim_next_message, deliver_as_configured, deliver_outbox
from councilportal.timeutil import now_utc
from tests.conftest import app_config
from tests.mail.test_outbox import CLAIM, smtp_server  # noqa: F401  (the fixture)

WAITING = 12


class MeetingBackend(SmtpBackend):
    """Real SMTP, but the first send of each sender waits until every sender is sending: two
    senders that picked the same message would then both send it, whatever the timing."""

    def __init__(self, port: int, everyone_sending: threading.Barrier):
        super().__init__("127.0.0.1", port, timeout=10)
        self.everyone_sending = everyone_sending
        self.first = True

    def send(self, recipient: str, message: bytes, message_id: int) -> None:
        if self.first:
            self.first = False
            self.everyone_sending.wait()
        super().send(recipient, message, message_id)


def queue_invitations(app, count: int) -> set[str]:
    with app.app_context():
        recipients = {f"person{number}@example.se" for number in range(count)}
        for recipient in sorted(recipients):
            invite_person(db.session, None, email=recipient, name=recipient)
        db.session.commit()
    return recipients


def send_at_once(hosts, port: int) -> list:
    """Each host (an app with its own connection pool) delivers the outbox in its own thread;
    all start together and meet again at their first send."""
    start_together = threading.Barrier(len(hosts), timeout=20)
    everyone_sending = threading.Barrier(len(hosts), timeout=20)
    reports: list = [None] * len(hosts)

    def sender(index: int, host) -> None:
        with host.app_context():
            start_together.wait()
            backend = MeetingBackend(port, everyone_sending)
            reports[index] = deliver_outbox(db.session, backend, max_attempts=3, claim_for=CLAIM)

    threads = [threading.Thread(target=sender, args=(index, host)) for index, host in enumerate(hosts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return reports


def assert_each_delivered_once(smtp_server, recipients: set[str]) -> None:  # noqa: F811
    delivered = Counter(received["X-RcptTo"] for received in smtp_server.inbox.messages)
    assert sum(delivered.values()) == len(recipients), f"{sum(delivered.values())} delivered: {delivered}"
    assert set(delivered) == recipients and set(delivered.values()) == {1}


@pytest.mark.postgres_only
def test_two_senders_at_once_on_postgresql_deliver_each_message_once(pg_app, postgres_url, tmp_path,
                                                                     smtp_server):  # noqa: F811
    second = create_app(app_config(postgres_url, tmp_path))
    recipients = queue_invitations(pg_app, WAITING)

    reports = send_at_once([pg_app, second], smtp_server.port)

    assert_each_delivered_once(smtp_server, recipients)
    assert sorted(report.sent for report in reports) != [0, WAITING], "both senders took part"
    assert sum(report.sent for report in reports) == WAITING
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.sent_at.is_(None))) == 0
    with second.app_context():
        db.engine.dispose()


def test_two_senders_at_once_on_this_database_deliver_each_message_once(make_app, smtp_server):  # noqa: F811
    first, second = make_app(), make_app()
    recipients = queue_invitations(first, WAITING)

    reports = send_at_once([first, second], smtp_server.port)

    assert_each_delivered_once(smtp_server, recipients)
    assert sum(report.sent for report in reports) == WAITING


def test_hosts_that_deliver_at_the_end_of_requests_send_each_message_once(make_app, smtp_server):  # noqa: F811
    settings = {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server.port,
                "MAIL_DELIVER_IMMEDIATELY": True}
    hosts = [make_app(**settings), make_app(**settings)]
    recipients = queue_invitations(hosts[0], WAITING)
    start_together = threading.Barrier(len(hosts), timeout=20)

    def deliver(host) -> None:
        with host.app_context():
            start_together.wait()
            deliver_as_configured(db.session, host.config)

    threads = [threading.Thread(target=deliver, args=(host,)) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert_each_delivered_once(smtp_server, recipients)


def test_a_message_held_by_a_sender_that_died_is_sent_once_its_claim_runs_out(app, smtp_server):  # noqa: F811
    [recipient] = queue_invitations(app, 1)
    backend = SmtpBackend("127.0.0.1", smtp_server.port)
    with app.app_context():
        held = claim_next_message(db.session, now_utc(), max_attempts=3, claim_for=CLAIM)
        assert held is not None
        # The sender that holds it dies here, before sending or saying so.
        assert deliver_outbox(db.session, backend, max_attempts=3, claim_for=CLAIM).sent == 0, \
            "another sender leaves a held message alone"
        assert held.next_attempt_at >= now_utc() + CLAIM - timedelta(minutes=1)

        db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=now_utc() - timedelta(seconds=1)))
        db.session.commit()  # the claim has run out
        assert deliver_outbox(db.session, backend, max_attempts=3, claim_for=CLAIM).sent == 1
        assert db.session.scalar(sa.select(OutboxMessage.attempts)) == 2, "the lost attempt counts"
    assert_each_delivered_once(smtp_server, {recipient})


@pytest.mark.postgres_only
def test_a_sender_passes_over_a_message_another_is_claiming_at_this_instant(pg_app):
    queue_invitations(pg_app, 2)
    with pg_app.app_context(), db.engine.connect() as other_sender:
        first_id = other_sender.scalar(
            sa.select(OutboxMessage.id).order_by(OutboxMessage.id).limit(1).with_for_update())
        # Waiting for the other sender's lock would fail at once rather than hang the test.
        db.session.execute(sa.text("SET LOCAL lock_timeout = '1ms'"))
        claimed = claim_next_message(db.session, now_utc(), max_attempts=3, claim_for=CLAIM)
        assert claimed is not None and claimed.id != first_id
        other_sender.rollback()
