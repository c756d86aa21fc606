"""Access to the open data: the same for every role. A public council's data is open to all; a council that
is not public has none, for anyone (404)."""

from tests.access import NOT_FOUND, OK, RouteCase, statuses

EVERYONE = statuses(OK)
NOBODY = statuses(NOT_FOUND)


def council_url(suffix: str = "", *, public: bool = True, prefix: str = "/api/v1"):
    def build(world, session):
        council = world.public_council if public else world.council
        return f"{prefix}/councils/{council.slug}{suffix}"
    return build


def fixed(url: str):
    return lambda world, session: url


CASES = [
    RouteCase("opendata.about", fixed("/oppna-data"), EVERYONE),
    RouteCase("opendata.openapi", fixed("/api/v1/openapi.json"), EVERYONE),
    RouteCase("opendata.councils", fixed("/api/v1/councils"), EVERYONE),
    RouteCase("opendata.unknown", fixed("/api/v1/anything/else"), NOBODY),
    RouteCase("opendata.council", council_url(), EVERYONE),
    RouteCase("opendata.council", council_url(public=False), NOBODY, name="not public"),
    RouteCase("opendata.meetings", council_url("/meetings"), EVERYONE),
    RouteCase("opendata.meetings", council_url("/meetings", public=False), NOBODY, name="not public"),
    RouteCase("opendata.viewpoints", council_url("/viewpoints"), EVERYONE),
    RouteCase("opendata.viewpoints", council_url("/viewpoints", public=False), NOBODY, name="not public"),
    RouteCase("opendata.statistics", council_url("/statistics"), EVERYONE),
    RouteCase("opendata.statistics", council_url("/statistics?year=2025&quarter=2"), EVERYONE, name="a quarter"),
    RouteCase("opendata.statistics", council_url("/statistics", public=False), NOBODY, name="not public"),
    RouteCase("opendata.feed", council_url("/feed.atom", prefix=""), EVERYONE),
    RouteCase("opendata.feed", council_url("/feed.atom", public=False, prefix=""), NOBODY, name="not public"),
]
