from tests.access import FORBIDDEN, NOT_FOUND, OK, RouteCase, signed_in

CASES = [
    RouteCase("privacy.export", lambda w, s: "/profile/my-data", signed_in(OK)),
    RouteCase("privacy.erase", lambda w, s: f"/admin/accounts/{w.outsider.id}/erase", signed_in(FORBIDDEN, admin=OK)),
    RouteCase("privacy.erase", lambda w, s: f"/admin/accounts/{w.admin.id}/erase", signed_in(FORBIDDEN),
              name="oneself"),
    RouteCase("privacy.erase", lambda w, s: "/admin/accounts/999999/erase", signed_in(NOT_FOUND), name="unknown"),
]
