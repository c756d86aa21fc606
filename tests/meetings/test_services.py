import pytest
import sqlalchemy as sa

from councilportal.meetings import services
from councilportal.meetings.models import AgendaItem, Meeting
from tests.meetings.factories import make_meeting


def test_a_meeting_loads_with_its_agenda_in_order(session, world):
    meeting = make_meeting(session, world.council, items=3)
    meeting.agenda_items[0].position = 4
    session.commit()
    session.expunge_all()

    loaded = services.load_meeting(session, meeting.id)

    assert [item.title for item in loaded.agenda_items] == ["Punkt 2", "Punkt 3", "Punkt 1"]
    assert loaded.documents == []
    assert loaded.uid == f"meeting-{meeting.id}@councilportal"


def test_a_meeting_cannot_end_before_it_starts(session, world):
    meeting = make_meeting(session, world.council)
    meeting.ends_at = meeting.starts_at
    with pytest.raises(sa.exc.IntegrityError):
        session.flush()


def test_deleting_a_meeting_takes_its_agenda_with_it(session, world):
    meeting = make_meeting(session, world.council, items=2)
    session.commit()
    session.execute(sa.delete(Meeting).where(Meeting.id == meeting.id))
    session.commit()
    assert session.scalar(sa.select(sa.func.count()).select_from(AgendaItem)) == 0
