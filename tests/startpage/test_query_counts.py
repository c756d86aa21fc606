"""The start page of every role, and a meeting page with its replies, send as many SQL statements with much
data as with little."""

import itertools
from datetime import timedelta

import pytest

from councilportal.audits.models import AuditInterview, AuditState, RecommendationState
from councilportal.councils.models import MembershipRole, Seat
from councilportal.meetings.models import (
    Attendance,
    DeputyCallIn,
    MeetingReply,
    MeetingState,
    MinutesChecker,
)
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints.models import FollowUpAnswer, ViewpointFollowUp, ViewpointResponse, ViewpointState
from tests.audits.factories import make_audit
from tests.factories import make_membership, make_user
from tests.meetings.factories import make_document, make_meeting
from tests.startpage.factories import recommend
from tests.viewpoints.factories import make_viewpoint

_numbers = itertools.count(1)


def add_round(session, world, size: int, meeting=None) -> dict:
    """`size` of every kind of line the start pages list (audits and follow-ups included), and of members
    answering `meeting` (or the first meeting this round makes)."""
    now, today = now_utc(), today_in_sweden()
    org = world.user_organisation
    found = {"meeting": meeting} if meeting else {}
    for _ in range(size):
        number = next(_numbers)
        for state, fields in ((ViewpointState.SUBMITTED, {}),
                              (ViewpointState.RECEIVED, {"unit": world.unit, "deadline": today - timedelta(days=1)}),
                              (ViewpointState.IN_PROGRESS, {"manager": world.manager}),
                              (ViewpointState.ANSWERED, {"unit": world.unit})):
            make_viewpoint(session, world.council, org, world.representative, state=state, **fields)
        make_meeting(session, world.council, starts_at=now + timedelta(days=number))
        coming = make_meeting(session, world.council, state=MeetingState.PUBLISHED,
                              starts_at=now + timedelta(days=number))
        make_document(session, coming, filename=f"Handling {number}.pdf")
        make_meeting(session, world.council, state=MeetingState.PUBLISHED, starts_at=now - timedelta(days=number))
        held = make_meeting(session, world.council, state=MeetingState.HELD, starts_at=now - timedelta(days=number))
        session.add_all([Attendance(meeting_id=held.id, user_id=world.representative.id, organisation_id=org.id,
                                    role=MembershipRole.REPRESENTATIVE),
                         MinutesChecker(meeting_id=held.id, user_id=world.representative.id)])
        make_user(session, password=False)
        make_user(session)
        for answer in (FollowUpAnswer.NO, None):
            answered = make_viewpoint(session, world.council, org, world.representative, state=ViewpointState.ANSWERED)
            response = ViewpointResponse(viewpoint_id=answered.id, is_final=True, text="Vi gör så.")
            session.add(response)
            session.flush()
            session.add(ViewpointFollowUp(viewpoint_id=answered.id, response_id=response.id, due_on=today,
                                          asked_on=today, answer=answer, answered_at=answer and now))
        report = make_audit(session, world, state=AuditState.REPORT)
        recommend(session, report, 1, unit=world.unit, deadline=today - timedelta(days=number))
        make_audit(session, world, state=AuditState.FOLLOWED_UP)
        fieldwork = make_audit(session, world, state=AuditState.FIELDWORK)
        session.add(AuditInterview(audit_id=fieldwork.id, starts_at=now + timedelta(days=number)))
        due = make_audit(session, world, state=AuditState.ANSWERED)
        recommend(session, due, 1, unit=world.unit, state=RecommendationState.ANSWERED, follow_up_on=today)
        found.setdefault("meeting", coming)
        ordinary = make_user(session)
        seat = make_membership(session, world.council, ordinary, org)
        deputy = make_user(session)
        deputy_seat = make_membership(session, world.council, deputy, org, seat=Seat.DEPUTY, stands_in_for=seat)
        first = found["meeting"]
        session.add_all([MeetingReply(meeting_id=first.id, user_id=ordinary.id, coming=False),
                         MeetingReply(meeting_id=first.id, user_id=deputy.id, coming=number % 2 == 0),
                         DeputyCallIn(meeting_id=first.id, deputy_membership_id=deputy_seat.id)])
    session.commit()
    return found


PAGES = {
    "coordinator: start page": ("coordinator", "/att-gora"),
    "manager: start page": ("manager", "/att-gora"),
    "representative: start page": ("representative", "/att-gora"),
    "admin: start page": ("admin", "/att-gora"),
    "coordinator: a meeting with its replies": ("coordinator", "/meetings/{meeting}"),
    "representative: a meeting with their reply": ("representative", "/meetings/{meeting}"),
}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_sends_as_many_queries_with_much_data_as_with_little(app, client, auth, session, world,
                                                                    count_queries, page):
    role, path = PAGES[page]
    found = add_round(session, world, 2)
    url = path.format(meeting=found["meeting"].id)
    auth.login(getattr(world, role))
    client.get(url)  # the first visit writes the visit mark; both counts are of later visits
    app.extensions["councilportal.page_cache"][0].clear()  # and of pages built, not kept
    with count_queries() as few:
        assert client.get(url).status_code == 200
    add_round(session, world, 12, found["meeting"])
    with count_queries() as many:
        response = client.get(url)
        assert response.status_code == 200
    assert many.count == few.count, "\n".join(many.statements)
    if "start page" in page:
        assert "Visa alla" in response.text or "Fler finns" in response.text, "the lists are cut at SHOWN"
