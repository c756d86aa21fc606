from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses

ADMIN_ONLY = signed_in(FORBIDDEN, admin=OK)
# Two-factor sign-in is for those with a role beyond membership.
WITH_A_ROLE = {"admin", "coordinator", "manager"}


def with_a_role(status: int) -> dict[str, int]:
    return signed_in(FORBIDDEN, **{role: status for role in WITH_A_ROLE})


CASES = [
    RouteCase("accounts.login", lambda w, s: "/login", statuses(OK)),
    RouteCase("accounts.login_code", lambda w, s: "/login/code", statuses(OK)),
    RouteCase("accounts.logout", lambda w, s: "/logout", statuses(REDIRECT), method="POST"),
    RouteCase("accounts.sign_out_everywhere", lambda w, s: "/profile/sign-out-everywhere", signed_in(REDIRECT),
              method="POST"),
    RouteCase("accounts.two_factor", lambda w, s: "/profile/two-factor", with_a_role(OK)),
    RouteCase("accounts.two_factor_start", lambda w, s: "/profile/two-factor/start", with_a_role(REDIRECT),
              method="POST"),
    RouteCase("accounts.two_factor_confirm", lambda w, s: "/profile/two-factor/confirm", with_a_role(OK),
              method="POST"),
    RouteCase("accounts.two_factor_recovery_codes", lambda w, s: "/profile/two-factor/recovery-codes",
              with_a_role(OK), method="POST"),
    RouteCase("accounts.two_factor_off", lambda w, s: "/profile/two-factor/off", with_a_role(OK), method="POST"),
    RouteCase("accounts.accept_invitation", lambda w, s: "/invitation/not-a-token", statuses(NOT_FOUND)),
    RouteCase("accounts.forgot_password", lambda w, s: "/password/forgot", statuses(OK)),
    RouteCase("accounts.reset_password", lambda w, s: "/password/reset/not-a-token", statuses(NOT_FOUND)),
    RouteCase("accounts.profile", lambda w, s: "/profile", signed_in(OK)),
    RouteCase("accounts.change_password", lambda w, s: "/profile/password", signed_in(OK)),
    RouteCase("accounts.account_list", lambda w, s: "/admin/accounts", ADMIN_ONLY),
    RouteCase("accounts.account_new", lambda w, s: "/admin/accounts/new", ADMIN_ONLY),
    RouteCase("accounts.account_edit", lambda w, s: f"/admin/accounts/{w.outsider.id}/edit", ADMIN_ONLY),
    RouteCase("accounts.account_edit", lambda w, s: "/admin/accounts/999999/edit",
              signed_in(FORBIDDEN, admin=NOT_FOUND), name="unknown"),
    RouteCase("accounts.account_set_active", lambda w, s: f"/admin/accounts/{w.outsider.id}/active",
              signed_in(FORBIDDEN, admin=REDIRECT), method="POST", data={"active": "0"}),
    RouteCase("accounts.account_resend_invitation", lambda w, s: f"/admin/accounts/{w.outsider.id}/invitation",
              signed_in(FORBIDDEN, admin=REDIRECT), method="POST"),
    RouteCase("accounts.account_two_factor_off", lambda w, s: f"/admin/accounts/{w.coordinator.id}/two-factor/off",
              signed_in(FORBIDDEN, admin=REDIRECT), method="POST"),
    RouteCase("accounts.audit_log", lambda w, s: "/admin/audit", ADMIN_ONLY),
]
