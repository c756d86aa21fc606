"""Two answers at once, on real PostgreSQL connections: the deputy is still called in once."""

import sqlalchemy as sa

from councilportal.accounts.models import User
from councilportal.councils.models import Seat
from councilportal.extensions import db
from councilportal.mail.models import OutboxMessage
from councilportal.meetings import replies, services
from councilportal.meetings.models import MeetingState
from tests.factories import build_world, make_membership, make_user
from tests.meetings.factories import make_meeting
from tests.startpage.test_concurrency import run_together


def test_two_answers_at_once_call_the_deputy_in_once(pg_app):
    with pg_app.app_context():
        world = build_world(db.session)
        deputy = make_user(db.session)
        make_membership(db.session, world.council, deputy, world.user_organisation, seat=Seat.DEPUTY,
                        stands_in_for=world.membership)
        meeting_id = make_meeting(db.session, world.council, state=MeetingState.PUBLISHED).id
        person_id = world.representative.id
        db.session.commit()

    def cannot_come():
        meeting = services.load_meeting(db.session, meeting_id)
        replies.reply_to_meeting(db.session, db.session.get(User, person_id), meeting, False)

    results = run_together(pg_app, cannot_come, cannot_come)
    assert results == {"first": "ok", "second": "ok"}
    with pg_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.kind == "deputy_called_in")) == 1
