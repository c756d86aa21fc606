"""The annual report: assembled from the data, previewed, published as a frozen version, read and downloaded."""

import io
from datetime import date

import docx
import sqlalchemy as sa

from councilportal.answering.models import Outcome
from councilportal.audits.models import Decision, Recommendation
from councilportal.reports import services
from councilportal.reports.models import AnnualReport
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import FollowUpAnswer, Viewpoint, ViewpointFollowUp, Visibility
from tests.statistics import dataset


def test_the_report_is_assembled_from_the_year_s_data(session, world):
    made = dataset.build(session, world)
    made[0].visibility = Visibility.RESTRICTED  # never named in a report
    world.membership.term_start = date(2024, 1, 1)
    world.representative.show_name_publicly = True
    session.commit()
    content = services.assemble_report(session, world.council, 2025, dataset.TODAY)
    assert content["council"] == world.council.name and content["municipality"] == "Testkommun"
    assert content["organisations"] == [{"name": "RSMH Test", "people": ["Rut Representant"]}]
    assert content["figures"]["submitted"] == {"kind": "count", "value": 8, "suppressed": False}
    assert content["figures"]["withdrawn"] == {"kind": "count", "value": None, "suppressed": True}
    assert content["figures"]["final_median"]["value"] == 3.5
    assert content["previous_figures"] is None
    # Changed or partly changed and closed in 2025, in the order closed: 1 (January), 5 (March), 2 (June);
    # not 4, closed in 2026, nor 0, which is restricted.
    assert [change["actions"] for change in content["changes"]] == ["Åtgärd 1", "Åtgärd 5", "Åtgärd 2"]
    assert content["carried_over"] == {"kind": "count", "value": None, "suppressed": True}  # two: 4 and the overdue
    assert [subject["subject"] for subject in content["subjects"]] == ["Arbete", "Boende"]


def test_a_published_report_does_not_change_when_the_data_changes(client, auth, session, world):
    dataset.build(session, world)
    year = today_in_sweden().year - 1
    session.execute(Viewpoint.__table__.update().values(year=year))
    session.commit()
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/verksamhetsberattelse/{year}"
    assert client.post(f"{url}/utkast", data={"introduction": "Ett år av samarbete.",
                                               "closing": "Tack till alla."}).status_code == 302
    assert client.post(f"{url}/publicera").status_code == 302
    first = client.get(url)
    assert first.status_code == 200 and "Ett år av samarbete." in first.text and "version 1" in first.text
    stored = session.scalar(sa.select(AnnualReport)).content
    # The council is renamed and every outcome changes: the published version stays as it was.
    world.council.name = "Nytt namn"
    session.query(Viewpoint).update({Viewpoint.outcome: Outcome.NOT_CHANGED})
    session.commit()
    again = client.get(url)
    assert _report_of(again.text) == _report_of(first.text)
    assert "Brukarrådet för socialtjänst" in _report_of(again.text)
    session.expire_all()
    assert session.scalar(sa.select(AnnualReport)).content == stored
    # A new version takes the new data; the first stays readable.
    assert client.post(f"{url}/publicera").status_code == 302
    assert "Nytt namn" in client.get(url).text
    assert "Brukarrådet för socialtjänst" in client.get(f"{url}/version/1").text


def _report_of(page: str) -> str:
    return page[page.index("<article"):page.index("</article>")]


