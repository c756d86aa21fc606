from councilportal.site_settings import services
from tests.access import FORBIDDEN, NOT_FOUND, OK, RouteCase, signed_in, statuses

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'


def _configured(world, session) -> int:
    settings = services.save_site_settings(session, world.admin, services.SiteFields(accent_colour="#1a5276"),
                                           logo=services.LogoUpload("logga.svg", LOGO))
    return settings.revision


CASES = [
    RouteCase("site_settings.edit", lambda w, s: "/admin/site", signed_in(FORBIDDEN, admin=OK)),
    RouteCase("site_settings.logo", lambda w, s: f"/site/logo/{_configured(w, s)}", statuses(OK)),
    RouteCase("site_settings.logo", lambda w, s: "/site/logo/1", statuses(NOT_FOUND), name="none saved"),
    RouteCase("site_settings.accent_stylesheet", lambda w, s: f"/site/accent/{_configured(w, s)}.css", statuses(OK)),
    RouteCase("site_settings.accent_stylesheet", lambda w, s: "/site/accent/1.css", statuses(NOT_FOUND),
              name="none saved"),
]
