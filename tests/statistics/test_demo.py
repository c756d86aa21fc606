"""The demo's statistics and last year's published report show actions carried out and audits with real
figures, not only "färre än 5"."""

import sqlalchemy as sa

from councilportal import demo
from councilportal.councils.models import Council
from councilportal.reports.models import AnnualReport
from councilportal.timeutil import today_in_sweden

COORDINATOR = "samordnare@exempelstad.se"


def test_the_demo_shows_follow_ups_and_audits_in_the_statistics_the_api_and_last_year_s_report(client, auth,
                                                                                               session):
    demo.seed(session)
    session.commit()
    last_year = today_in_sweden().year - 1

    statistics = client.get(f"/api/v1/councils/socialtjanst-och-beroende/statistics?year={last_year}").json
    follow_ups, audits = statistics["follow_ups"], statistics["audits"]
    assert not follow_ups["answered"]["suppressed"] and follow_ups["answered"]["value"] >= 5
    assert any(not answer["share"]["suppressed"] and answer["share"]["value"] for answer in
               follow_ups["answers"].values())
    assert audits["recommendations"]["value"] >= 5 and not audits["decisions"]["accepted"]["share"]["suppressed"]
    assert not audits["answered_in_time"]["suppressed"] and audits["followed_up"]["value"] >= 5

    for slug in ("socialtjanst-och-beroende", "vuxenpsykiatri"):
        council = session.scalar(sa.select(Council).where(Council.slug == slug))
        report = session.scalar(sa.select(AnnualReport).where(AnnualReport.council_id == council.id,
                                                              AnnualReport.year == last_year))
        assert report.content["audits"], slug
        assert report.content["follow_ups"]["answered"]["value"], slug
        assert report.content["audit_figures"]["recommendations"]["value"], slug

    page = client.get(f"/councils/socialtjanst-och-beroende/verksamhetsberattelse/{last_year}").text
    assert "Årets brukarrevisioner" in page and "Genomförda åtgärder enligt årets uppföljningar" in page
    auth.login(COORDINATOR, "brukarrad-demo")
    assert "Brukarrevisioner efter läge" in client.get("/statistik").text
