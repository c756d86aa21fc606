"""Two people acting at the same instant, on real PostgreSQL connections, without guessing at timing.

Each party runs in its own thread and app context, so on its own connection. `Race.run` makes the
collision the tests are about: the first writes and then holds its transaction open until the second
has begun its own write and waits in the database for a lock the first holds (or has finished without
waiting); only then does the first commit. An error other than a broken rule is raised in the test,
with the thread's own traceback.
"""

import threading
import time
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from councilportal.errors import DomainError
from councilportal.extensions import db

TIMEOUT_SECONDS = 20
# Is a session waiting for a lock that the given backend holds? pg_locks is read afresh by every query.
WAITS_FOR = sa.text("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND :pid = ANY(pg_blocking_pids(pid)))")


def run_in_threads(app: Flask, **parties: Callable[[Session], object]) -> dict[str, object]:
    """Run each party's work(session) in its own thread and commit it. Returns what each returned, or the
    DomainError it raised; any other error in a thread is raised here, and so is a thread that hangs."""
    results: dict[str, object] = {}
    failures: dict[str, BaseException] = {}

    def run(name: str, work: Callable[[Session], object]) -> None:
        try:
            with app.app_context():
                try:
                    results[name] = work(db.session)
                    db.session.commit()
                except DomainError as error:
                    db.session.rollback()
                    results[name] = error
        except BaseException as error:  # handed to the test's own thread below
            failures[name] = error

    threads = [threading.Thread(target=run, args=(name, work), name=name) for name, work in parties.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT_SECONDS)
    hanging = [thread.name for thread in threads if thread.is_alive()]
    for name, error in failures.items():
        error.add_note(f"(raised in the thread of {name!r}; the others: {results})")
        raise error
    assert not hanging, f"{hanging} did not finish within {TIMEOUT_SECONDS} s; the others: {results}"
    return results


class Race:
    """`run(first, second)`: first(session, written) calls written() after its write; second(session, go)
    calls go() just before its own write. Returns {"first": …, "second": …} as `run_in_threads` does."""

    def __init__(self, app: Flask):
        self.app = app
        self._first_has_written = threading.Event()
        self._second_is_writing = threading.Event()
        self._second_has_finished = threading.Event()

    def run(self, first: Callable[[Session, Callable[[], None]], object],
            second: Callable[[Session, Callable[[], None]], object]) -> dict[str, object]:
        def first_party(session: Session) -> object:
            return first(session, lambda: self._hold_until_the_second_waits(session))

        def second_party(session: Session) -> object:
            try:
                return second(session, self._wait_for_the_first)
            finally:
                self._second_has_finished.set()

        return run_in_threads(self.app, first=first_party, second=second_party)

    def _wait_for_the_first(self) -> None:
        assert self._first_has_written.wait(TIMEOUT_SECONDS), "the first never wrote"
        self._second_is_writing.set()

    def _hold_until_the_second_waits(self, session: Session) -> None:
        holder = session.scalar(sa.text("SELECT pg_backend_pid()"))
        self._first_has_written.set()
        assert self._second_is_writing.wait(TIMEOUT_SECONDS), "the second never began to write"
        deadline = time.monotonic() + TIMEOUT_SECONDS
        with db.engine.connect() as watcher:
            while not self._second_has_finished.is_set():
                if watcher.scalar(WAITS_FOR, {"pid": holder}):
                    return
                watcher.rollback()
                assert time.monotonic() < deadline, "the second neither waited for the first's lock nor finished"
                time.sleep(0.01)
