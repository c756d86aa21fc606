from councilportal.meetings.models import MeetingState
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.meetings.factories import make_document, make_meeting

COUNCIL_INSIDERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)
COUNCIL_RUNNERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)
RUNNERS_ACT = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)
# A draft is the coordinators' own: the public is asked to sign in, everyone else is refused.
DRAFT_READERS = statuses(FORBIDDEN, public=REDIRECT, coordinator=OK, admin=OK)
ONLY_ADMIN = signed_in(FORBIDDEN, admin=OK)
ITEM_OF_ANOTHER_MEETING = signed_in(FORBIDDEN, coordinator=NOT_FOUND, admin=NOT_FOUND)


def published(w, s, council=None, **fields):
    return make_meeting(s, council or w.council, state=MeetingState.PUBLISHED, **fields)


def draft(w, s, council=None, **fields):
    return make_meeting(s, council or w.council, **fields)


def item_url(w, s, action: str) -> str:
    meeting = draft(w, s, items=2)
    return f"/meetings/{meeting.id}/agenda/{meeting.agenda_items[0].id}/{action}"


def foreign_item_url(w, s, action: str) -> str:
    """An item of one meeting through the URL of another meeting of the same council."""
    meeting, other = draft(w, s), draft(w, s, items=1)
    return f"/meetings/{meeting.id}/agenda/{other.agenda_items[0].id}/{action}"


def document_url(w, s, meeting, suffix: str = "") -> str:
    return f"/meetings/{meeting.id}/documents/{make_document(s, meeting).id}{suffix}"


CASES = [
    RouteCase("meetings.council_meetings", lambda w, s: f"/councils/{w.council.slug}/meetings", COUNCIL_INSIDERS,
              name="private"),
    RouteCase("meetings.council_meetings", lambda w, s: f"/councils/{w.public_council.slug}/meetings", statuses(OK),
              name="public"),
    RouteCase("meetings.council_meetings", lambda w, s: "/councils/no-such-council/meetings", statuses(NOT_FOUND),
              name="unknown"),
    RouteCase("meetings.create", lambda w, s: f"/councils/{w.council.slug}/meetings/new", COUNCIL_RUNNERS),
    RouteCase("meetings.create", lambda w, s: f"/councils/{w.public_council.slug}/meetings/new", ONLY_ADMIN,
              name="council one does not coordinate"),
    RouteCase("meetings.create", lambda w, s: "/councils/no-such-council/meetings/new", signed_in(NOT_FOUND),
              name="unknown council"),
    RouteCase("meetings.detail", lambda w, s: f"/meetings/{published(w, s).id}", COUNCIL_INSIDERS,
              name="published, private council"),
    RouteCase("meetings.detail", lambda w, s: f"/meetings/{draft(w, s).id}", DRAFT_READERS, name="draft"),
    RouteCase("meetings.detail", lambda w, s: f"/meetings/{published(w, s, w.public_council).id}", statuses(OK),
              name="published, public council"),
    RouteCase("meetings.detail",
              lambda w, s: f"/meetings/{make_meeting(s, w.public_council, state=MeetingState.CANCELLED).id}",
              statuses(OK), name="cancelled, public council"),
    RouteCase("meetings.detail", lambda w, s: f"/meetings/{draft(w, s, w.public_council).id}",
              statuses(FORBIDDEN, public=REDIRECT, admin=OK), name="draft, public council"),
    RouteCase("meetings.detail", lambda w, s: "/meetings/999999", statuses(NOT_FOUND), name="unknown"),
    RouteCase("meetings.edit", lambda w, s: f"/meetings/{published(w, s).id}/edit", COUNCIL_RUNNERS),
    RouteCase("meetings.edit", lambda w, s: f"/meetings/{published(w, s, w.public_council).id}/edit", ONLY_ADMIN,
              name="council one does not coordinate"),
    RouteCase("meetings.delete", lambda w, s: f"/meetings/{draft(w, s).id}/delete", RUNNERS_ACT, method="POST"),
    RouteCase("meetings.agenda", lambda w, s: f"/meetings/{draft(w, s, items=2).id}/agenda", COUNCIL_RUNNERS),
    RouteCase("meetings.item_edit", lambda w, s: item_url(w, s, "edit"), COUNCIL_RUNNERS),
    RouteCase("meetings.item_edit", lambda w, s: foreign_item_url(w, s, "edit"), ITEM_OF_ANOTHER_MEETING,
              name="item of another meeting"),
    RouteCase("meetings.item_remove", lambda w, s: item_url(w, s, "remove"), RUNNERS_ACT, method="POST"),
    RouteCase("meetings.item_move", lambda w, s: item_url(w, s, "move"), RUNNERS_ACT, method="POST",
              data={"direction": "down"}),
    RouteCase("meetings.item_move", lambda w, s: foreign_item_url(w, s, "move"), ITEM_OF_ANOTHER_MEETING,
              method="POST", data={"direction": "down"}, name="item of another meeting"),
    RouteCase("meetings.prefill", lambda w, s: f"/meetings/{draft(w, s).id}/agenda/prefill", RUNNERS_ACT,
              method="POST"),
    RouteCase("meetings.agenda_template", lambda w, s: f"/councils/{w.council.slug}/agenda-template",
              COUNCIL_RUNNERS),
    RouteCase("meetings.document_upload", lambda w, s: f"/meetings/{draft(w, s).id}/documents", COUNCIL_RUNNERS,
              method="POST", name="without a file, shown on the form"),
    RouteCase("meetings.document_download", lambda w, s: document_url(w, s, published(w, s)), COUNCIL_INSIDERS),
    RouteCase("meetings.document_download", lambda w, s: document_url(w, s, draft(w, s)), DRAFT_READERS,
              name="of a draft"),
    RouteCase("meetings.document_download", lambda w, s: document_url(w, s, published(w, s, w.public_council)),
              statuses(OK), name="public council"),
    RouteCase("meetings.document_remove", lambda w, s: document_url(w, s, draft(w, s), "/remove"), RUNNERS_ACT,
              method="POST"),
]
CASES.append(RouteCase("meetings.mine", lambda w, s: "/my-meetings", signed_in(OK)))
CASES += [
    RouteCase("meetings.publish", lambda w, s: f"/meetings/{draft(w, s).id}/publish", RUNNERS_ACT, method="POST"),
    RouteCase("meetings.cancel", lambda w, s: f"/meetings/{published(w, s).id}/cancel", COUNCIL_RUNNERS),
    RouteCase("meetings.cancel", lambda w, s: f"/meetings/{published(w, s).id}/cancel", RUNNERS_ACT, method="POST"),
]
