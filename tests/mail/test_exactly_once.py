"""Each message is sent once, however many senders run at the same moment, and a message whose
sender died is sent later by another. Counted on a real SMTP server."""

import asyncio
import contextlib
import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from councilportal import create_app
from councilportal.accounts.services import invite_person
from councilportal.extensions import db
from councilportal.mail.backends import SmtpBackend
from councilportal.mail.models import OutboxMessage
from councilportal.mail.services import claim_next_message, deliver_outbox
from councilportal.timeutil import now_utc
from tests.conftest import app_config
from tests.factories import TEST_PASSWORD, make_user
from tests.mail.test_outbox import CLAIM, Inbox, free_port, smtp_server  # noqa: F401  (the fixture)

WAITING = 12


class MeetingInbox(Inbox):
    """Holds the first message until a second one arrives (or a few seconds pass): two senders that
    picked the same message both deliver it then, whatever the timing."""

    def __init__(self):
        super().__init__()
        self.second_arrived: asyncio.Event | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.second_arrived is None:
            self.second_arrived = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.second_arrived.wait(), 5)
        else:
            self.second_arrived.set()
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def meeting_server():
    server = Controller(MeetingInbox(), hostname="127.0.0.1", port=free_port())
    server.start()
    yield server
    server.stop()


def queue_invitations(app, count: int) -> set[str]:
    with app.app_context():
        recipients = {f"waiting{number}@example.se" for number in range(count)}
        for recipient in sorted(recipients):
            invite_person(db.session, None, email=recipient, name=recipient)
        db.session.commit()
    return recipients


def all_at_once(work, parties) -> None:
    """`work(party)` for each party in a thread of its own, all starting together."""
    start_together = threading.Barrier(len(parties), timeout=20)

    def run(party) -> None:
        start_together.wait()
        work(party)

    threads = [threading.Thread(target=run, args=(party,)) for party in parties]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)


def send_at_once(hosts, port: int) -> list:
    """Each host (an app with its own connection pool) delivers the outbox at the same moment."""
    reports = {}

    def deliver(host) -> None:
        with host.app_context():
            reports[host] = deliver_outbox(
                db.session, SmtpBackend("127.0.0.1", port, timeout=10), max_attempts=3, claim_for=CLAIM)

    all_at_once(deliver, hosts)
    return [reports[host] for host in hosts]


def assert_each_delivered_once(server, recipients: set[str]) -> None:
    delivered = Counter(received["X-RcptTo"] for received in server.handler.messages)
    assert sum(delivered.values()) == len(recipients), f"{sum(delivered.values())} delivered: {delivered}"
    assert set(delivered) == recipients and set(delivered.values()) == {1}


@pytest.mark.postgres_only
def test_two_senders_at_once_on_postgresql_deliver_each_message_once(pg_app, postgres_url, tmp_path,
                                                                     meeting_server):
    second = create_app(app_config(postgres_url, tmp_path))
    recipients = queue_invitations(pg_app, WAITING)

    reports = send_at_once([pg_app, second], meeting_server.port)

    assert_each_delivered_once(meeting_server, recipients)
    assert sorted(report.sent for report in reports) != [0, WAITING], "both senders took part"
    assert sum(report.sent for report in reports) == WAITING
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(OutboxMessage.sent_at.is_(None))) == 0
    with second.app_context():
        db.engine.dispose()


def test_two_senders_at_once_on_this_database_deliver_each_message_once(make_app, meeting_server):
    first, second = make_app(), make_app()
    recipients = queue_invitations(first, WAITING)

    reports = send_at_once([first, second], meeting_server.port)

    assert_each_delivered_once(meeting_server, recipients)
    assert sum(report.sent for report in reports) == WAITING


def test_hosts_that_deliver_at_the_end_of_requests_send_each_message_once(make_app, meeting_server):
    settings = {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": meeting_server.port,
                "MAIL_DELIVER_IMMEDIATELY": True}
    hosts = [make_app(**settings), make_app(**settings)]
    recipients = queue_invitations(hosts[0], WAITING)  # waiting since the mail server was down
    with hosts[0].app_context():
        admin_email = make_user(db.session, is_admin=True).email
        db.session.commit()
    clients = [host.test_client() for host in hosts]
    for client in clients:
        client.post("/login", data={"email": admin_email, "password": TEST_PASSWORD})
    statuses = []

    def invite(number: int) -> None:
        response = clients[number].post("/admin/accounts/new", data={
            "name": f"Ny {number}", "email": f"ny{number}@example.se", "unit_id": "0"})
        statuses.append(response.status_code)

    all_at_once(invite, range(len(hosts)))

    assert statuses == [302, 302]
    assert_each_delivered_once(meeting_server, recipients | {"ny0@example.se", "ny1@example.se"})


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
