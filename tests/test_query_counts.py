"""Every page of the region-scale benchmark sends as many SQL statements with a lot of data as with a little.

Each round adds meetings (with agenda items, viewpoints on them and attendance), answered public and
council viewpoints with their timelines, and members to both councils of the world.
"""

import itertools
from datetime import timedelta

import pytest

from councilportal.councils.models import MembershipRole
from councilportal.meetings.models import AgendaItem, Attendance, MeetingState
from councilportal.timeutil import now_utc
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    EventKind,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from tests.factories import make_membership, make_organisation, make_unit, make_user
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint

_numbers = itertools.count(1)


def add_round(session, world, size: int) -> dict:
    """`size` of everything the pages list; returns a public meeting and a viewpoint to open."""
    now = now_utc()
    found = {}
    for council in (world.council, world.public_council):
        for _ in range(size):
            number = next(_numbers)
            organisation = make_organisation(session)
            member = make_user(session, unit=make_unit(session, world.municipality), show_name_publicly=number % 2 == 0)
            make_membership(session, council, member, organisation)
            for past, state in ((True, MeetingState.MINUTES_APPROVED), (False, MeetingState.PUBLISHED)):
                meeting = make_meeting(session, council, state=state, items=3,
                                       starts_at=now + timedelta(days=-number if past else number))
                session.add(Attendance(meeting_id=meeting.id, user_id=member.id, organisation_id=organisation.id,
                                       role=MembershipRole.REPRESENTATIVE))
                found.setdefault(("meeting", council.id), meeting)
            viewpoint = make_viewpoint(session, council, organisation, member, state=ViewpointState.ANSWERED,
                                       visibility=Visibility.PUBLIC, title=f"Fråga om boende {number}",
                                       unit=world.unit, manager=world.manager,
                                       deadline=now.date() - timedelta(days=number))
            actor = make_user(session, unit=make_unit(session, world.municipality))
            session.add_all([
                ViewpointEvent(viewpoint_id=viewpoint.id, actor=actor, kind=EventKind.COMMENTED, text="Fråga"),
                ViewpointResponse(viewpoint_id=viewpoint.id, manager=actor, is_final=True, text="Svar",
                                  actions="Åtgärd"),
            ])
            item = session.get(AgendaItem, found[("meeting", council.id)].agenda_items[0].id)
            session.add(AgendaViewpoint(agenda_item_id=item.id, viewpoint_id=viewpoint.id))
            make_membership(session, council, make_user(session), world.municipality, role=MembershipRole.OFFICIAL)
    session.commit()
    return found


PAGES = {
    "coordinator: viewpoints of my councils": ("coordinator", "/viewpoints/"),
    "coordinator: searched": ("coordinator", "/viewpoints/?q=boende"),
    "coordinator: overdue": ("coordinator", "/viewpoints/?overdue=y"),
    "coordinator: my meetings": ("coordinator", "/my-meetings"),
    "coordinator: a council's meetings": ("coordinator", "/councils/socialtjanst/meetings"),
    "coordinator: a meeting": ("coordinator", "/meetings/{private_meeting}"),
    "coordinator: private feed": ("coordinator", "/calendar/{token}.ics"),
    "coordinator: a meeting's .ics": ("coordinator", "/meetings/{private_meeting}.ics"),
    "representative: viewpoints of my councils": ("representative", "/viewpoints/"),
    "representative: my meetings": ("representative", "/my-meetings"),
    "public: council page": (None, "/councils/oppna-radet"),
    "public: meeting page": (None, "/meetings/{public_meeting}"),
    "public: council feed": (None, "/councils/oppna-radet/meetings.ics"),
    "public: Ni sa – vi gjorde": (None, "/councils/oppna-radet/ni-sa-vi-gjorde"),
    "public: a council's meetings": (None, "/councils/oppna-radet/meetings"),
    "coordinator: statistics": ("coordinator", "/statistik"),
    "coordinator: a council's statistics by unit and year": ("coordinator",
                                                             "/councils/socialtjanst/statistik?year=2026"),
    "public: a council's statistics": (None, "/councils/oppna-radet/statistik"),
}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_benchmarked_page_sends_as_many_queries_with_much_data_as_with_little(app, client, auth, session, world,
                                                                                count_queries, page):
    role, path = PAGES[page]
    found = add_round(session, world, 2)
    url = path.format(private_meeting=found[("meeting", world.council.id)].id,
                      public_meeting=found[("meeting", world.public_council.id)].id,
                      token=world.coordinator.calendar_token)
    if role:
        auth.login(getattr(world, role))
    # Each count is of a page built anew, not of a copy a worker kept.
    with count_queries() as few:
        assert client.get(url).status_code == 200
    add_round(session, world, 10)
    app.extensions.pop("councilportal.feed_cache", None)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count, "\n".join(many.statements)


@pytest.mark.parametrize("feed", ["/calendar/{token}.ics", "/councils/oppna-radet/meetings.ics"])
def test_a_feed_s_304_sends_as_many_queries_with_much_data_as_with_little(client, session, world, count_queries,
                                                                          feed):
    url = feed.format(token=world.coordinator.calendar_token)
    add_round(session, world, 2)
    counts = []
    for size in (0, 10):
        add_round(session, world, size)
        etag = client.get(url).headers["ETag"]
        with count_queries() as counter:
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        counts.append(counter.count)
    assert counts[0] == counts[1]
