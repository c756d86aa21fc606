"""Rules that must hold when two people act at the same instant, on real PostgreSQL connections.

These run in both test passes: against TEST_DATABASE_URL when it is PostgreSQL, and otherwise
against a database of their own on the local PostgreSQL server.
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
from tests.factories import make_council, make_organisation, make_user


def in_thread(app, work, results, name):
    def run():
        with app.app_context():
            try:
                results[name] = work(db.session)
            except DomainError as error:
                db.session.rollback()
                results[name] = error
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_coordinators_cannot_both_take_the_last_seat(pg_app):
    with pg_app.app_context():
        municipality = make_organisation(db.session, kind=OrganisationKind.MUNICIPALITY)
        rsmh = make_organisation(db.session)
        council = make_council(db.session, municipality, ordinary_seats_per_organisation=1)
        actor, first, second = make_user(db.session), make_user(db.session), make_user(db.session)
        db.session.commit()
        ids = (council.id, rsmh.id, actor.id, first.id, second.id)

    first_has_written = threading.Event()
    second_is_trying = threading.Event()

    def add(session, person_id, before_commit):
        council_id, organisation_id, actor_id = ids[:3]
        fields = council_services.MembershipFields(
            organisation=session.get(Organisation, organisation_id), role=MembershipRole.REPRESENTATIVE,
            seat=Seat.ORDINARY, stands_in_for=None, term_start=date(2026, 1, 1), term_end=None)
        membership = council_services.add_membership(
            session, session.get(User, actor_id), session.get(Council, council_id), session.get(User, person_id),
            fields)
        before_commit()
        session.commit()
        return membership.id

    def first_adds(session):
        def hold_the_transaction_open():
            first_has_written.set()
            second_is_trying.wait(5)
            threading.Event().wait(0.5)
        return add(session, ids[3], hold_the_transaction_open)

    def second_adds(session):
        first_has_written.wait(5)
        second_is_trying.set()
        return add(session, ids[4], lambda: None)

    results = {}
    threads = [in_thread(pg_app, first_adds, results, "first"), in_thread(pg_app, second_adds, results, "second")]
    for thread in threads:
        thread.join(20)
    assert isinstance(results["first"], int)
    assert isinstance(results["second"], DomainError) and "fyllt sina ordinarie platser" in results["second"].message
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Membership.id))) == 1


def test_a_reset_link_used_twice_at_once_changes_the_password_once(pg_app):
    with pg_app.app_context():
        user = make_user(db.session)
        token = account_services.issue_token(db.session, user, TokenPurpose.PASSWORD_RESET)
        db.session.commit()

    start = threading.Barrier(2)

    def reset(password):
        def work(session):
            start.wait(5)
            account_services.reset_password(session, token, password)
            session.commit()
            return password
        return work

    results = {}
    threads = [in_thread(pg_app, reset("första långa lösenordet"), results, "a"),
               in_thread(pg_app, reset("andra långa lösenordet"), results, "b")]
    for thread in threads:
        thread.join(20)
    outcomes = sorted(type(result).__name__ for result in results.values())
    assert outcomes == ["DomainError", "str"], results
