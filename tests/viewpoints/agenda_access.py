"""Access to putting viewpoints on meeting agendas and taking them off, for every role."""

from councilportal.meetings.models import MeetingState
from councilportal.viewpoints.models import AgendaViewpoint, ViewpointState
from tests.access import FORBIDDEN, NOT_FOUND, REDIRECT, RouteCase, signed_in
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint

RUNNERS_SENT_BACK = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)


def _viewpoint_and_item(world, session, *, linked: bool):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED)
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=2)
    item = meeting.agenda_items[0]
    if linked:
        session.add(AgendaViewpoint(agenda_item_id=item.id, viewpoint_id=viewpoint.id))
        session.flush()
    return viewpoint, item


# The form posted to put_url: the URL builder fills in the agenda item it makes.
PUT_FORM: dict[str, str] = {}


def put_url(world, session):
    viewpoint, item = _viewpoint_and_item(world, session, linked=False)
    PUT_FORM["agenda_item_id"] = str(item.id)
    return f"/viewpoints/{viewpoint.id}/agenda"


def remove_url(world, session):
    viewpoint, item = _viewpoint_and_item(world, session, linked=True)
    return f"/viewpoints/{viewpoint.id}/agenda/{item.id}/remove"


def take_up_all_url(world, session):
    _viewpoint, item = _viewpoint_and_item(world, session, linked=False)
    PUT_FORM["agenda_item_id"] = str(item.id)
    return f"/meetings/{item.meeting_id}/agenda/unanswered"


CASES = [
    RouteCase("viewpoint_agenda.put_on_agenda", put_url, RUNNERS_SENT_BACK, method="POST", data=PUT_FORM),
    RouteCase("viewpoint_agenda.put_on_agenda", lambda w, s: "/viewpoints/999999/agenda",
              signed_in(NOT_FOUND), method="POST", data={"agenda_item_id": "1"}, name="unknown viewpoint"),
    RouteCase("viewpoint_agenda.take_off_agenda", remove_url, RUNNERS_SENT_BACK, method="POST"),
    RouteCase("viewpoint_agenda.put_unanswered_on_agenda", take_up_all_url, RUNNERS_SENT_BACK, method="POST",
              data=PUT_FORM),
]