def test_the_report_downloads_as_an_editable_word_document(client, auth, session, world):
    dataset.build(session, world)
    year = today_in_sweden().year
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/verksamhetsberattelse/{year}"
    client.post(f"{url}/utkast", data={"introduction": "Inledningen.", "closing": ""})
    client.post(f"{url}/publicera")
    response = client.get(f"{url}?format=docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Inledningen." in text and "Verksamhetsberättelse" in text
    assert "Testkommun" in document.sections[0].header.paragraphs[0].text
    # The meetings, viewpoints, subjects, response times, satisfaction, year on year, follow-ups, audits and
    # their recommendations.
    assert len(document.tables) == 9


def test_an_unpublished_year_sends_its_coordinator_to_the_draft_and_others_nowhere(client, auth, session, world):
    year = today_in_sweden().year
    url = f"/councils/{world.public_council.slug}/verksamhetsberattelse/{year}"
    assert client.get(url).status_code == 404
    auth.login(world.admin)
    assert client.get(url).headers["Location"].endswith(f"{url}/utkast")
    next_year = f"/councils/{world.public_council.slug}/verksamhetsberattelse/{year + 1}/utkast"
    assert client.get(next_year).status_code == 404
    too_long = {"introduction": "x" * 20_001, "closing": ""}
    assert client.post(f"{url}/utkast", data=too_long).status_code == 400


def test_check_year_refuses_a_year_not_begun():
    import pytest

    from councilportal.errors import DomainError
    with pytest.raises(DomainError):
        services.check_year(2031, date(2030, 12, 31))


def test_the_report_tells_what_the_follow_ups_and_audits_of_the_year_found(session, world):
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    dataset.build_audits(session, world)
    content = services.assemble_report(session, world.council, 2025, dataset.TODAY)
    assert content["follow_ups"]["answered"] == {"kind": "count", "value": 5, "suppressed": False}
    assert content["follow_ups"]["answer_shares"]["yes"]["value"] == 0.4
    assert content["audit_figures"]["recommendations"]["value"] == 8
    assert content["audit_figures"]["decision_shares"]["accepted"]["value"] == 5 / 8
    assert [audit["title"] for audit in content["audits"]] == ["Granskning 1", "Granskning 2", "Granskning 3"]
    first = content["audits"][0]
    assert [r["decision"] for r in first["recommendations"]] == ["accepted", "accepted", "partly_accepted",
                                                                 "not_accepted", "accepted"]
    assert first["recommendations"][0]["carried_out"] == "yes" and first["recommendations"][0]["outcome"] == "changed"
    assert content["audits"][2]["recommendations"] == [], "drafts of a report in fieldwork are not the report's"
    # The team's lead has not chosen to show her name: the report, which may be read widely, leaves it out.
    assert first["team"] == []


def test_a_public_council_s_report_holds_only_audits_published_to_the_public(session, world):
    dataset.build_audits(session, world)
    world.representative.show_name_publicly = True
    session.commit()
    content = services.assemble_report(session, world.public_council, 2025, dataset.TODAY)
    assert [audit["title"] for audit in content["audits"]] == ["Granskning 5"]
    assert content["audits"][0]["team"] == ["Rut Representant"]
    assert content["audit_figures"]["recommendations"] == {"kind": "count", "value": None, "suppressed": True}


def test_a_published_report_does_not_change_when_follow_ups_and_audits_change(client, auth, session, world):
    dataset.build_follow_ups(session, world, dataset.build(session, world))
    audits = dataset.build_audits(session, world)
    year = today_in_sweden().year - 1
    session.execute(Viewpoint.__table__.update().values(year=year))
    session.commit()
    auth.login(world.coordinator)
    url = f"/councils/{world.council.slug}/verksamhetsberattelse/{year}"
    assert client.post(f"{url}/publicera").status_code == 302
    first = client.get(url)
    report = _report_of(first.text)
    assert "Genomförda åtgärder enligt årets uppföljningar" in report and "Granskning 1" in report
    assert "Godtas delvis" in report and "Rekommendation 5" in report
    stored = session.scalar(sa.select(AnnualReport)).content
    # Every follow-up answer becomes "no", the audits are renamed and their recommendations refused.
    session.execute(ViewpointFollowUp.__table__.update().values(answer=FollowUpAnswer.NO))
    for audit in audits:
        audit.title = "Omdöpt"
    session.execute(Recommendation.__table__.update().values(decision=Decision.NOT_ACCEPTED))
    session.commit()
    again = client.get(url)
    assert _report_of(again.text) == report and "Omdöpt" not in again.text
    session.expire_all()
    assert session.scalar(sa.select(AnnualReport)).content == stored
    word = docx.Document(io.BytesIO(client.get(f"{url}?format=docx").data))
    assert "Granskning 1" in "\n".join(paragraph.text for paragraph in word.paragraphs)
