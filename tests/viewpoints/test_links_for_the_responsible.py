"""A manager who answers for a council they do not sit in is shown no links to its pages they may not open."""

from councilportal.meetings.models import MeetingState
from councilportal.viewpoints.models import AgendaViewpoint, ViewpointState
from tests.factories import make_user
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


def test_the_responsible_manager_outside_the_council_sees_where_it_is_discussed_without_dead_links(
        client, auth, session, world):
    outside_manager = make_user(session, "Olle Utanför", unit=world.unit)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=outside_manager)
    published = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1, title="Vårmötet")
    draft = make_meeting(session, world.council, items=1, title="Utkast till höstmötet")
    for meeting in (published, draft):
        session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[0].id, viewpoint_id=viewpoint.id))
    session.commit()

    auth.login(outside_manager)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert world.council.name in page and "Vårmötet" in page
    assert f'href="/councils/{world.council.slug}"' not in page
    assert f'href="/meetings/{published.id}' not in page
    assert "Utkast till höstmötet" not in page, "a draft is the coordinators' own until it is published"
    assert client.get(f"/meetings/{published.id}").status_code == 403


def test_a_member_follows_the_links_to_the_council_and_the_meeting(client, auth, session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1)
    session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[0].id, viewpoint_id=viewpoint.id))
    session.commit()

    auth.login(world.representative)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert f'href="/councils/{world.council.slug}"' in page
    assert f'href="/meetings/{meeting.id}#item-' in page
