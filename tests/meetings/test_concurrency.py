"""Two coordinators changing one agenda at the same instant, on real PostgreSQL connections."""

import threading

import sqlalchemy as sa

from councilportal.accounts.models import User
from councilportal.extensions import db
from councilportal.meetings import services
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.organisations.models import OrganisationKind
from tests.factories import make_council, make_organisation, make_user
from tests.meetings.factories import make_meeting
from tests.test_concurrency import in_thread


def test_two_items_added_at_once_get_their_own_places_and_both_raise_the_sequence(pg_app):
    with pg_app.app_context():
        coordinator = make_user(db.session)
        council = make_council(db.session, make_organisation(db.session, kind=OrganisationKind.MUNICIPALITY),
                               coordinators=[coordinator])
        meeting = make_meeting(db.session, council, state=MeetingState.PUBLISHED, items=2)
        db.session.commit()
        meeting_id, coordinator_id = meeting.id, coordinator.id

    first_has_written = threading.Event()
    second_is_trying = threading.Event()

    def add(session, title, before_commit):
        services.add_agenda_item(session, session.get(User, coordinator_id), session.get(Meeting, meeting_id),
                                 services.AgendaItemFields(title=title))
        before_commit()
        session.commit()
        return title

    def first_adds(session):
        def hold_the_transaction_open():
            first_has_written.set()
            second_is_trying.wait(5)
            threading.Event().wait(0.5)
        return add(session, "Budget", hold_the_transaction_open)

    def second_adds(session):
        first_has_written.wait(5)
        second_is_trying.set()
        return add(session, "Lokalfrågan", lambda: None)

    results = {}
    threads = [in_thread(pg_app, first_adds, results, "first"), in_thread(pg_app, second_adds, results, "second")]
    for thread in threads:
        thread.join(20)
    assert results == {"first": "Budget", "second": "Lokalfrågan"}
    with pg_app.app_context():
        positions = db.session.execute(sa.select(AgendaItem.title, AgendaItem.position)
                                       .where(AgendaItem.meeting_id == meeting_id)
                                       .order_by(AgendaItem.position)).all()
        assert [tuple(row) for row in positions] == [("Punkt 1", 1), ("Punkt 2", 2), ("Budget", 3), ("Lokalfrågan", 4)]
        assert db.session.get(Meeting, meeting_id).sequence == 2
