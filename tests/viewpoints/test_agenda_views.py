"""The agenda item ↔ viewpoint link through the pages: the viewpoint page, the agenda editor, the meeting page."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.meetings.models import AgendaItem, MeetingState
from councilportal.timeutil import STOCKHOLM, now_utc
from councilportal.viewpoints.models import AgendaViewpoint, ViewpointState, Visibility
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


@pytest.fixture
def viewpoint(session, world):
    return make_viewpoint(session, world.council, world.user_organisation, world.representative,
                          state=ViewpointState.RECEIVED, title="Ledsagning till kvällsaktiviteter")


@pytest.fixture
def meeting(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=3, title="Decembermötet")
    session.commit()
    return meeting


def links(session) -> list[tuple[int, int]]:
    return [tuple(row) for row in session.execute(
        sa.select(AgendaViewpoint.agenda_item_id, AgendaViewpoint.viewpoint_id))]


def test_the_coordinator_puts_a_viewpoint_on_an_agenda_from_its_page(client, auth, session, world, viewpoint, meeting):
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert "Ta upp på ett möte" in page and "Decembermötet" in page
    item = meeting.agenda_items[1]

    response = client.post(f"/viewpoints/{viewpoint.id}/agenda", data={"agenda_item_id": item.id},
                           follow_redirects=True)

    assert response.request.path == f"/viewpoints/{viewpoint.id}"
    assert "står på dagordningen för Decembermötet, punkt 2" in response.text
    assert f'href="/meetings/{meeting.id}#item-{item.id}"' in response.text
    assert links(session) == [(item.id, viewpoint.id)]

    auth.login(world.representative)
    meeting_page = client.get(f"/meetings/{meeting.id}").text
    item_html = re.search(rf'<li id="item-{item.id}">.*?</li>\s*</ul>', meeting_page, re.S).group(0)
    assert viewpoint.reference in item_html and "Ledsagning till kvällsaktiviteter" in item_html


def test_the_agenda_editor_offers_unanswered_viewpoints_and_takes_them_up(client, auth, session, world, viewpoint,
                                                                           meeting):
    answered = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                              state=ViewpointState.ANSWERED, title="Redan besvarad")
    session.commit()
    auth.login(world.coordinator)
    editor = client.get(f"/meetings/{meeting.id}/agenda").text
    assert "Obesvarade synpunkter" in editor and viewpoint.reference in editor
    assert answered.reference not in editor
    item = meeting.agenda_items[2]

    response = client.post(f"/viewpoints/{viewpoint.id}/agenda",
                           data={"agenda_item_id": item.id, "next": f"/meetings/{meeting.id}/agenda#unanswered"})

    assert response.status_code == 302 and response.location == f"/meetings/{meeting.id}/agenda#unanswered"
    editor = client.get(f"/meetings/{meeting.id}/agenda").text
    assert "Obesvarade synpunkter" not in editor, "the only unanswered viewpoint is now on the agenda"
    assert f"/viewpoints/{viewpoint.id}/agenda/{item.id}/remove" in editor

    client.post(f"/viewpoints/{viewpoint.id}/agenda/{item.id}/remove",
                data={"next": f"/meetings/{meeting.id}/agenda"})
    assert links(session) == []
    assert "Obesvarade synpunkter" in client.get(f"/meetings/{meeting.id}/agenda").text


def test_a_next_address_off_the_site_is_ignored(client, auth, world, viewpoint, meeting):
    auth.login(world.coordinator)
    response = client.post(f"/viewpoints/{viewpoint.id}/agenda",
                           data={"agenda_item_id": meeting.agenda_items[0].id, "next": "https://evil.example/"})
    assert response.location == f"/viewpoints/{viewpoint.id}"


def test_bad_choices_get_a_clear_message_and_change_nothing(client, auth, session, world, viewpoint, meeting):
    other_council_meeting = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, items=1)
    session.commit()
    auth.login(world.coordinator)

    not_a_number = client.post(f"/viewpoints/{viewpoint.id}/agenda", data={"agenda_item_id": "punkt två"},
                               follow_redirects=True)
    assert not_a_number.status_code == 200 and "Välj en punkt på dagordningen." in not_a_number.text
    unknown = client.post(f"/viewpoints/{viewpoint.id}/agenda", data={"agenda_item_id": 999999})
    assert unknown.status_code == 404
    elsewhere = client.post(f"/viewpoints/{viewpoint.id}/agenda",
                            data={"agenda_item_id": other_council_meeting.agenda_items[0].id}, follow_redirects=True)
    assert "Punkten hör till ett möte i ett annat råd." in elsewhere.text
    assert links(session) == []


def test_members_of_the_council_cannot_change_the_agenda(client, auth, session, world, viewpoint, meeting):
    auth.login(world.representative)
    response = client.post(f"/viewpoints/{viewpoint.id}/agenda", data={"agenda_item_id": meeting.agenda_items[0].id})
    assert response.status_code == 403
    assert "Ta upp på ett möte" not in client.get(f"/viewpoints/{viewpoint.id}").text
    assert links(session) == []


def test_the_public_sees_only_public_viewpoints_on_a_public_councils_agenda(client, session, world):
    meeting = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, items=1)
    shown = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                           visibility=Visibility.PUBLIC, title="Bättre skyltning", published=True)
    hidden = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                            visibility=Visibility.COUNCIL, title="Rådets interna fråga")
    for viewpoint in (shown, hidden):
        session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[0].id, viewpoint_id=viewpoint.id))
    session.commit()

    page = client.get(f"/meetings/{meeting.id}").text
    assert "Bättre skyltning" in page
    assert "Rådets interna fråga" not in page


def test_the_meeting_page_makes_the_same_queries_with_few_or_many_linked_viewpoints(client, auth, session, world,
                                                                                     meeting, count_queries):
    def link(count: int):
        for _ in range(count):
            viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
            session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[0].id, viewpoint_id=viewpoint.id))
        session.commit()

    auth.login(world.representative)
    link(3)
    with count_queries() as few:
        client.get(f"/meetings/{meeting.id}")
    link(30)
    with count_queries() as many:
        page = client.get(f"/meetings/{meeting.id}").text
    assert page.count('class="tag state-submitted"') == 33
    assert many.count == few.count


def test_the_minutes_show_the_viewpoints_discussed_under_each_item(client, auth, session, world, viewpoint):
    meeting = make_meeting(session, world.council, state=MeetingState.MINUTES_APPROVED, items=2,
                           starts_at=now_utc() - timedelta(days=20))
    session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[1].id, viewpoint_id=viewpoint.id))
    session.commit()

    auth.login(world.representative)
    minutes = client.get(f"/meetings/{meeting.id}/minutes")
    assert minutes.status_code == 200
    item_html = re.search(rf'<li id="minutes-item-{meeting.agenda_items[1].id}">.*?</ul>', minutes.text, re.S)
    assert item_html and viewpoint.reference in item_html.group(0)

    auth.login(world.coordinator)
    assert viewpoint.reference in client.get(f"/meetings/{meeting.id}/minutes/edit").text


def test_the_coordinator_takes_up_every_unanswered_viewpoint_under_one_item_at_once(client, auth, session, world,
                                                                                    viewpoint, meeting):
    second = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.coordinator)
    assert "Sätt alla på dagordningen" in client.get(f"/meetings/{meeting.id}/agenda").text
    item = meeting.agenda_items[2]

    response = client.post(f"/meetings/{meeting.id}/agenda/unanswered", data={"agenda_item_id": item.id},
                           follow_redirects=True)

    assert "2 synpunkter står nu under punkten Punkt 3." in response.text
    assert sorted(links(session)) == sorted([(item.id, viewpoint.id), (item.id, second.id)])


def test_taking_up_all_refuses_an_item_of_another_meeting_and_others_than_coordinators(client, auth, session, world,
                                                                                       viewpoint, meeting):
    other = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1)
    session.commit()
    auth.login(world.representative)
    assert client.post(f"/meetings/{meeting.id}/agenda/unanswered",
                       data={"agenda_item_id": meeting.agenda_items[0].id}).status_code == 403
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/agenda/unanswered",
                           data={"agenda_item_id": other.agenda_items[0].id}, follow_redirects=True)
    assert "Punkten hör inte till det här mötet." in response.text
    assert links(session) == []


def test_the_viewpoint_page_offers_only_meetings_without_it_and_suggests_the_viewpoint_item(client, auth, session,
                                                                                             world, viewpoint, meeting):
    session.add(AgendaViewpoint(agenda_item_id=meeting.agenda_items[0].id, viewpoint_id=viewpoint.id))
    later = make_meeting(session, world.council, state=MeetingState.DRAFT, items=0, title="Januarimötet",
                         starts_at=meeting.starts_at + timedelta(days=35))
    later.agenda_items = [AgendaItem(position=1, title="Mötets öppnande"),
                          AgendaItem(position=2, title="Synpunkter från brukarorganisationerna")]
    session.commit()
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    panel = page[page.index("Ta upp på ett möte"):]
    assert "Januarimötet" in panel and "Decembermötet" not in panel
    assert f'<option value="{later.agenda_items[1].id}" selected>' in panel


def test_the_agenda_item_chooser_names_the_meeting_of_each_item(client, auth, session, world, viewpoint, meeting):
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    options = re.findall(r"<option [^>]*>([^<]*)</option>", page)
    day = meeting.starts_at.astimezone(STOCKHOLM).date().isoformat()
    assert f"1. {meeting.agenda_items[0].title} (Decembermötet, {day})" in options
