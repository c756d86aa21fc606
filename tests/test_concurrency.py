"""Rules that must hold when two people act at the same instant, on real PostgreSQL connections.

`make test` runs them in its PostgreSQL pass, against TEST_DATABASE_URL; run alone without it, they use
a database of their own on the local PostgreSQL server.
"""

import threading
from datetime import date

import sqlalchemy as sa

from councilportal.accounts import services as account_services
from councilportal.accounts.models import TokenPurpose, User
from councilportal.councils import services as council_services
from councilportal.councils.models import Council, Membership, MembershipRole, Seat
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.organisations.models import Organisation, OrganisationKind
from tests.concurrency import TIMEOUT_SECONDS, Race, run_in_threads
from tests.factories import make_council, make_organisation, make_user


def test_two_coordinators_cannot_both_take_the_last_seat(pg_app):
    with pg_app.app_context():
        municipality = make_organisation(db.session, kind=OrganisationKind.MUNICIPALITY)
        rsmh = make_organisation(db.session)
        council = make_council(db.session, municipality, ordinary_seats_per_organisation=1)
        actor, first, second = make_user(db.session), make_user(db.session), make_user(db.session)
        db.session.commit()
        ids = (council.id, rsmh.id, actor.id, first.id, second.id)

    def add(person_id, write_first):
        def work(session, between):
            council_id, organisation_id, actor_id = ids[:3]
            fields = council_services.MembershipFields(
                organisation=session.get(Organisation, organisation_id), role=MembershipRole.REPRESENTATIVE,
                seat=Seat.ORDINARY, stands_in_for=None, term_start=date(2026, 1, 1), term_end=None)
            if not write_first:
                between()
            membership = council_services.add_membership(
                session, session.get(User, actor_id), session.get(Council, council_id),
                session.get(User, person_id), fields)
            if write_first:
                between()
            return membership.id
        return work

    results = Race(pg_app).run(add(ids[3], write_first=True), add(ids[4], write_first=False))
    assert isinstance(results["first"], int)
    assert isinstance(results["second"], DomainError) and "fyllt sina ordinarie platser" in results["second"].message
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Membership.id))) == 1


def test_a_reset_link_used_twice_at_once_changes_the_password_once(pg_app):
    with pg_app.app_context():
        user = make_user(db.session)
        token = account_services.issue_token(db.session, user, TokenPurpose.PASSWORD_RESET)
        db.session.commit()

    start = threading.Barrier(2, timeout=TIMEOUT_SECONDS)

    def reset(password):
        def work(session):
            start.wait()
            account_services.reset_password(session, token, password)
            return password
        return work

    results = run_in_threads(pg_app, a=reset("första långa lösenordet"), b=reset("andra långa lösenordet"))
    outcomes = sorted(type(result).__name__ for result in results.values())
    assert outcomes == ["DomainError", "str"], results
