from tests.access import FORBIDDEN, NOT_FOUND, OK, RouteCase, signed_in, statuses

COUNCIL_INSIDERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)

CASES = [
    RouteCase("viewpoint_lists.council_list", lambda w, s: f"/councils/{w.council.slug}/viewpoints", COUNCIL_INSIDERS,
              name="private council"),
    RouteCase("viewpoint_lists.council_list", lambda w, s: f"/councils/{w.public_council.slug}/viewpoints",
              statuses(OK), name="public council"),
    RouteCase("viewpoint_lists.council_list", lambda w, s: f"/councils/{w.council.slug}/viewpoints?format=csv",
              COUNCIL_INSIDERS, name="csv"),
    RouteCase("viewpoint_lists.council_list", lambda w, s: "/councils/no-such-council/viewpoints",
              statuses(NOT_FOUND), name="unknown council"),
    RouteCase("viewpoint_lists.mine", lambda w, s: "/viewpoints/", signed_in(OK)),
    RouteCase("viewpoint_lists.mine", lambda w, s: "/viewpoints/?format=csv", signed_in(OK), name="csv"),
    RouteCase("viewpoint_lists.my_organisation", lambda w, s: "/viewpoints/my-organisation",
              signed_in(FORBIDDEN, representative=OK)),
    RouteCase("viewpoint_lists.assigned", lambda w, s: "/viewpoints/assigned", signed_in(OK)),
    RouteCase("viewpoint_lists.public_answers", lambda w, s: f"/councils/{w.public_council.slug}/ni-sa-vi-gjorde",
              statuses(OK), name="public council"),
    RouteCase("viewpoint_lists.public_answers", lambda w, s: f"/councils/{w.council.slug}/ni-sa-vi-gjorde",
              statuses(NOT_FOUND), name="council not public"),
]
