"""Two coordinators changing one agenda at the same instant, on real PostgreSQL connections."""

import sqlalchemy as sa

from councilportal.accounts.models import User
from councilportal.extensions import db
from councilportal.meetings import services
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.organisations.models import OrganisationKind
from tests.concurrency import Race
from tests.factories import make_council, make_organisation, make_user
from tests.meetings.factories import make_meeting


def test_two_items_added_at_once_get_their_own_places_and_both_raise_the_sequence(pg_app):
    with pg_app.app_context():
        coordinator = make_user(db.session)
        council = make_council(db.session, make_organisation(db.session, kind=OrganisationKind.MUNICIPALITY),
                               coordinators=[coordinator])
        meeting = make_meeting(db.session, council, state=MeetingState.PUBLISHED, items=2)
        db.session.commit()
        meeting_id, coordinator_id = meeting.id, coordinator.id

    def add(title, write_first):
        def work(session, between):
            coordinator, meeting = session.get(User, coordinator_id), session.get(Meeting, meeting_id)
            if not write_first:
                between()
            services.add_agenda_item(session, coordinator, meeting, services.AgendaItemFields(title=title))
            if write_first:
                between()
            return title
        return work

    results = Race(pg_app).run(add("Budget", write_first=True), add("Lokalfrågan", write_first=False))
    assert results == {"first": "Budget", "second": "Lokalfrågan"}
    with pg_app.app_context():
        positions = db.session.execute(sa.select(AgendaItem.title, AgendaItem.position)
                                       .where(AgendaItem.meeting_id == meeting_id)
                                       .order_by(AgendaItem.position)).all()
        assert [tuple(row) for row in positions] == [("Punkt 1", 1), ("Punkt 2", 2), ("Budget", 3), ("Lokalfrågan", 4)]
        assert db.session.get(Meeting, meeting_id).sequence == 2
