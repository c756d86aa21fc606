from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses

COUNCIL_INSIDERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)
COUNCIL_RUNNERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)

CASES = [
    RouteCase("pages.home", lambda w, s: "/", statuses(REDIRECT, public=OK)),
    RouteCase("pages.accessibility", lambda w, s: "/tillganglighet", statuses(OK)),
    RouteCase("councils.index", lambda w, s: "/councils/", statuses(OK)),
    RouteCase("councils.mine", lambda w, s: "/my-councils", signed_in(OK)),
    RouteCase("councils.detail", lambda w, s: f"/councils/{w.council.slug}", COUNCIL_INSIDERS, name="private"),
    RouteCase("councils.detail", lambda w, s: f"/councils/{w.public_council.slug}", statuses(OK), name="public"),
    RouteCase("councils.detail", lambda w, s: "/councils/no-such-council", statuses(NOT_FOUND), name="unknown"),
    RouteCase("councils.create", lambda w, s: "/admin/councils/new", signed_in(FORBIDDEN, admin=OK)),
    RouteCase("councils.edit", lambda w, s: f"/councils/{w.council.slug}/edit", signed_in(FORBIDDEN, admin=OK)),
    RouteCase("councils.members", lambda w, s: f"/councils/{w.council.slug}/members", COUNCIL_INSIDERS),
    RouteCase("councils.members", lambda w, s: f"/councils/{w.public_council.slug}/members",
              signed_in(FORBIDDEN, admin=OK), name="public council, no membership"),
    RouteCase("councils.member_new", lambda w, s: f"/councils/{w.council.slug}/members/new", COUNCIL_RUNNERS),
    RouteCase("councils.member_edit", lambda w, s: f"/councils/{w.council.slug}/members/{w.membership.id}/edit",
              COUNCIL_RUNNERS),
    RouteCase("councils.member_edit",
              lambda w, s: f"/councils/{w.public_council.slug}/members/{w.membership.id}/edit",
              signed_in(FORBIDDEN, admin=NOT_FOUND), name="membership of another council"),
    RouteCase("councils.member_end", lambda w, s: f"/councils/{w.council.slug}/members/{w.membership.id}/end",
              signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT), method="POST",
              data={"last_day": "2099-01-01"}),
]
