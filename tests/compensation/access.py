"""Access cases for compensation: a representative's claims, the coordinator's decisions, rules and report."""

from councilportal.compensation.models import TravelKind
from councilportal.uploads import store_upload
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in
from tests.compensation.factories import add_hourly_rule, held_meeting, pdf, submitted_claim

RUNNERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)
RUNNERS_ACT = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)
CLAIM_READERS = signed_in(FORBIDDEN, representative=OK, coordinator=OK, admin=OK)
BAD_REQUEST = 400


def meeting_url(w, s) -> str:
    add_hourly_rule(s, w)
    return f"/meetings/{held_meeting(s, w).id}/compensation"


def claim_url(suffix=""):
    return lambda w, s: f"/compensation/claims/{submitted_claim(s, w).id}{suffix}"


def attachment_url(w, s) -> str:
    claim = submitted_claim(s, w, travel_kind=TravelKind.TICKET, ticket_ore=5600, receipt=store_upload(s, pdf()))
    return f"/compensation/claims/{claim.id}/attachments/{claim.attachments[0].id}"


def council_url(suffix=""):
    return lambda w, s: f"/councils/{w.council.slug}/compensation{suffix}"


def _payee(world) -> str:
    return f"/councils/{world.council.slug}/compensation/payees/{world.representative.id}"


CASES = [
    RouteCase("compensation.index", lambda w, s: "/compensation",
              signed_in(FORBIDDEN, representative=OK, coordinator=OK, admin=OK)),
    RouteCase("compensation.claim_form", meeting_url, signed_in(FORBIDDEN, representative=OK)),
    RouteCase("compensation.claim_form", meeting_url, signed_in(FORBIDDEN, representative=REDIRECT), method="POST",
              data={"travel_kind": "none"}),
    RouteCase("compensation.claim_form", meeting_url, signed_in(FORBIDDEN, representative=BAD_REQUEST),
              method="POST", name="negative km", data={"travel_kind": "km", "travel_km": "-5"}),
    RouteCase("compensation.claim_form", lambda w, s: "/meetings/999999/compensation", signed_in(NOT_FOUND),
              name="unknown meeting"),
    RouteCase("compensation.claim", claim_url(), CLAIM_READERS),
    RouteCase("compensation.claim", lambda w, s: "/compensation/claims/999999", signed_in(NOT_FOUND),
              name="unknown"),
    RouteCase("compensation.attachment", attachment_url, CLAIM_READERS),
    RouteCase("compensation.approve", claim_url("/approve"), RUNNERS_ACT, method="POST"),
    RouteCase("compensation.return_claim", claim_url("/return"), RUNNERS_ACT, method="POST",
              data={"comment": "Bifoga kvittot."}),
    RouteCase("compensation.return_claim", claim_url("/return"), signed_in(FORBIDDEN, coordinator=BAD_REQUEST,
                                                                            admin=BAD_REQUEST),
              method="POST", name="without a comment"),
    RouteCase("compensation.council", council_url(), RUNNERS),
    RouteCase("compensation.council", lambda w, s: "/councils/no-such-council/compensation", signed_in(NOT_FOUND),
              name="unknown council"),
    RouteCase("compensation.rules", council_url("/rules"), RUNNERS),
    RouteCase("compensation.rules", council_url("/rules"), RUNNERS_ACT, method="POST",
              data={"valid_from": "2027-01-01", "kind": "per_meeting", "meeting_fee": "500"}),
    RouteCase("compensation.rules", council_url("/rules"), signed_in(FORBIDDEN, coordinator=BAD_REQUEST,
                                                                      admin=BAD_REQUEST),
              method="POST", name="10^20 kronor",
              data={"valid_from": "2027-01-01", "kind": "per_meeting", "meeting_fee": "1" + "0" * 20}),
    RouteCase("compensation.payroll_report", council_url("/report"), RUNNERS),
    RouteCase("compensation.payroll_report", council_url("/report?start=2026-01-01&end=2026-12-31&format=csv"),
              RUNNERS, name="csv"),
    RouteCase("compensation.payroll_across_councils", lambda w, s: "/compensation/payroll", RUNNERS),
    RouteCase("compensation.payroll_across_councils",
              lambda w, s: "/compensation/payroll?start=2026-01-01&end=2026-12-31&format=csv", RUNNERS, name="csv"),
    RouteCase("compensation.payroll_across_councils",
              lambda w, s: "/compensation/payroll?start=2026-12-31&end=2026-01-01",
              signed_in(FORBIDDEN, coordinator=BAD_REQUEST, admin=BAD_REQUEST), name="period backwards"),
    RouteCase("compensation.payee", lambda w, s: _payee(w), RUNNERS),
    RouteCase("compensation.payee", lambda w, s: _payee(w), RUNNERS_ACT, method="POST", data={"identifier": "004217"}),
    RouteCase("compensation.payee", lambda w, s: f"/councils/{w.council.slug}/compensation/payees/999999",
              signed_in(FORBIDDEN, coordinator=NOT_FOUND, admin=NOT_FOUND), name="unknown person"),
]
