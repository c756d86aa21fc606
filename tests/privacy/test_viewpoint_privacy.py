"""A person's viewpoints, comments and answers: in their data export, and kept (nameless) after erasure."""

import json

from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint


def viewpoint_with_comment_and_answer(session, world) -> Viewpoint:
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               title="Tolk vid besök", body="Tolk saknas ofta.", state=ViewpointState.ANSWERED,
                               manager=world.manager)
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=world.representative, kind=EventKind.COMMENTED,
                               text="Det gäller särskilt arabiska."))
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                  text="Vi bokar tolk i förväg.", actions="Ny rutin."))
    session.commit()
    return viewpoint


def test_the_export_holds_the_persons_viewpoints_and_comments(client, auth, session, world):
    viewpoint = viewpoint_with_comment_and_answer(session, world)
    auth.login(world.representative)
    data = json.loads(client.post("/profile/my-data").data)
    assert data["viewpoints_submitted"] == [{
        "reference": viewpoint.reference, "council": world.council.name,
        "organisation": world.user_organisation.name, "title": "Tolk vid besök", "text": "Tolk saknas ofta.",
        "subject": "", "visibility": "council", "state": "answered",
        "submitted_at": viewpoint.created_at.isoformat(),
    }]
    assert [(c["viewpoint"], c["text"]) for c in data["viewpoint_comments"]] == [
        (viewpoint.reference, "Det gäller särskilt arabiska.")]
    assert data["viewpoint_answers"] == []


def test_the_export_holds_a_managers_answers(client, auth, session, world):
    viewpoint = viewpoint_with_comment_and_answer(session, world)
    auth.login(world.manager)
    data = json.loads(client.post("/profile/my-data").data)
    assert [(a["viewpoint"], a["final"], a["text"], a["actions"]) for a in data["viewpoint_answers"]] == [
        (viewpoint.reference, True, "Vi bokar tolk i förväg.", "Ny rutin.")]
    assert data["viewpoints_submitted"] == [] and data["viewpoint_comments"] == []


def test_erasure_keeps_the_viewpoint_for_the_organisation_without_the_persons_name(client, auth, session, world):
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    viewpoint = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                               title="Kallelser i tid", visibility=Visibility.PUBLIC, state=ViewpointState.CLOSED)
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True, text="Ja."))
    session.commit()
    auth.login(world.admin)
    assert client.post(f"/admin/accounts/{world.representative.id}/erase",
                       data={"understood": "y"}).status_code == 302
    session.expire_all()
    kept = session.get(Viewpoint, viewpoint.id)
    assert kept.organisation_id == world.user_organisation.id
    assert kept.submitted_by.name == "Raderad person"
