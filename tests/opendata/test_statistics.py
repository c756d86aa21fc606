"""A public council's statistics in the API: the figures of its public statistics page, for a period, with the
same suppression; ETag and CORS like the rest of the API; nothing of a council that is not public."""

import pytest

from councilportal.viewpoints.models import Viewpoint, ViewpointFollowUp
from tests.statistics import dataset

URL = "/api/v1/councils/oppna-radet/statistics"


@pytest.fixture
def figures_of_2025(session, world):
    """The fixed data set of the statistics tests, moved to the public council."""
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    dataset.build_audits(session, world)
    session.execute(Viewpoint.__table__.update().values(council_id=world.public_council.id))
    session.commit()


def test_the_figures_are_those_of_the_statistics_page_with_the_same_suppression(client, figures_of_2025):
    answer = client.get(f"{URL}?year=2025")
    assert answer.status_code == 200, answer.text
    body = answer.json
    assert body["period"] == {"start": "2025-01-01", "end": "2025-12-31"} and body["minimum_base"] == 5
    viewpoints = body["viewpoints"]
    assert viewpoints["submitted"] == {"kind": "count", "value": 8, "suppressed": False}
    assert viewpoints["withdrawn"] == {"kind": "count", "value": None, "suppressed": True}
    assert viewpoints["working_days"]["to_final_answer"]["median"]["value"] == 3.5
    assert viewpoints["outcomes"]["changed"]["share"]["value"] == 0.5
    assert body["follow_ups"]["answers"]["yes"]["share"]["value"] == 0.4
    assert body["follow_ups"]["unanswered"]["suppressed"] is True
    # Only the audit published to the public counts: one audit, two recommendations, all suppressed.
    assert body["audits"]["audits"] == {"kind": "count", "value": None, "suppressed": True}
    assert body["audits"]["recommendations"]["suppressed"] is True
    page = client.get("/councils/oppna-radet/statistik?year=2025").text
    assert "Genomförda åtgärder" in page and "Brukarrevisioner" in page
    table = client.get("/councils/oppna-radet/statistik?year=2025&format=csv&table=follow-ups").data.decode("utf-8-sig")
    assert "Ja, åtgärderna har genomförts;färre än 5;40" in table


def test_a_quarter_and_a_date_range_narrow_the_period(client, figures_of_2025):
    second = client.get(f"{URL}?year=2025&quarter=2").json
    assert second["period"] == {"start": "2025-04-01", "end": "2025-06-30"}
    # April, May and two in June: four viewpoints, so even the count is suppressed.
    assert second["viewpoints"]["submitted"] == {"kind": "count", "value": None, "suppressed": True}
    ranged = client.get(f"{URL}?start=2025-01-01&end=2025-06-30&year=2024").json
    assert ranged["period"] == {"start": "2025-01-01", "end": "2025-06-30"}
    # 9 January, 3 March, 17 April, 30 May and 18 June.
    assert ranged["viewpoints"]["submitted"]["value"] == 5
    assert client.get(f"{URL}?year=2020").json["viewpoints"] is None


@pytest.mark.parametrize(("query", "parameter"), [
    ("year=twenty", "year"), ("year=1999", "year"), ("quarter=5&year=2025", "quarter"), ("quarter=2", "quarter"),
    ("start=2025-02-30", "start"), ("end=yesterday", "end"), ("start=2025-03-01&end=2025-02-01", "end"),
    ("year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95", "year"),
])
def test_a_bad_period_is_a_400_in_json(client, world, query, parameter):
    answer = client.get(f"{URL}?{query}")
    assert answer.status_code == 400 and answer.is_json and answer.json["parameter"] == parameter


def test_a_council_that_is_not_public_has_no_statistics(client, auth, world):
    auth.login(world.coordinator)
    answer = client.get("/api/v1/councils/socialtjanst/statistics")
    assert answer.status_code == 404 and answer.is_json


def test_etag_gives_304_until_a_follow_up_is_answered_and_every_site_may_read_it(client, session, world,
                                                                              figures_of_2025):
    first = client.get(URL)
    assert first.headers["Access-Control-Allow-Origin"] == "*" and "Set-Cookie" not in first.headers
    etag = first.headers["ETag"]
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304
    session.execute(ViewpointFollowUp.__table__.delete())
    session.commit()
    changed = client.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["follow_ups"]["asked"]["value"] == 0
