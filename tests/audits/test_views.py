"""An audit from commissioning to closing through its pages, and what the public reads of it."""

import sqlalchemy as sa

from councilportal.audits.models import Audit, AuditState, Recommendation, RecommendationState
from councilportal.timeutil import today_in_sweden
from tests.audits.factories import make_audit


def test_an_audit_goes_from_commissioning_to_closing_through_its_pages(client, auth, session, world):
    world.public_council.coordinators.append(world.coordinator)
    session.commit()
    auth.login(world.coordinator)
    page = client.get("/audits/new")
    assert "Beställ en granskning" in page.text
    response = client.post("/audits/new", data={
        "title": "Boendestödet i Exempelstad", "unit_id": world.unit.id, "council_id": world.public_council.id,
        "purpose": "Hur upplever de boende stödet?", "team": [world.representative.id],
        "lead_id": world.representative.id, "contact_id": world.manager.id, "is_public": "y"})
    assert response.status_code == 302, response.text
    audit = session.scalars(sa.select(Audit)).one()
    assert client.post(f"/audits/{audit.id}/fieldwork", data={"fieldwork-version": audit.version}).status_code == 302
    auth.logout()

    auth.login(world.representative)
    page = client.get(f"/audits/{audit.id}")
    assert "Skriv aldrig namnen på dem som intervjuas." in page.text
    assert client.post(f"/audits/{audit.id}/interviews", data={
        "interview-starts_at": "2026-05-04T10:00", "interview-users": "5", "interview-relatives": "1",
        "interview-staff": "3"}).status_code == 302
    session.refresh(audit)
    assert client.post(f"/audits/{audit.id}/report", data={
        "report-version": audit.version, "report-summary": "De boende är nöjda med bemötandet.",
        "report-findings": "Kontinuiteten brister."}).status_code == 302
    for text in ("Inför fasta kontaktpersoner.", "Gör planerna begripliga.", "Erbjud stöd på kvällar."):
        assert client.post(f"/audits/{audit.id}/recommendations",
                           data={"recommendation-text": text}).status_code == 302
    session.refresh(audit)
    assert client.post(f"/audits/{audit.id}/submit", data={"submit-version": audit.version}).status_code == 302
    auth.logout()

    auth.login(world.manager)
    for number in (1, 2, 3):
        response = client.post(f"/audits/{audit.id}/recommendations/{number}/answer", data={
            f"r{number}-answer-kind": "final", f"r{number}-answer-decision": "accepted",
            f"r{number}-answer-text": "Vi gör så.", f"r{number}-answer-actions": "Nytt schema."})
        assert response.status_code == 302, response.text
    session.refresh(audit)
    assert audit.state is AuditState.ANSWERED
    auth.logout()

    auth.login(world.representative)
    for number in (1, 2, 3):
        assert client.post(f"/audits/{audit.id}/recommendations/{number}/follow-up", data={
            f"r{number}-follow_up-carried_out": "yes", f"r{number}-follow_up-outcome": "changed",
            f"r{number}-follow_up-rating": "4"}).status_code == 302
    session.refresh(audit)
    assert audit.state is AuditState.FOLLOWED_UP
    auth.logout()

    auth.login(world.coordinator)
    assert client.post(f"/audits/{audit.id}/close", data={"close-version": audit.version}).status_code == 302
    auth.logout()

    public = client.get(f"/audits/{audit.id}")
    assert public.status_code == 200
    assert "De boende är nöjda med bemötandet." in public.text and "Erbjud stöd på kvällar." in public.text
    assert "Vi gör så." in public.text and "Det har ändrats" in public.text
    for name in (world.representative.name, world.manager.name, world.coordinator.name):
        assert name not in public.text
    assert "Intervjuer" not in public.text
    assert audit.title in client.get("/audits/").text


def test_a_person_who_chose_to_show_their_name_is_named_on_the_public_page(client, session, world):
    world.representative.show_name_publicly = True
    audit = make_audit(session, world, state=AuditState.REPORT, recommendations=1, public=True)
    session.commit()
    assert world.representative.name in client.get(f"/audits/{audit.id}").text


def test_a_failed_answer_is_shown_again_with_the_reason_and_nothing_written(client, auth, session, world):
    audit = make_audit(session, world, state=AuditState.REPORT, recommendations=1)
    session.commit()
    auth.login(world.manager)
    response = client.post(f"/audits/{audit.id}/recommendations/1/answer", data={
        "r1-answer-kind": "final", "r1-answer-text": "Vi gör så."})
    assert response.status_code == 422
    assert "Välj om rekommendationen godtas." in response.text
    session.expire_all()
    assert session.scalars(sa.select(Recommendation)).one().state is RecommendationState.AWAITING_ANSWER


def test_nonsense_input_gets_a_message_never_a_server_error(client, auth, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    session.commit()
    auth.login(world.representative)
    for path, data in [
        ("interviews", {"interview-starts_at": "igår", "interview-users": "-4", "interview-staff": "x"}),
        ("hours", {"hours-user_id": "abc", "hours-activity": "sleep", "hours-worked_on": "2026-13-45",
                   "hours-hours": "1e400"}),
        ("report", {"report-summary": "\x00", "report-version": "not a number"}),
        ("recommendations", {"recommendation-text": "x" * 6000}),
        ("recommendations/999/answer", {"r999-answer-kind": "final"}),
    ]:
        response = client.post(f"/audits/{audit.id}/{path}", data=data)
        assert response.status_code in (404, 422), (path, response.status_code)
    assert client.get("/audits/?state=nonsense&unit=x&year=99999").status_code == 200
    assert client.get("/audits/audits.csv?year=abc").status_code == 200


def test_the_list_filters_by_state_unit_and_year_and_exports_csv(client, auth, session, world):
    make_audit(session, world, title="Granskning i fält", state=AuditState.FIELDWORK)
    make_audit(session, world, title="Planerad granskning")
    session.commit()
    auth.login(world.coordinator)
    listed = client.get("/audits/?state=fieldwork").text
    assert "Granskning i fält" in listed and "Planerad granskning" not in listed
    year = today_in_sweden().year
    assert "Planerad granskning" in client.get(f"/audits/?unit={world.unit.id}&year={year}").text
    assert "Planerad granskning" not in client.get(f"/audits/?year={year - 1}").text
    csv = client.get("/audits/audits.csv?state=planned")
    assert csv.mimetype == "text/csv" and "Planerad granskning" in csv.text and "Granskning i fält" not in csv.text


def test_an_audit_of_a_private_council_is_not_listed_for_the_public(client, session, world):
    make_audit(session, world, state=AuditState.CLOSED, recommendations=1)
    session.commit()
    assert "Granskning av boendestödet" not in client.get("/audits/").text


def test_auditors_hours_appear_in_the_attendance_report_beside_meetings(client, auth, session, world):
    audit = make_audit(session, world, state=AuditState.FIELDWORK)
    session.commit()
    auth.login(world.representative)
    response = client.post(f"/audits/{audit.id}/hours", data={
        "hours-user_id": world.representative.id, "hours-activity": "interviews",
        "hours-worked_on": today_in_sweden().isoformat(), "hours-hours": "2.5"})
    assert response.status_code == 302, response.text
    auth.logout()
    auth.login(world.coordinator)
    report = client.get(f"/councils/{world.council.slug}/attendance-report")
    assert "Brukarrevision" in report.text and world.representative.name in report.text and "2,5" in report.text
