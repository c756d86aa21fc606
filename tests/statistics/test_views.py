"""The statistics pages through the client: figures, suppression, filters, CSV and who sees what."""

import csv
import io

from tests.statistics import dataset


def test_a_coordinator_sees_the_council_s_figures_with_small_ones_suppressed(client, auth, session, world):
    dataset.build(session, world)
    auth.login(world.coordinator)
    page = client.get(f"/councils/{world.council.slug}/statistik?year=2025")
    assert page.status_code == 200
    text = page.text
    assert "Statistik för Brukarrådet för socialtjänst" in text
    assert "<svg" in text and "<script" not in text and "style=" not in text
    assert "färre än 5" in text
    assert "3,5" in text and "7,5" in text  # median and 90th percentile of working days to the final answer


def test_every_table_downloads_as_csv_with_the_figures_shown(client, auth, session, world):
    dataset.build(session, world)
    auth.login(world.coordinator)
    response = client.get(f"/councils/{world.council.slug}/statistik?year=2025&format=csv&table=response-times")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Sträcka", "Median", "90:e percentilen"]
    assert rows[3] == ["Från inskickad till slutligt svar", "3,5", "7,5"]
    overview = client.get(f"/councils/{world.council.slug}/statistik?year=2025&format=csv&table=overview")
    assert ["Återtagna", "färre än 5"] in list(csv.reader(io.StringIO(overview.data.decode("utf-8-sig")),
                                                           delimiter=";"))
    assert client.get(f"/councils/{world.council.slug}/statistik?format=csv&table=nothing").status_code == 404


def test_the_public_sees_nothing_of_a_council_that_is_not_public(client, session, world):
    dataset.build(session, world)
    page = client.get("/statistik?format=csv&table=overview")
    assert page.status_code == 200
    assert "Inskickade;8" not in page.data.decode("utf-8-sig")
    assert client.get(f"/councils/{world.council.slug}/statistik").status_code == 302


def test_a_manager_outside_the_council_sees_only_their_unit_s_viewpoints(client, auth, session, world):
    from tests.factories import make_unit, make_user
    from tests.viewpoints.factories import make_viewpoint
    dataset.build(session, world)
    other_unit = make_unit(session, world.municipality, "Annan enhet")
    other_manager = make_user(session, "Olle Chef", "olle@example.se", unit=other_unit)
    for _ in range(5):
        make_viewpoint(session, world.council, world.user_organisation, world.representative, unit=other_unit)
    session.commit()
    auth.login(other_manager)
    rows = client.get(f"/councils/{world.council.slug}/statistik?format=csv&table=overview").data.decode("utf-8-sig")
    assert "Inskickade;5" in rows


def test_bad_filters_get_a_message_not_an_error(client, auth, session, world):
    auth.login(world.coordinator)
    page = client.get("/statistik?quarter=2&start=2025-05-01&end=2025-01-01&unit=x")
    assert page.status_code == 200
    assert "Välj ett år för kvartalet." in page.text
    assert "Slutdatumet kan inte vara före startdatumet." in page.text
    for query in ("year=abc", "start=2025-13-45", "organisation=99999999999999999999", "subject=%00"):
        assert client.get(f"/statistik?{query}").status_code == 200, query
