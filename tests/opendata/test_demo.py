"""The demo's follow-ups and open data, as the demo accounts find them in the portal."""

import sqlalchemy as sa

from councilportal import demo
from councilportal.viewpoints.models import Viewpoint

REPRESENTATIVE = "representant@exempel.se"
COORDINATOR = "samordnare@exempelstad.se"


def test_the_demo_has_follow_ups_waiting_and_answered_and_open_data(client, auth, session):
    demo.seed(session)
    session.commit()

    auth.login(COORDINATOR, "brukarrad-demo")
    again = client.get("/viewpoints/?take_up_again=y").text
    assert "Kallelser till möten med socialtjänsten kommer för sent" in again
    assert "Öppettider på härbärget under helger" not in again, "a yes is not taken up again"
    auth.logout()

    auth.login(REPRESENTATIVE, "brukarrad-demo")
    waiting = session.scalar(sa.select(Viewpoint.id).where(Viewpoint.title.startswith("Väntetider till första")))
    assert "Väntetider till första" in client.get("/viewpoints/my-organisation").text
    assert "Svara på uppföljningen" in client.get(f"/viewpoints/{waiting}").text
    auth.logout()

    councils = client.get("/api/v1/councils").json["items"]
    assert [council["slug"] for council in councils] == ["socialtjanst-och-beroende"]
    viewpoints = client.get("/api/v1/councils/socialtjanst-och-beroende/viewpoints").json["items"]
    assert len(viewpoints) >= 5 and any(v["outcome"] for v in viewpoints)
    meetings = client.get("/api/v1/councils/socialtjanst-och-beroende/meetings").json["items"]
    assert any(m["minutes_url"] for m in meetings)
    feed = client.get("/councils/socialtjanst-och-beroende/feed.atom").text
    assert "Protokoll:" in feed and "Svar på BR-" in feed
