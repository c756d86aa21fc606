"""After an outage of the mail server: the back-off, the last attempt, and what `mail send` reports."""

import re
from datetime import timedelta

import sqlalchemy as sa

from councilportal.accounts.services import invite_person
from councilportal.extensions import db
from councilportal.mail.backends import SmtpBackend
from councilportal.mail.models import OutboxMessage
from councilportal.mail.services import deliver_outbox, retry_delay
from councilportal.timeutil import now_utc
from tests.mail.test_outbox import CLAIM, free_port, smtp_server  # noqa: F401  (the fixture)

MINUTE = timedelta(minutes=1)


def make_due(session) -> None:
    """What the passing of time does to every waiting message."""
    session.execute(sa.update(OutboxMessage).values(next_attempt_at=now_utc() - timedelta(seconds=1)))
    session.commit()


def test_the_back_off_doubles_from_one_minute_and_stops_growing_at_six_hours(session):
    invite_person(session, None, email="a@example.se", name="A")
    session.commit()
    mail_server_down = SmtpBackend("127.0.0.1", free_port(), timeout=2)
    waits = []
    for _ in range(12):
        before = now_utc()
        assert deliver_outbox(session, mail_server_down, max_attempts=20, claim_for=CLAIM).failed == 1
        after = now_utc()
        next_attempt_at = session.scalar(sa.select(OutboxMessage.next_attempt_at))
        # The wait begins somewhere within the attempt; whole minutes tell the steps apart.
        assert before + timedelta(minutes=1) <= next_attempt_at <= after + timedelta(hours=6)
        waits.append(round((next_attempt_at - after) / MINUTE))
        make_due(session)
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]
    assert [retry_delay(attempts) for attempts in (1, 9, 10, 1000)] == [
        MINUTE, 256 * MINUTE, 360 * MINUTE, 360 * MINUTE]


def test_retries_stop_at_the_configured_number_of_attempts(make_app):
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT=2,
                   MAIL_MAX_ATTEMPTS=4)
    runner = app.test_cli_runner()
    with app.app_context():
        invite_person(db.session, None, email="b@example.se", name="B")
        db.session.commit()
        for attempt in range(1, 5):
            result = runner.invoke(args=["mail", "send"])
            assert "failed 1" in result.output, f"attempt {attempt}: {result.output}"
            make_due(db.session)
        result = runner.invoke(args=["mail", "send"])
        assert result.exit_code == 0
        assert "Sent 0, failed 0." in result.output
        assert "1 no longer tried after 4 failed attempts." in result.output
        assert db.session.scalar(sa.select(OutboxMessage.attempts)) == 4


def test_mail_send_after_an_outage_says_what_was_sent_failed_and_waits(make_app, smtp_server):  # noqa: F811
    closed_port = free_port()
    down = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port, MAIL_TIMEOUT=2)
    up = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    with down.app_context():
        for name in ("c", "d", "e"):
            invite_person(db.session, None, email=f"{name}@example.se", name=name)
        db.session.commit()

    during = down.test_cli_runner().invoke(args=["mail", "send"])
    assert during.exit_code == 1
    lines = during.output.splitlines()
    assert lines[0] == "Sent 0, failed 3. The failed ones are left in the outbox."
    assert re.fullmatch(r"3 waiting for a later retry, the next at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", lines[1])

    with up.app_context():
        invite_person(db.session, None, email="f@example.se", name="f")
        db.session.commit()
    before_the_retry = up.test_cli_runner().invoke(args=["mail", "send"])
    assert before_the_retry.exit_code == 0
    assert before_the_retry.output.splitlines() == [
        "Sent 1, failed 0.", lines[1]], "the new one goes, the failed ones wait for their time"

    with up.app_context():
        make_due(db.session)
    after = up.test_cli_runner().invoke(args=["mail", "send"])
    assert after.exit_code == 0
    assert after.output == "Sent 3, failed 0.\n"
    assert len(smtp_server.inbox.messages) == 4
