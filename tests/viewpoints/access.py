"""Access to a viewpoint's page and the actions on it, for every role.

The viewpoints are made by the URL builders; `world.manager` is the responsible manager where one is
assigned, and also sits on the private council as an official.
"""

import io

from werkzeug.datastructures import FileStorage

from councilportal.timeutil import today_in_sweden
from councilportal.uploads import store_upload
from councilportal.viewpoints.models import (
    ViewpointAttachment,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint

FAILED_FORM = 422
COUNCIL_INSIDERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)


def viewpoint_url(suffix: str = "", *, state=ViewpointState.SUBMITTED, visibility=Visibility.COUNCIL,
                  public=False, assigned=False):
    def build(world, session):
        viewpoint = make_viewpoint(
            session, world.public_council if public else world.council, world.user_organisation,
            world.representative, state=state, visibility=visibility,
            unit=world.unit if assigned else None, manager=world.manager if assigned else None)
        return f"/viewpoints/{viewpoint.id}{suffix}"
    return build


def public_viewpoint_url(suffix: str = "", *, state=ViewpointState.SUBMITTED, published=False):
    """A public viewpoint of the public council, which `world.coordinator` runs and the representative sits on."""
    def build(world, session):
        world.public_council.coordinators.append(world.coordinator)
        make_membership(session, world.public_council, world.representative, world.user_organisation)
        viewpoint = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                                   state=state, visibility=Visibility.PUBLIC, published=published)
        return f"/viewpoints/{viewpoint.id}{suffix}"
    return build


def attachment_url(world, session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    stored = store_upload(session, FileStorage(io.BytesIO(b"Bilaga"), "bilaga.txt"))
    attachment = ViewpointAttachment.of_upload(stored, viewpoint_id=viewpoint.id)
    session.add(attachment)
    session.flush()
    return f"/viewpoints/{viewpoint.id}/attachments/{attachment.id}"


def follow_up_url(*, asked: bool):
    """An answered viewpoint whose final answer promised a follow-up; `asked`: its day has come and the
    organisation has been asked."""
    def build(world, session):
        viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                                   state=ViewpointState.ANSWERED, unit=world.unit, manager=world.manager)
        response = ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True, text="Svar",
                                     follow_up_on=today_in_sweden())
        session.add(response)
        session.flush()
        session.add(ViewpointFollowUp(viewpoint_id=viewpoint.id, response_id=response.id, due_on=today_in_sweden(),
                                      asked_on=today_in_sweden() if asked else None))
        session.flush()
        return f"/viewpoints/{viewpoint.id}/follow-up"
    return build


def only(*roles: str, status: int = REDIRECT) -> dict[str, int]:
    """A POST that the named roles may make (and are then sent back to the page); others are refused."""
    return signed_in(FORBIDDEN, **{role: status for role in roles})


RECEIVED = ViewpointState.RECEIVED
ANSWERED = ViewpointState.ANSWERED

CASES = [
    RouteCase("viewpoints.submit", lambda w, s: "/viewpoints/new", signed_in(FORBIDDEN, representative=OK)),
    RouteCase("viewpoints.detail", viewpoint_url(), COUNCIL_INSIDERS, name="council"),
    RouteCase("viewpoints.detail", viewpoint_url(visibility=Visibility.RESTRICTED),
              signed_in(FORBIDDEN, representative=OK, coordinator=OK, admin=OK), name="restricted, unassigned"),
    RouteCase("viewpoints.detail", viewpoint_url(visibility=Visibility.RESTRICTED, assigned=True),
              COUNCIL_INSIDERS, name="restricted, assigned to the manager"),
    RouteCase("viewpoints.detail", public_viewpoint_url(published=True), statuses(OK),
              name="public viewpoint of a public council, confirmed for the public"),
    RouteCase("viewpoints.detail", public_viewpoint_url(),
              signed_in(FORBIDDEN, representative=OK, coordinator=OK, admin=OK),
              name="public viewpoint of a public council, not yet confirmed"),
    RouteCase("viewpoints.detail", lambda w, s: "/viewpoints/999999", statuses(NOT_FOUND), name="unknown"),
    RouteCase("viewpoints.attachment", attachment_url, COUNCIL_INSIDERS),
    RouteCase("viewpoints.attachment", viewpoint_url("/attachments/999999"),
              signed_in(FORBIDDEN, representative=NOT_FOUND, manager=NOT_FOUND, coordinator=NOT_FOUND,
                        admin=NOT_FOUND), name="unknown attachment"),
    RouteCase("viewpoints.comment", viewpoint_url("/comment"),
              only("representative", "manager", "coordinator", "admin"), method="POST",
              data={"comment-text": "En kommentar"}),
    RouteCase("viewpoints.withdraw", viewpoint_url("/withdraw"), only("representative"), method="POST",
              data={"withdraw-version": "1"}),
    RouteCase("viewpoints.receive", viewpoint_url("/receive"), only("coordinator", "admin"), method="POST",
              data={"receive-version": "1", "receive-unit_id": "0", "receive-manager_id": "0",
                    "receive-deadline": "2099-01-02"}),
    # No unit or manager chosen: those who may assign are told to choose one.
    RouteCase("viewpoints.assign", viewpoint_url("/assign", state=RECEIVED),
              only("coordinator", "admin", status=FAILED_FORM), method="POST",
              data={"assign-version": "1", "assign-unit_id": "0", "assign-manager_id": "0"}),
    RouteCase("viewpoints.deadline", viewpoint_url("/deadline", state=RECEIVED), only("coordinator", "admin"),
              method="POST", data={"deadline-version": "1", "deadline-deadline": "2099-01-02"}),
    RouteCase("viewpoints.answer", viewpoint_url("/answer", state=RECEIVED, assigned=True), only("manager"),
              method="POST", data={"answer-version": "1", "answer-kind": "final", "answer-text": "Svar"}),
    RouteCase("viewpoints.answer", viewpoint_url("/answer", state=RECEIVED), only(), method="POST",
              data={"answer-version": "1", "answer-kind": "final", "answer-text": "Svar"}, name="unassigned"),
    RouteCase("viewpoints.close", viewpoint_url("/close", state=ANSWERED), only("representative"), method="POST",
              data={"close-version": "1", "close-outcome": "changed", "close-rating": "4"}),
    RouteCase("viewpoints.follow_up", follow_up_url(asked=True), only("representative"), method="POST",
              data={"follow_up-answer": "no", "follow_up-comment": "Inget har hänt."}),
    RouteCase("viewpoints.follow_up", follow_up_url(asked=False), only("representative", status=FAILED_FORM),
              method="POST", data={"follow_up-answer": "yes"}, name="not asked yet"),
    RouteCase("viewpoints.reopen", viewpoint_url("/reopen", state=ANSWERED), only("representative"),
              method="POST", data={"reopen-version": "1", "reopen-comment": "Svaret räcker inte."}),
    RouteCase("viewpoints.publish", public_viewpoint_url("/publish", state=RECEIVED), only("coordinator", "admin"),
              method="POST", data={"publish-version": "1", "publish-public_title": "Trappan",
                                   "publish-public_body": "Ledstången saknas."}),
    RouteCase("viewpoints.publish", viewpoint_url("/publish", state=RECEIVED), only(), method="POST",
              data={"publish-version": "1", "publish-public_title": "Trappan", "publish-public_body": "Text."},
              name="a council viewpoint"),
    RouteCase("viewpoints.unpublish", public_viewpoint_url("/unpublish", state=RECEIVED, published=True),
              only("coordinator", "admin"), method="POST", data={"unpublish-version": "1"}),
]
