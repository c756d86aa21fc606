"""Viewpoints on meeting agendas: the coordinator's link, and the open matters that carry forward."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.errors import DomainError
from councilportal.meetings.models import AgendaItem, MeetingState
from councilportal.timeutil import now_utc
from councilportal.viewpoints import agenda
from councilportal.viewpoints.models import AgendaViewpoint, EventKind, ViewpointEvent, ViewpointState, Visibility
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


@pytest.fixture
def viewpoint(session, world):
    return make_viewpoint(session, world.council, world.user_organisation, world.representative,
                          state=ViewpointState.RECEIVED, title="Längre öppettider på träffpunkten")


@pytest.fixture
def meeting(session, world):
    return make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=3)


def events_of(session, viewpoint) -> list[ViewpointEvent]:
    return list(session.scalars(sa.select(ViewpointEvent).where(ViewpointEvent.viewpoint_id == viewpoint.id)
                                .order_by(ViewpointEvent.id)))


def test_a_viewpoint_put_on_an_item_shows_there_and_in_its_timeline(session, world, viewpoint, meeting):
    item = meeting.agenda_items[1]
    sequence_before = meeting.sequence

    agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, item)
    session.commit()

    assert agenda.viewpoints_by_agenda_item(session, meeting, world.representative) == {item.id: [viewpoint]}
    assert agenda.agenda_places(session, viewpoint) == [item]
    last = events_of(session, viewpoint)[-1]
    assert (last.kind, last.actor_id) == (EventKind.PUT_ON_AGENDA, world.coordinator.id)
    assert item.title in last.text and meeting.title in last.text
    assert meeting.sequence == sequence_before + 1, "members' calendars learn that the agenda changed"


def test_taking_it_off_again_is_in_the_timeline_too(session, world, viewpoint, meeting):
    item = meeting.agenda_items[0]
    agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, item)
    agenda.take_viewpoint_off_agenda(session, world.coordinator, viewpoint, item)
    session.commit()

    assert agenda.agenda_places(session, viewpoint) == []
    assert [event.kind for event in events_of(session, viewpoint)][-2:] == [
        EventKind.PUT_ON_AGENDA, EventKind.REMOVED_FROM_AGENDA]


def test_only_the_councils_coordinators_and_admins_change_the_agenda(session, world, viewpoint, meeting):
    for person in (world.representative, world.manager, world.outsider):
        with pytest.raises(DomainError):
            agenda.put_viewpoint_on_agenda(session, person, viewpoint, meeting.agenda_items[0])
    agenda.put_viewpoint_on_agenda(session, world.admin, viewpoint, meeting.agenda_items[0])


def test_an_item_of_another_councils_meeting_is_refused(session, world, viewpoint):
    elsewhere = make_meeting(session, world.public_council, items=1)
    with pytest.raises(DomainError, match="annat råd"):
        agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, elsewhere.agenda_items[0])
    assert session.scalar(sa.select(sa.func.count()).select_from(AgendaViewpoint)) == 0


@pytest.mark.parametrize("state", [MeetingState.HELD, MeetingState.MINUTES_APPROVED, MeetingState.CANCELLED])
def test_the_agenda_of_a_held_or_cancelled_meeting_is_closed(session, world, viewpoint, state):
    meeting = make_meeting(session, world.council, state=state, items=1,
                           starts_at=now_utc() - timedelta(days=3))
    with pytest.raises(DomainError, match="inte längre ändras"):
        agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, meeting.agenda_items[0])


def test_a_viewpoint_stands_once_on_a_meetings_agenda(session, world, viewpoint, meeting):
    agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, meeting.agenda_items[0])
    with pytest.raises(DomainError, match="redan"):
        agenda.put_viewpoint_on_agenda(session, world.coordinator, viewpoint, meeting.agenda_items[2])


def test_a_withdrawn_viewpoint_is_not_put_on_an_agenda(session, world, meeting):
    withdrawn = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.WITHDRAWN)
    with pytest.raises(DomainError, match="tillbakadragen"):
        agenda.put_viewpoint_on_agenda(session, world.coordinator, withdrawn, meeting.agenda_items[0])


def test_taking_off_a_viewpoint_that_is_not_there_is_refused(session, world, viewpoint, meeting):
    with pytest.raises(DomainError):
        agenda.take_viewpoint_off_agenda(session, world.coordinator, viewpoint, meeting.agenda_items[0])


def test_unanswered_viewpoints_carry_forward_until_answered(session, world, meeting):
    make = lambda state, **kw: make_viewpoint(session, world.council, world.user_organisation,  # noqa: E731
                                              world.representative, state=state, **kw)
    submitted, received, in_progress = (make(ViewpointState.SUBMITTED), make(ViewpointState.RECEIVED),
                                        make(ViewpointState.IN_PROGRESS))
    for state in (ViewpointState.ANSWERED, ViewpointState.CLOSED, ViewpointState.WITHDRAWN):
        make(state)
    make_viewpoint(session, world.public_council, world.user_organisation, world.representative)

    assert agenda.unanswered_viewpoints_for(session, meeting) == [submitted, received, in_progress]

    agenda.put_viewpoint_on_agenda(session, world.coordinator, received, meeting.agenda_items[0])
    next_meeting = make_meeting(session, world.council, items=1, starts_at=meeting.starts_at + timedelta(days=30))
    assert agenda.unanswered_viewpoints_for(session, meeting) == [submitted, in_progress]
    assert agenda.unanswered_viewpoints_for(session, next_meeting) == [submitted, received, in_progress], \
        "still unanswered after being discussed, so the next meeting offers it again"


def test_the_items_offered_are_those_of_the_councils_coming_open_meetings(session, world, viewpoint):
    coming = make_meeting(session, world.council, items=2)
    make_meeting(session, world.council, state=MeetingState.CANCELLED, items=1)
    make_meeting(session, world.council, state=MeetingState.HELD, items=1, starts_at=now_utc() - timedelta(days=9))
    make_meeting(session, world.public_council, items=1)

    assert agenda.open_agendas(session, viewpoint) == [(coming, coming.agenda_items)]


def test_people_see_on_an_agenda_only_the_viewpoints_they_may_see(session, world, meeting):
    restricted = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                                visibility=Visibility.RESTRICTED, state=ViewpointState.RECEIVED)
    agenda.put_viewpoint_on_agenda(session, world.coordinator, restricted, meeting.agenda_items[0])
    session.commit()

    assert agenda.viewpoints_by_agenda_item(session, meeting, world.coordinator) != {}
    assert agenda.viewpoints_by_agenda_item(session, meeting, world.representative) != {}, "their own organisation's"
    assert agenda.viewpoints_by_agenda_item(session, meeting, world.manager) == {}
    assert agenda.viewpoints_by_agenda_item(session, meeting, None) == {}


def test_the_item_kept_for_viewpoints_is_suggested():
    items = [AgendaItem(position=1, title="Mötets öppnande"),
             AgendaItem(position=2, title="Synpunkter från brukarorganisationerna"),
             AgendaItem(position=3, title="Övriga frågor")]
    assert agenda.suggested_item(items) is items[1]
    assert agenda.suggested_item([items[0], items[2]]) is items[2], "else the last item, usually Övriga frågor"
    assert agenda.suggested_item([]) is None
