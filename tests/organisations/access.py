from tests.access import FORBIDDEN, NOT_FOUND, OK, RouteCase, signed_in

ADMIN_ONLY = signed_in(FORBIDDEN, admin=OK)

CASES = [
    RouteCase("organisations.index", lambda w, s: "/admin/organisations/", ADMIN_ONLY),
    RouteCase("organisations.create", lambda w, s: "/admin/organisations/new", ADMIN_ONLY),
    RouteCase("organisations.detail", lambda w, s: f"/admin/organisations/{w.municipality.id}", ADMIN_ONLY),
    RouteCase("organisations.detail", lambda w, s: "/admin/organisations/999999",
              signed_in(FORBIDDEN, admin=NOT_FOUND), name="unknown"),
    RouteCase("organisations.edit", lambda w, s: f"/admin/organisations/{w.municipality.id}/edit", ADMIN_ONLY),
    RouteCase("organisations.unit_create", lambda w, s: f"/admin/organisations/{w.municipality.id}/units/new",
              ADMIN_ONLY),
    RouteCase("organisations.unit_edit",
              lambda w, s: f"/admin/organisations/{w.municipality.id}/units/{w.unit.id}/edit", ADMIN_ONLY),
    RouteCase("organisations.unit_edit",
              lambda w, s: f"/admin/organisations/{w.user_organisation.id}/units/{w.unit.id}/edit",
              signed_in(FORBIDDEN, admin=NOT_FOUND), name="unit of another organisation"),
]
