"""Sign-in rules that must hold when two requests arrive at the same instant, on real PostgreSQL connections."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pyotp

from councilportal.accounts import services
from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.extensions import db
from tests.factories import make_user

MOMENT = datetime(2026, 11, 27, 9, 0, 15, tzinfo=UTC)


def test_one_code_sent_twice_at_once_signs_in_only_once(pg_app):
    with pg_app.app_context():
        user = make_user(db.session, is_admin=True)
        services.begin_two_factor_setup(db.session, user)
        services.confirm_two_factor_setup(db.session, user, pyotp.TOTP(user.two_factor_secret).at(MOMENT), at=MOMENT)
        db.session.commit()
        user_id, later = user.id, MOMENT + timedelta(minutes=1)
        code = pyotp.TOTP(user.two_factor_secret).at(later)

    first_has_claimed, second_is_claiming = threading.Event(), threading.Event()
    results = {}

    def sign_in(name):
        with pg_app.app_context():
            if name == "second":
                first_has_claimed.wait(5)
                second_is_claiming.set()
            try:
                services.verify_second_factor(db.session, db.session.get(User, user_id), code, "10.0.0.1", at=later)
                if name == "first":
                    first_has_claimed.set()
                    second_is_claiming.wait(5)
                    time.sleep(0.5)  # long enough for the second claim to reach the database and wait there
                db.session.commit()
                results[name] = "signed in"
            except DomainError as error:
                db.session.rollback()
                results[name] = error.message

    threads = [threading.Thread(target=sign_in, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results["first"] == "signed in"
    assert results["second"].startswith("Koden stämmer inte"), results
