"""Answering a meeting's invitation: the signed link is for whoever holds it; the portal's button for members."""

from councilportal.meetings.reply_links import reply_token
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.meetings.access import published


def link(w, s) -> str:
    return f"/meetings/reply/{reply_token(published(w, s).id, w.representative.id)}"


CASES = [
    RouteCase("replies.by_link", link, statuses(OK), name="signed"),
    RouteCase("replies.by_link", lambda w, s: "/meetings/reply/WzEsMV0.forged", statuses(NOT_FOUND), name="forged"),
    RouteCase("replies.by_link", link, statuses(REDIRECT), method="POST", data={"svar": "kommer"}, name="signed"),
    RouteCase("replies.reply", lambda w, s: f"/meetings/{published(w, s).id}/reply",
              signed_in(FORBIDDEN, representative=REDIRECT, manager=REDIRECT), method="POST",
              data={"svar": "kommer"}),
]
