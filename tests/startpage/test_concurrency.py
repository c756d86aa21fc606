"""Rules that must hold when two requests arrive at once, on real PostgreSQL connections."""

import threading
import time

from councilportal.accounts.models import User
from councilportal.extensions import db
from councilportal.startpage.services import record_visit
from tests.factories import make_user


def run_together(app, first_action, second_action) -> dict:
    """The first writes and holds its transaction open while the second reaches the database and waits."""
    first_wrote, results = threading.Event(), {}

    def run(name, action):
        with app.app_context():
            if name == "second":
                first_wrote.wait(5)
            try:
                action()
                if name == "first":
                    first_wrote.set()
                    time.sleep(0.5)
                db.session.commit()
                results[name] = "ok"
            except Exception as error:  # noqa: BLE001 (the test reports what failed)
                db.session.rollback()
                results[name] = repr(error)

    threads = [threading.Thread(target=run, args=pair) for pair in (("first", first_action),
                                                                    ("second", second_action))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return results


def test_a_first_visit_in_two_tabs_at_once_keeps_one_mark(pg_app):
    with pg_app.app_context():
        user_id = make_user(db.session).id
        db.session.commit()
    results = run_together(pg_app, lambda: record_visit(db.session, db.session.get(User, user_id)),
                           lambda: record_visit(db.session, db.session.get(User, user_id)))
    assert results == {"first": "ok", "second": "ok"}
