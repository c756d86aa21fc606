"""Open data to read: a public council with meetings and viewpoints in every publication state, and a
private council with the same, which must never show."""

from dataclasses import dataclass
from datetime import timedelta

from councilportal.answering.models import Outcome
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.timeutil import now_utc
from councilportal.viewpoints.models import Viewpoint, ViewpointResponse, ViewpointState, Visibility
from tests.meetings.factories import make_meeting
from tests.viewpoints.factories import make_viewpoint


@dataclass
class OpenData:
    published: list[Viewpoint]
    hidden: list[Viewpoint]
    meetings: list[Meeting]
    private_meeting: Meeting


def add_open_data(session, world, *, viewpoints: int = 3, meetings: int = 3) -> OpenData:
    council, organisation = world.public_council, world.user_organisation
    published = []
    for number in range(viewpoints):
        viewpoint = make_viewpoint(session, council, organisation, world.representative, visibility=Visibility.PUBLIC,
                                   state=ViewpointState.CLOSED, published=True, title=f"Offentlig {number}",
                                   unit=world.unit, manager=world.manager, outcome=Outcome.CHANGED, rating=4)
        viewpoint.public_title = f"Publicerad rubrik {number}"
        session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                      text=f"Svar {number}", actions="Ny rutin.",
                                      created_at=now_utc() - timedelta(minutes=number)))
        published.append(viewpoint)
    hidden = [
        make_viewpoint(session, council, organisation, world.representative, visibility=Visibility.PUBLIC,
                       state=ViewpointState.RECEIVED, title="Inte godkänd än"),
        make_viewpoint(session, council, organisation, world.representative, visibility=Visibility.COUNCIL,
                       state=ViewpointState.RECEIVED, title="Bara för rådet"),
        make_viewpoint(session, world.council, organisation, world.representative, visibility=Visibility.PUBLIC,
                       state=ViewpointState.ANSWERED, published=True, title="I ett internt råd"),
    ]
    shown_meetings = [make_meeting(session, council, state=state, title=f"Offentligt möte {number}",
                                   starts_at=now_utc() + timedelta(days=number))
                      for number, state in zip(range(meetings), [MeetingState.PUBLISHED, MeetingState.MINUTES_APPROVED,
                                                                  MeetingState.CANCELLED] * meetings, strict=False)]
    make_meeting(session, council, state=MeetingState.DRAFT, title="Utkast som ingen ser")
    private_meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Internt möte")
    session.commit()
    return OpenData(published, hidden, shown_meetings, private_meeting)
