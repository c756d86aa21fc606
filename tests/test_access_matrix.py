"""Every route × every role gets the status the domain's access table says."""

import pytest

from tests.access import FORBIDDEN, NOT_FOUND, REDIRECT, ROLES
from tests.accounts.access import CASES as ACCOUNT_CASES
from tests.audits.access import CASES as AUDIT_CASES
from tests.calendar.access import CASES as CALENDAR_CASES
from tests.compensation.access import CASES as COMPENSATION_CASES
from tests.councils.access import CASES as COUNCIL_CASES
from tests.meetings.access import CASES as MEETING_CASES
from tests.meetings.minutes_access import CASES as MINUTES_CASES
from tests.meetings.reply_access import CASES as REPLY_CASES
from tests.opendata.access import CASES as OPENDATA_CASES
from tests.organisations.access import CASES as ORGANISATION_CASES
from tests.privacy.access import CASES as PRIVACY_CASES
from tests.reports.access import CASES as REPORT_CASES
from tests.site_settings.access import CASES as SITE_SETTINGS_CASES
from tests.startpage.access import CASES as STARTPAGE_CASES
from tests.statistics.access import CASES as STATISTICS_CASES
from tests.viewpoints.access import CASES as VIEWPOINT_CASES
from tests.viewpoints.agenda_access import CASES as VIEWPOINT_AGENDA_CASES
from tests.viewpoints.list_access import CASES as VIEWPOINT_LIST_CASES

CASES = [*ACCOUNT_CASES, *ORGANISATION_CASES, *COUNCIL_CASES, *PRIVACY_CASES, *MEETING_CASES, *CALENDAR_CASES,
         *VIEWPOINT_CASES, *VIEWPOINT_AGENDA_CASES,
         *VIEWPOINT_LIST_CASES,
         *MINUTES_CASES,
         *AUDIT_CASES, *STATISTICS_CASES, *REPORT_CASES, *REPLY_CASES, *STARTPAGE_CASES, *COMPENSATION_CASES,
         *OPENDATA_CASES, *SITE_SETTINGS_CASES]


def _refused(case, role: str) -> bool:
    status = case.expect[role]
    return status in (FORBIDDEN, NOT_FOUND) or (role == "public" and status == REDIRECT)


# A refusal is decided by a policy in Python on what the allowed path reads too, so it runs on one
# database; every route's allowed path, which does the route's real work, runs on both.
@pytest.mark.parametrize(("case", "role"), [
    pytest.param(case, role, id=f"{case.id}-{role}", marks=[pytest.mark.one_database] if _refused(case, role) else [])
    for case in CASES for role in ROLES])
def test_route_gives_each_role_the_expected_status(client, auth, session, world, case, role):
    user = world.by_role(role)
    url = case.url(world, session)
    session.commit()
    if user is not None:
        auth.login(user)
    response = client.open(url, method=case.method, data=case.data)
    response.close()  # a download holds its file open until closed
    assert response.status_code == case.expect[role], f"{case.id} as {role}: {response.status_code}"
    if role == "public" and case.method == "GET" and response.status_code == 302:
        assert response.headers["Location"].startswith("/login?next="), "the public is sent to sign in"


def test_every_route_and_method_has_a_case(app):
    covered = {(case.endpoint, case.method) for case in CASES}
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
        if method == "GET" or "GET" not in rule.methods
    }
    missing = sorted(routes - covered)
    assert not missing, f"routes without an access case: {missing}"
