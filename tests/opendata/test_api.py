"""The open data API: public councils only, public wording, no names but chosen ones, pages, ETag, CORS."""

import pytest

from tests.opendata.factories import add_open_data

API = "/api/v1"


@pytest.fixture
def data(session, world):
    return add_open_data(session, world)


def all_pages(client, url: str) -> list[dict]:
    items = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        items += answer.json["items"]
        url = answer.json["next"]
    return items


def test_only_public_councils_are_listed_and_a_private_one_does_not_exist(client, auth, world, data):
    listed = client.get(f"{API}/councils").json
    assert [c["slug"] for c in listed["items"]] == ["oppna-radet"] and listed["next_cursor"] is None
    for path in ("", "/meetings", "/viewpoints"):
        missing = client.get(f"{API}/councils/socialtjanst{path}")
        assert missing.status_code == 404 and missing.json["status"] == 404
    auth.login(world.admin)
    assert client.get(f"{API}/councils/socialtjanst").status_code == 404, "signed in changes nothing"
    assert client.get(f"{API}/councils/socialtjanst/feed.atom").status_code == 404
    assert client.get(f"{API}/no/such/thing").json["status"] == 404


def test_viewpoints_are_the_published_ones_in_public_wording_without_names(client, world, session, data):
    items = all_pages(client, f"{API}/councils/oppna-radet/viewpoints?limit=2")
    assert [v["reference"] for v in items] == [v.reference for v in data.published]
    first = items[0]
    assert first["title"] == "Publicerad rubrik 0" and first["organisation"] == "RSMH Test"
    assert first["outcome"] == "changed" and first["rating"] == 4
    assert first["answers"][0]["text"] == "Svar 0" and first["answers"][0]["actions"] == "Ny rutin."
    text = client.get(f"{API}/councils/oppna-radet/viewpoints").text
    for name in ("Rut Representant", "Max Chef", "Inte godkänd än", "Bara för rådet", "I ett internt råd"):
        assert name not in text
    world.manager.show_name_publicly = True
    session.commit()
    assert client.get(f"{API}/councils/oppna-radet/viewpoints").json["items"][0]["answers"][0]["given_by"] == "Max Chef"


def test_meetings_are_the_published_ones_by_start_with_minutes_links(client, data):
    items = all_pages(client, f"{API}/councils/oppna-radet/meetings?limit=1")
    assert [m["title"] for m in items] == ["Offentligt möte 0", "Offentligt möte 1", "Offentligt möte 2"]
    assert [m["state"] for m in items] == ["published", "minutes_approved", "cancelled"]
    assert items[1]["minutes_url"].endswith(f"/meetings/{data.meetings[1].id}/minutes")
    assert items[0]["minutes_url"] is None


@pytest.mark.parametrize("query", ["cursor=nonsense", "cursor=", "cursor=WyJjb3VuY2lscyJd", "limit=0",
                                   "limit=101", "limit=x", "cursor=WyJtZWV0aW5ncyIsIngiLDFd",
                                   "cursor=WyJ2aWV3cG9pbnRzIiwiMjAyNi0wMS0wMVQwMDowMDowMCIsMV0",
                                   "cursor=WyJ2aWV3cG9pbnRzIiwiMjAyNi0wMS0wMVQwMDowMDowMCswMDowMCIsOTk5OTk5OTk5OTk5XQ"])
@pytest.mark.parametrize("path", ["/councils", "/councils/oppna-radet/meetings", "/councils/oppna-radet/viewpoints"])
def test_bad_parameters_are_a_400_in_json(client, data, path, query):
    answer = client.get(f"{API}{path}?{query}")
    assert answer.status_code == 400 and answer.is_json and answer.json["parameter"] in ("cursor", "limit")


def test_etag_gives_304_until_something_public_changes(client, session, data):
    url = f"{API}/councils/oppna-radet/viewpoints"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    data.published[0].public_title = "Rättad rubrik"
    session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_every_site_may_read_it_without_a_session(client, data):
    for path in ("/councils", "/councils/oppna-radet", "/openapi.json", "/councils/oppna-radet/viewpoints"):
        answer = client.get(f"{API}{path}")
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in answer.headers["Access-Control-Expose-Headers"]
        assert "Set-Cookie" not in answer.headers
    preflight = client.options(f"{API}/councils", headers={"Origin": "https://example.org",
                                                          "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_the_openapi_document_is_3_1_and_names_every_route(client):
    document = client.get(f"{API}/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {"/councils", "/councils/{slug}", "/councils/{slug}/meetings",
                                      "/councils/{slug}/viewpoints", "/councils/{slug}/statistics"}
