"""The viewpoint list pages: what each person finds, filters and search in the address, CSV, paging."""

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from councilportal.csvexport import ROWS_PER_CHUNK
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints.models import Viewpoint, ViewpointState, Visibility
from tests.conftest import Auth
from tests.factories import make_membership, make_organisation, make_unit, make_user
from tests.viewpoints.factories import make_viewpoint


def rows_of(csv_response) -> list[dict]:
    text = csv_response.data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def listed(session, world):
    today = today_in_sweden()

    def viewpoint(title, **fields):
        council = fields.pop("council", world.council)
        organisation = fields.pop("organisation", world.user_organisation)
        return make_viewpoint(session, council, organisation, world.representative, title=title, **fields)

    viewpoints = {
        "received": viewpoint("Väntetider på boendestöd", state=ViewpointState.RECEIVED, unit=world.unit,
                              deadline=today + timedelta(days=10), subject="Boende"),
        "new": viewpoint("Kallelser kommer sent"),
        "late": viewpoint("Tolk vid besök", state=ViewpointState.IN_PROGRESS, manager=world.manager,
                          deadline=today - timedelta(days=3)),
        "restricted": viewpoint("Bemötande på en enhet", visibility=Visibility.RESTRICTED),
        "public": viewpoint("Öppna frågor", council=world.public_council, visibility=Visibility.PUBLIC,
                            published=True),
    }
    session.commit()
    return viewpoints


def test_the_coordinator_sees_the_councils_viewpoints_with_new_ones_first(client, auth, world, listed):
    auth.login(world.coordinator)
    page = client.get(f"/councils/{world.council.slug}/viewpoints").text
    positions = {key: page.index(viewpoint.title) for key, viewpoint in listed.items() if key != "public"}
    assert positions["new"] < positions["received"] and positions["restricted"] < positions["received"]
    assert listed["public"].title not in page
    assert "5 synpunkter" not in page and "4 synpunkter" in page


def test_a_member_of_another_organisation_does_not_see_a_restricted_viewpoint(client, auth, session, world, listed):
    other = make_user(session, "Annan Ledamot")
    make_membership(session, world.council, other, make_organisation(session, "Attention Test"))
    session.commit()
    auth.login(other)
    page = client.get(f"/councils/{world.council.slug}/viewpoints").text
    assert listed["received"].title in page
    assert listed["restricted"].title not in page


def test_the_public_sees_only_public_viewpoints_of_a_public_council(client, world, listed):
    assert listed["public"].title in client.get(f"/councils/{world.public_council.slug}/viewpoints").text
    assert client.get(f"/councils/{world.council.slug}/viewpoints").status_code == 302


def test_filters_and_search_are_read_from_the_address(client, auth, world, listed):
    auth.login(world.coordinator)

    def shown(query: str) -> list[str]:
        page = client.get(f"/councils/{world.council.slug}/viewpoints{query}").text
        return [key for key, viewpoint in listed.items() if viewpoint.title in page]

    assert shown("?q=boendestöd") == ["received"]
    assert shown("?state=in_progress") == ["late"]
    assert shown("?overdue=y") == ["late"]
    assert shown(f"?unit={world.unit.id}") == ["received"]
    assert shown("?subject=boende") == ["received"]
    assert shown(f"?organisation={world.user_organisation.id}&state=submitted") == ["new", "restricted"]


def test_bad_filter_values_are_explained_and_the_list_still_shows(client, auth, world, listed):
    auth.login(world.coordinator)
    response = client.get(f"/councils/{world.council.slug}/viewpoints?state=kung&unit=abc&year=1&q=" + "x" * 300)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "Välj ett av alternativen." in response.text
    assert "Högst 200 tecken." in response.text
    assert listed["new"].title in response.text


