"""The Atom feed of a public council: well-formed Atom with new answers and approved minutes, no names."""

import xml.etree.ElementTree as ET

import pytest

from councilportal.opendata import feeds
from councilportal.reports import services as reports
from councilportal.timeutil import today_in_sweden
from tests.opendata.factories import add_open_data

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def data_in_feed(session, world):
    return add_open_data(session, world)


def parse(body: bytes) -> ET.Element:
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    # RFC 4287: a feed has an id, a title, an updated and an author (no entry has its own); so has each entry
    # an id, a title, an updated and a link, and no two entries share an id.
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        # A link without rel is rel="alternate" (RFC 4287, 4.2.7.2).
        assert entry.find(f"{ATOM}link").get("rel", "alternate") == "alternate"
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    return root


def test_the_feed_holds_new_answers_and_approved_minutes_newest_first(client, world, data_in_feed):
    answer = client.get("/councils/oppna-radet/feed.atom")
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    root = parse(answer.data)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    published = data_in_feed.published
    assert f"Svar på {published[0].reference}: Publicerad rubrik 0" in titles
    assert "Protokoll: Offentligt möte 1" in titles
    assert len(titles) == len(published) + 1
    updated = [entry.findtext(f"{ATOM}updated") for entry in root.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    for hidden in ("Inte godkänd än", "I ett internt råd", "Internt möte", "Max Chef", "Rut Representant"):
        assert hidden not in answer.text
    etag = answer.headers["ETag"]
    assert client.get("/councils/oppna-radet/feed.atom", headers={"If-None-Match": etag}).status_code == 304


def test_an_empty_council_has_a_valid_feed_and_a_private_one_none(client, world, session):
    parse(client.get("/councils/oppna-radet/feed.atom").data)
    assert client.get("/councils/socialtjanst/feed.atom").status_code == 404


def test_another_kind_of_entry_is_one_function(client, world, data_in_feed, monkeypatch):
    def reports(session, council, limit):
        return [feeds.FeedEntry(key="report-1", title="Verksamhetsberättelse 2026",
                                updated=data_in_feed.published[0].created_at, link="http://portal.test/r/1",
                                summary="Rådets år.")]

    monkeypatch.setattr(feeds, "ENTRY_KINDS", (*feeds.ENTRY_KINDS, reports))
    root = parse(client.get("/councils/oppna-radet/feed.atom").data)
    assert "Verksamhetsberättelse 2026" in [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_published_annual_reports_join_the_feed_and_drafts_do_not(client, world, session, data_in_feed):
    today = today_in_sweden()
    reports.save_draft(session, world.admin, world.public_council, today.year, today, introduction="Utkast",
                       closing="")
    reports.publish_report(session, world.admin, world.public_council, today.year - 1, today)
    reports.publish_report(session, world.admin, world.council, today.year - 1, today)
    session.commit()
    root = parse(client.get("/councils/oppna-radet/feed.atom").data)
    assert "verksamhetsberättelser" in root.findtext(f"{ATOM}subtitle")
    reports_in_feed = [entry for entry in root.findall(f"{ATOM}entry")
                       if entry.findtext(f"{ATOM}title").startswith("Verksamhetsberättelse")]
    assert [entry.findtext(f"{ATOM}title") for entry in reports_in_feed] == [
        f"Verksamhetsberättelse {today.year - 1}, version 1"]
    assert reports_in_feed[0].find(f"{ATOM}link").get("href").endswith(
        f"/councils/oppna-radet/verksamhetsberattelse/{today.year - 1}/version/1")
    assert feeds.annual_reports in feeds.ENTRY_KINDS
