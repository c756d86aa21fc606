"""The demo's viewpoints: a year of them, in every state, with answers, outcomes and ratings."""

from collections import Counter

import sqlalchemy as sa

from councilportal import demo
from councilportal.councils.models import Council
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.timeutil import STOCKHOLM, now_utc, today_in_sweden
from councilportal.viewpoints import agenda, queries
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from councilportal.viewpoints.queries import HAS_FINAL_ANSWER, overdue_condition


def test_the_demo_has_a_year_of_viewpoints_in_every_state(session):
    demo.seed(session)
    session.commit()
    viewpoints = session.scalars(sa.select(Viewpoint)).all()
    assert len(viewpoints) >= 25
    assert set(Counter(v.state for v in viewpoints)) == set(ViewpointState)
    assert {v.visibility for v in viewpoints} == set(Visibility)
    ages = [(today_in_sweden() - v.created_at.astimezone(STOCKHOLM).date()).days for v in viewpoints]
    assert min(ages) <= 7 and max(ages) >= 300

    answered = [v for v in viewpoints if v.state in HAS_FINAL_ANSWER]
    final_answers = set(session.scalars(sa.select(ViewpointResponse.viewpoint_id).where(ViewpointResponse.is_final)))
    assert {v.id for v in answered} <= final_answers
    assert all(v.outcome and v.rating for v in viewpoints if v.state is ViewpointState.CLOSED)
    assert {v.rating for v in viewpoints if v.rating} >= {2, 3, 4, 5}
    assert session.scalar(sa.select(sa.func.count()).where(ViewpointResponse.is_final.is_(False))) >= 3
    assert session.scalar(sa.select(sa.func.count()).where(ViewpointEvent.kind == EventKind.REOPENED)) >= 1

    overdue = session.scalars(sa.select(Viewpoint).where(overdue_condition(today_in_sweden()))).all()
    assert 2 <= len(overdue) < len(viewpoints) // 2

    public_council = session.scalar(sa.select(Council).where(Council.is_public.is_(True)))
    shown_publicly = session.scalars(queries.answered_public_viewpoints(public_council)).all()
    assert len(shown_publicly) >= 4


def test_the_demo_shows_the_publication_flow_and_a_flag(session):
    demo.seed(session)
    session.commit()
    public = session.scalars(sa.select(Viewpoint).join(Viewpoint.council).where(
        Viewpoint.visibility == Visibility.PUBLIC, Council.is_public.is_(True))).all()
    published = [v for v in public if v.is_published]
    waiting = [v for v in public if not v.is_published]
    assert all(v.received_at and v.published_at >= v.received_at for v in published)
    assert {v.state for v in waiting} == {ViewpointState.SUBMITTED, ViewpointState.RECEIVED}
    corrected = [v for v in published if v.public_body != v.body]
    assert len(corrected) == 1
    assert session.scalar(sa.select(sa.func.count()).where(ViewpointEvent.personal_data_flagged.is_(True))) == 1


def test_demo_reference_numbers_follow_the_submission_dates(session):
    demo.seed(session)
    session.commit()
    viewpoints = session.scalars(sa.select(Viewpoint).order_by(Viewpoint.created_at, Viewpoint.serial)).all()
    for year in {v.year for v in viewpoints}:
        of_year = [v for v in viewpoints if v.year == year]
        assert [v.serial for v in of_year] == list(range(1, len(of_year) + 1))
        assert all(v.created_at.astimezone(STOCKHOLM).year == year for v in of_year)


def test_demo_timelines_run_forward_and_never_into_the_future(session):
    demo.seed(session)
    session.commit()
    # Meetings are linked after the stories are told, so their events come last by id; see the agenda test.
    events = session.scalars(sa.select(ViewpointEvent).where(ViewpointEvent.kind != EventKind.PUT_ON_AGENDA)
                             .order_by(ViewpointEvent.viewpoint_id, ViewpointEvent.id)).all()
    by_viewpoint: dict[int, list] = {}
    for event in events:
        by_viewpoint.setdefault(event.viewpoint_id, []).append(event.created_at)
    for moments in by_viewpoint.values():
        assert moments == sorted(moments)
        assert moments[-1].astimezone(STOCKHOLM).date() <= today_in_sweden()


def test_demo_viewpoints_were_taken_up_at_meetings_and_open_ones_carry_forward(session):
    demo.seed(session)
    session.commit()
    links = session.execute(
        sa.select(Viewpoint, Meeting).join(AgendaViewpoint, AgendaViewpoint.viewpoint_id == Viewpoint.id)
        .join(AgendaItem, AgendaItem.id == AgendaViewpoint.agenda_item_id).join(AgendaItem.meeting)
    ).all()
    assert any(meeting.state is MeetingState.MINUTES_APPROVED for _, meeting in links)
    assert all(meeting.starts_at > viewpoint.received_at for viewpoint, meeting in links)
    carried = [viewpoint for viewpoint, meeting in links if meeting.state in agenda.AGENDA_OPEN_STATES]
    assert carried and all(viewpoint.state in queries.AWAITING_ANSWER for viewpoint in carried)
    put_on_agenda = session.scalars(
        sa.select(ViewpointEvent).where(ViewpointEvent.kind == EventKind.PUT_ON_AGENDA)).all()
    assert len(put_on_agenda) == len(links), "every link is on the viewpoint's timeline"
    received = {viewpoint.id: viewpoint.received_at for viewpoint, _ in links}
    assert all(received[event.viewpoint_id] < event.created_at <= now_utc() for event in put_on_agenda)
