"""Sign-in rules that must hold when two requests arrive at the same instant, on real PostgreSQL connections."""

from datetime import UTC, datetime, timedelta

import pyotp

from councilportal.accounts import services
from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.extensions import db
from tests.concurrency import Race
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

    def sign_in(claim_first):
        def work(session, between):
            user = session.get(User, user_id)
            if not claim_first:
                between()
            services.verify_second_factor(session, user, code, "10.0.0.1", at=later)
            if claim_first:
                between()
            return "signed in"
        return work

    results = Race(pg_app).run(sign_in(claim_first=True), sign_in(claim_first=False))
    assert results["first"] == "signed in"
    assert isinstance(results["second"], DomainError), results
    assert results["second"].message.startswith("Koden stämmer inte"), results