def test_the_csv_has_the_same_rows_as_the_filtered_list_with_swedish_columns(client, auth, world, listed):
    auth.login(world.coordinator)
    response = client.get(f"/councils/{world.council.slug}/viewpoints?overdue=y&format=csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = rows_of(response)
    assert [row["Titel"] for row in rows] == ["Tolk vid besök"]
    row = rows[0]
    assert row["Referens"] == listed["late"].reference
    assert row["Råd"] == world.council.name
    assert row["Status"] == "Under handläggning"
    assert row["Ansvarig chef"] == world.manager.name
    assert row["Försenad"] == "Ja"
    assert set(rows[0]) >= {"Organisation", "Ansvarig enhet", "Svar senast", "Utfall", "Betyg"}


def test_the_list_page_links_to_the_csv_with_the_same_filters(client, auth, world, listed):
    auth.login(world.coordinator)
    page = client.get(f"/councils/{world.council.slug}/viewpoints?q=tolk").text
    assert f"/councils/{world.council.slug}/viewpoints?format=csv&amp;q=tolk" in page


def test_my_councils_list_spans_councils_but_not_public_ones_i_do_not_sit_on(client, auth, world, listed):
    auth.login(world.representative)
    page = client.get("/viewpoints/").text
    assert listed["received"].title in page and listed["restricted"].title in page
    assert listed["public"].title not in page


def test_my_organisations_list_is_for_representatives(client, auth, session, world, listed):
    make_viewpoint(session, world.council, make_organisation(session, "Attention Test"), None, title="Attentions")
    session.commit()
    auth.login(world.representative)
    page = client.get("/viewpoints/my-organisation").text
    assert listed["late"].title in page and "Attentions" not in page
    auth.logout()
    auth.login(world.manager)
    assert client.get("/viewpoints/my-organisation").status_code == 403


def test_assigned_list_puts_overdue_first_then_by_deadline(client, auth, session, world, listed):
    today = today_in_sweden()
    make_viewpoint(session, world.council, world.user_organisation, None, title="Besvarad tidigare",
                   state=ViewpointState.ANSWERED, unit=world.unit, deadline=today - timedelta(days=30))
    make_viewpoint(session, world.council, world.user_organisation, None, title="Annan enhets",
                   unit=make_unit(session, world.municipality, "Boendestöd"), deadline=today)
    session.commit()
    auth.login(world.manager)
    page = client.get("/viewpoints/assigned").text
    order = [page.index(title) for title in ("Tolk vid besök", "Väntetider på boendestöd", "Besvarad tidigare")]
    assert order == sorted(order)
    assert "Annan enhets" not in page
    assert "Försenad" in page


def test_the_menu_offers_the_lists_each_person_has(client, auth, world):
    auth.login(world.representative)
    menu = client.get("/my-councils").text
    assert "Min organisations synpunkter" in menu and "Att besvara" not in menu
    auth.logout()
    auth.login(world.manager)
    menu = client.get("/my-councils").text
    assert "Att besvara" in menu and "Min organisations synpunkter" not in menu


def test_pages_of_a_long_list_keep_the_filters(client, auth, session, world, make_app):
    for number in range(30):
        make_viewpoint(session, world.council, world.user_organisation, None, title=f"Fråga nummer {number}")
    session.commit()
    auth.login(world.coordinator)
    first = client.get(f"/councils/{world.council.slug}/viewpoints?q=fråga").text
    assert "Sida 1 av 2" in first
    assert f"/councils/{world.council.slug}/viewpoints?q=fr%C3%A5ga&amp;page=2" in first


@pytest.mark.parametrize("path", ["/councils/socialtjanst/viewpoints", "/viewpoints/", "/viewpoints/assigned",
                                  "/viewpoints/my-organisation", "/viewpoints/?q=fråga&overdue=y"])
def test_list_pages_make_the_same_number_of_queries_for_5_or_500_viewpoints(client, auth, session, world,
                                                                             count_queries, path):
    def add(count):
        units = [world.unit, make_unit(session, world.municipality)]
        organisations = [world.user_organisation, make_organisation(session)]
        for number in range(count):
            make_viewpoint(session, world.council, organisations[number % 2], world.representative,
                           title=f"Fråga {number}", unit=units[number % 2], manager=world.manager,
                           deadline=today_in_sweden() - timedelta(days=number % 3))
        session.commit()

    login_as = world.manager if "assigned" in path else world.representative
    auth.login(login_as)
    add(5)
    # Each count is of the first request after the data changed: the page is built, not kept.
    with count_queries() as few:
        assert client.get(path).status_code == 200
    add(495)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count, many.statements


def test_every_list_loads_its_rows_by_one_statement_whatever_it_filters_on(client, auth, world, listed,
                                                                           count_queries):
    """Each worker compiles and keeps the statement that loads a page's viewpoints once, not once per
    list and filter: with all it loads, that statement is among the largest a worker keeps."""
    auth.login(world.coordinator)
    loading, shown = set(), []
    answered_for_the_public = f"/councils/{world.public_council.slug}/ni-sa-vi-gjorde"
    for path in ("/viewpoints/", "/viewpoints/?q=tolk", "/viewpoints/?overdue=y",
                 f"/councils/{world.council.slug}/viewpoints", answered_for_the_public):
        with count_queries() as counter:
            shown.append(client.get(path).text)
        # One statement in the compiled cache, though each length of the id list is written out anew.
        loading |= {re.sub(r"(.*) IN \(.*", r"\1 IN (…)", statement, flags=re.DOTALL)
                    for statement in counter.statements if statement.startswith("SELECT viewpoints.id, ")}
    assert len(loading) == 1, loading
    assert "Tolk vid besök" in shown[1] and "Kallelser kommer sent" not in shown[1]


@pytest.mark.parametrize("query", ["?page=abc", "?page=-3", "?page=99999", "?format=xml", "?overdue=maybe",
                                   "?council=999999", "?q=%00", "?subject=a%00b", "?year=abc&state="])
def test_odd_addresses_never_break_the_list(client, auth, world, listed, query):
    auth.login(world.representative)
    response = client.get(f"/viewpoints/{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_a_council_one_may_not_see_cannot_be_chosen_as_a_filter(client, auth, session, world, listed):
    auth.login(world.representative)
    response = client.get(f"/viewpoints/?council={world.public_council.id}")
    assert "Välj ett av alternativen." in response.text


def add_many_viewpoints(session, world, count: int) -> None:
    """`count` plain viewpoints of the world's council, inserted in one statement."""
    now = now_utc()
    session.execute(sa.insert(Viewpoint), [
        {"year": 2030, "serial": serial, "council_id": world.council.id, "organisation_id": world.user_organisation.id,
         "title": f"Fråga {serial}", "body": "Text", "created_at": now - timedelta(minutes=serial)}
        for serial in range(1, count + 1)
    ])
    session.commit()


def test_a_long_list_counts_to_a_thousand_and_still_pages_to_its_end(client, auth, session, world):
    add_many_viewpoints(session, world, 1100)
    auth.login(world.coordinator)
    first = client.get("/viewpoints/")
    assert "Fler än 1\u00a0000 synpunkter" in first.text
    assert "Sida 1<" in first.text and "Sida 1 av" not in first.text and 'rel="next"' in first.text
    beyond_the_count = client.get("/viewpoints/?page=41").text
    assert "Fråga 1001<" in beyond_the_count and 'rel="next"' in beyond_the_count
    last = client.get("/viewpoints/?page=44").text
    assert "Sida 44 av 44" in last and 'rel="next"' not in last and "Fråga 1100<" in last


def test_the_csv_is_streamed_and_reads_its_rows_in_batches(app, auth, session, world):
    """The first rows leave before the last are read, so a long export neither waits nor fills memory."""
    add_many_viewpoints(session, world, 2 * ROWS_PER_CHUNK + 10)
    client = FlaskClient(app)  # reads the body as it comes, as a browser does
    Auth(client).login(world.admin)
    loaded = []

    def count_loaded(viewpoint, _context):
        loaded.append(viewpoint.id)

    sa.event.listen(Viewpoint, "load", count_loaded)
    try:
        response = client.get("/viewpoints/?format=csv", buffered=False)
        assert response.is_streamed
        chunks = iter(response.response)
        header = next(chunks)
        assert header.decode("utf-8-sig").startswith("Referens;Titel")
        first_rows = next(chunks).decode()
        assert first_rows.count("\r\n") == ROWS_PER_CHUNK
        assert len(loaded) < 2 * ROWS_PER_CHUNK + 10, "every row was read before the first were sent"
        rest = b"".join(chunks).decode()
        assert first_rows.count("\r\n") + rest.count("\r\n") == 2 * ROWS_PER_CHUNK + 10
        assert len(loaded) == 2 * ROWS_PER_CHUNK + 10
        response.close()
    finally:
        sa.event.remove(Viewpoint, "load", count_loaded)
