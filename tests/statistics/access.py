from tests.access import NOT_FOUND, OK, RouteCase, signed_in, statuses

# The public is sent to sign in; someone signed in who neither sits on the council, runs it nor manages a unit
# is refused.
PRIVATE_COUNCIL = signed_in(403, representative=OK, manager=OK, coordinator=OK, admin=OK)

CASES = [
    RouteCase("statistics.overview", lambda w, s: "/statistik", statuses(OK)),
    RouteCase("statistics.overview", lambda w, s: "/statistik?format=csv&table=overview", statuses(OK), name="csv"),
    RouteCase("statistics.council", lambda w, s: f"/councils/{w.council.slug}/statistik", PRIVATE_COUNCIL,
              name="private council"),
    RouteCase("statistics.council", lambda w, s: f"/councils/{w.council.slug}/statistik?format=csv&table=trend",
              PRIVATE_COUNCIL, name="private council csv"),
    RouteCase("statistics.council", lambda w, s: f"/councils/{w.public_council.slug}/statistik", statuses(OK),
              name="public council"),
    RouteCase("statistics.council", lambda w, s: "/councils/no-such-council/statistik", statuses(NOT_FOUND),
              name="unknown council"),
]
