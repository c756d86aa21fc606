from tests.access import OK, RouteCase, signed_in

CASES = [RouteCase("startpage.index", lambda w, s: "/att-gora", signed_in(OK))]
