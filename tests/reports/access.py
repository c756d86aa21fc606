from councilportal.reports import services
from councilportal.timeutil import today_in_sweden
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses

COUNCIL_READERS = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)
PREPARERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)
PREPARERS_ACT = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)


def _published(world, session, council=None) -> str:
    council = council or world.council
    year = today_in_sweden().year - 1
    services.publish_report(session, world.admin, council, year, today_in_sweden())
    return f"/councils/{council.slug}/verksamhetsberattelse/{year}"


def _this_year(world, council=None) -> str:
    return f"/councils/{(council or world.council).slug}/verksamhetsberattelse/{today_in_sweden().year}"


CASES = [
    RouteCase("reports.index", lambda w, s: f"/councils/{w.council.slug}/verksamhetsberattelse", COUNCIL_READERS,
              name="private council"),
    RouteCase("reports.index", lambda w, s: f"/councils/{w.public_council.slug}/verksamhetsberattelse",
              statuses(OK), name="public council"),
    RouteCase("reports.show", lambda w, s: _published(w, s), COUNCIL_READERS, name="private council"),
    RouteCase("reports.show", lambda w, s: _published(w, s, w.public_council), statuses(OK), name="public council"),
    RouteCase("reports.show", lambda w, s: _published(w, s, w.public_council) + "?format=docx", statuses(OK),
              name="public council docx"),
    RouteCase("reports.show", lambda w, s: _this_year(w, w.public_council),
              statuses(NOT_FOUND, admin=REDIRECT), name="not published"),
    RouteCase("reports.version", lambda w, s: _published(w, s) + "/version/1", COUNCIL_READERS,
              name="private council"),
    RouteCase("reports.version", lambda w, s: _published(w, s, w.public_council) + "/version/1", statuses(OK),
              name="public council"),
    RouteCase("reports.version", lambda w, s: _published(w, s, w.public_council) + "/version/2",
              statuses(NOT_FOUND), name="no such version"),
    RouteCase("reports.draft", lambda w, s: _this_year(w) + "/utkast", PREPARERS),
    RouteCase("reports.draft", lambda w, s: _this_year(w) + "/utkast", PREPARERS_ACT, method="POST",
              data={"introduction": "Inledning", "closing": "Slut"}),
    RouteCase("reports.publish", lambda w, s: _this_year(w) + "/publicera", PREPARERS_ACT, method="POST"),
]
