import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.answering.models import Outcome
from councilportal.extensions import db
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointAttachment,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from tests.viewpoints.factories import make_viewpoint


def seat(world) -> str:
    return f"{world.council.id}-{world.user_organisation.id}"


def submission(world, **fields):
    return {"on_behalf_of": seat(world), "title": "Längre öppettider", "body": "Mötesplatsen stänger **för tidigt**.",
            "subject": "Sysselsättning", "visibility": "council", **fields}


def reload(app, viewpoint_id) -> Viewpoint:
    with app.app_context():
        return db.session.get(Viewpoint, viewpoint_id)


# --- Submitting ----------------------------------------------------------------------------------


def test_a_representative_submits_a_viewpoint_and_lands_on_its_page(client, auth, world, app):
    auth.login(world.representative)
    page = client.get("/viewpoints/new")
    assert page.status_code == 200
    assert "Brukarrådet för socialtjänst, för RSMH Test" in page.text
    response = client.post("/viewpoints/new", data=submission(world), follow_redirects=True)
    year = today_in_sweden().year
    assert f"har fått referensnummer BR-{year}-0001" in response.text
    assert "<strong>för tidigt</strong>" in response.text
    assert "Rut Representant" in response.text and "skickade in synpunkten" in response.text


def test_the_council_can_be_chosen_beforehand_from_a_link(client, auth, world):
    auth.login(world.representative)
    page = client.get(f"/viewpoints/new?council={world.council.slug}")
    assert f'value="{seat(world)}" selected' in page.text or f'selected value="{seat(world)}"' in page.text


def test_attachments_are_kept_and_downloadable_by_those_who_see_the_viewpoint(client, auth, world, app):
    auth.login(world.representative)
    data = submission(world, attachments=[(io.BytesIO(b"%PDF-1.4 protokoll"), "protokoll.pdf")])
    response = client.post("/viewpoints/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalars(sa.select(ViewpointAttachment)).one()
        viewpoint_id, attachment_id = stored.viewpoint_id, stored.id
    page = client.get(f"/viewpoints/{viewpoint_id}")
    assert "protokoll.pdf" in page.text
    with client.get(f"/viewpoints/{viewpoint_id}/attachments/{attachment_id}") as download:
        assert download.status_code == 200 and download.data == b"%PDF-1.4 protokoll"
    auth.logout()
    auth.login(world.outsider)
    assert client.get(f"/viewpoints/{viewpoint_id}/attachments/{attachment_id}").status_code == 403


def test_a_disguised_attachment_is_refused_and_nothing_is_saved(client, auth, world, app):
    auth.login(world.representative)
    data = submission(world, attachments=[(io.BytesIO(b"MZ\x90\x00 not a pdf"), "virus.pdf")])
    response = client.post("/viewpoints/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "virus.pdf: Filens innehåll stämmer inte med filtypen pdf." in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Viewpoint.id))) == 0


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "Skriv en rubrik."),
    ({"body": "x" * 1_000_000}, "Högst 20000 tecken."),
    ({"visibility": "everyone"}, "Välj ett av alternativen."),
    ({"on_behalf_of": "999-999"}, "Välj ett av alternativen."),
])
def test_bad_submissions_are_refused_with_a_clear_message_and_nothing_saved(client, auth, world, app, fields, message):
    auth.login(world.representative)
    response = client.post("/viewpoints/new", data=submission(world, **fields))
    assert response.status_code == 422
    assert message in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Viewpoint.id))) == 0


def test_a_viewpoint_for_a_council_one_is_not_a_member_of_is_refused(client, auth, world, app, session):
    auth.login(world.representative)
    other = f"{world.public_council.id}-{world.user_organisation.id}"
    response = client.post("/viewpoints/new", data=submission(world, on_behalf_of=other))
    assert response.status_code == 422 and "Välj ett av alternativen." in response.text
    auth.logout()
    auth.login(world.outsider)
    assert client.post("/viewpoints/new", data=submission(world)).status_code == 403
    assert session.scalar(sa.select(sa.func.count(Viewpoint.id))) == 0


def test_script_tags_in_the_text_are_shown_as_text(client, auth, world):
    auth.login(world.representative)
    response = client.post("/viewpoints/new", follow_redirects=True, data=submission(
        world, title="<script>alert('rubrik')</script>", body="<script>alert('text')</script>"))
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#39;rubrik&#39;)&lt;/script&gt;" in response.text
    assert "&lt;script&gt;alert(" in response.text


# --- The page and its panels ---------------------------------------------------------------------


def test_each_person_sees_the_panels_their_role_allows(client, auth, world, session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    url = f"/viewpoints/{viewpoint.id}"
    expected = {
        world.coordinator: ({"Ta emot och fördela", "Kommentera"}, {"Svara", "Ta tillbaka synpunkten"}),
        world.representative: ({"Ta tillbaka synpunkten", "Kommentera"}, {"Ta emot och fördela", "Svara"}),
        world.manager: ({"Kommentera"}, {"Ta emot och fördela", "Ta tillbaka synpunkten"}),
    }
    for person, (shown, hidden) in expected.items():
        auth.login(person)
        page = client.get(url).text
        for title in shown:
            assert f">{title}</h3>" in page, (person.name, title)
        for title in hidden:
            assert f">{title}</h3>" not in page, (person.name, title)
        auth.logout()


def test_the_receive_panel_proposes_the_working_day_deadline(client, auth, world, session):
    from councilportal.timeutil import working_days_after
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert f'value="{working_days_after(today_in_sweden(), 20).isoformat()}"' in page
    assert "Max Chef (Socialförvaltningen)" in page


def test_the_public_sees_a_public_viewpoint_without_names_or_comments(client, world, session):
    viewpoint = make_viewpoint(session, world.public_council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.CLOSED, outcome=Outcome.CHANGED,
                               rating=4, unit=world.unit, manager=world.manager, published=True)
    session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                  text="Vi har ändrat öppettiderna."))
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=world.coordinator, kind=EventKind.COMMENTED,
                               text="Intern anteckning"))
    session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=world.representative, kind=EventKind.REOPENED,
                               text="Vår ordförande är sjuk"))
    session.commit()
    page = client.get(f"/viewpoints/{viewpoint.id}")
    assert page.status_code == 200
    for shown in ("Vi har ändrat öppettiderna.", "Det har ändrats", "4 – nöjd", "RSMH Test", "Socialförvaltningen"):
        assert shown in page.text
    assert "RSMH Test</strong>: öppnade synpunkten igen" in page.text
    for hidden in ("Rut Representant", "Max Chef", "Cora Samordnare", "Intern anteckning", "Vår ordförande är sjuk",
                   "<form method=\"post\" action=\"/viewpoints"):
        assert hidden not in page.text


def test_a_restricted_viewpoint_is_not_shown_to_another_organisations_representative(client, auth, world, session):
    from tests.viewpoints.cast import build_cast
    cast = build_cast(session, world)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.RESTRICTED)
    session.commit()
    auth.login(cast.other_representative)
    assert client.get(f"/viewpoints/{viewpoint.id}").status_code == 403


# --- Actions -------------------------------------------------------------------------------------


def test_the_coordinator_receives_and_assigns_in_one_step(client, auth, world, session, app):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.coordinator)
    deadline = today_in_sweden() + timedelta(days=30)
    response = client.post(f"/viewpoints/{viewpoint.id}/receive", follow_redirects=True, data={
        "receive-version": "1", "receive-unit_id": str(world.unit.id), "receive-manager_id": str(world.manager.id),
        "receive-deadline": deadline.isoformat()})
    assert "Synpunkten är mottagen." in response.text
    received = reload(app, viewpoint.id)
    assert (received.state, received.responsible_manager_id, received.deadline) == (
        ViewpointState.RECEIVED, world.manager.id, deadline)


def test_a_manager_answers_and_the_representative_closes_with_a_rating(client, auth, world, session, app):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=world.manager)
    session.commit()
    auth.login(world.manager)
    response = client.post(f"/viewpoints/{viewpoint.id}/answer", follow_redirects=True, data={
        "answer-version": "1", "answer-kind": "final", "answer-text": "Vi öppnar till 20.",
        "answer-actions": "Beslut i nämnden.", "answer-follow_up_on": ""})
    assert "Svaret är lämnat." in response.text and "Vi öppnar till 20." in response.text
    auth.logout()
    auth.login(world.representative)
    bad = client.post(f"/viewpoints/{viewpoint.id}/close", data={
        "close-version": "2", "close-outcome": "changed", "close-rating": "7"})
    assert bad.status_code == 422 and "Välj ett av alternativen." in bad.text
    assert reload(app, viewpoint.id).state is ViewpointState.ANSWERED
    closed = client.post(f"/viewpoints/{viewpoint.id}/close", follow_redirects=True, data={
        "close-version": "2", "close-outcome": "partly_changed", "close-rating": "4"})
    assert "Synpunkten är avslutad." in closed.text
    final = reload(app, viewpoint.id)
    assert (final.state, final.outcome, final.rating) == (ViewpointState.CLOSED, Outcome.PARTLY_CHANGED, 4)


def test_answering_a_viewpoint_assigned_to_someone_else_is_forbidden(client, auth, world, session, app):
    from tests.viewpoints.cast import build_cast
    cast = build_cast(session, world)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=world.manager)
    session.commit()
    auth.login(cast.other_manager)
    response = client.post(f"/viewpoints/{viewpoint.id}/answer", data={
        "answer-version": "1", "answer-kind": "final", "answer-text": "Mitt svar"})
    assert response.status_code == 403
    assert reload(app, viewpoint.id).state is ViewpointState.RECEIVED


def test_closing_a_withdrawn_viewpoint_says_why_and_changes_nothing(client, auth, world, session, app):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.WITHDRAWN)
    session.commit()
    auth.login(world.representative)
    response = client.post(f"/viewpoints/{viewpoint.id}/close", data={
        "close-version": "1", "close-outcome": "changed", "close-rating": "3"})
    assert response.status_code == 422
    assert "En synpunkt som är återtagen kan inte avslutas." in response.text
    assert reload(app, viewpoint.id).state is ViewpointState.WITHDRAWN


def test_a_form_sent_after_someone_else_changed_the_viewpoint_is_kept_with_a_message(client, auth, world, session, app):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=world.manager)
    session.commit()
    auth.login(world.coordinator)
    client.post(f"/viewpoints/{viewpoint.id}/assign", data={
        "assign-version": "1", "assign-unit_id": str(world.unit.id), "assign-manager_id": "0"})
    auth.logout()
    auth.login(world.manager)
    response = client.post(f"/viewpoints/{viewpoint.id}/answer", data={
        "answer-version": "1", "answer-kind": "final", "answer-text": "Mitt omsorgsfullt skrivna svar"})
    assert response.status_code == 422
    assert "Synpunkten har ändrats av någon annan medan du skrev." in response.text
    assert "Mitt omsorgsfullt skrivna svar</textarea>" in response.text
    assert 'name="answer-version" type="hidden" value="2"' in response.text
    assert reload(app, viewpoint.id).state is ViewpointState.RECEIVED
    again = client.post(f"/viewpoints/{viewpoint.id}/answer", data={
        "answer-version": "2", "answer-kind": "final", "answer-text": "Mitt omsorgsfullt skrivna svar"})
    assert again.status_code == 302


def test_comment_reopen_and_withdraw_from_the_page(client, auth, world, session, app):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.ANSWERED, unit=world.unit)
    session.commit()
    auth.login(world.representative)
    empty = client.post(f"/viewpoints/{viewpoint.id}/comment", data={"comment-text": " "})
    assert empty.status_code == 422 and "Skriv en kommentar." in empty.text
    client.post(f"/viewpoints/{viewpoint.id}/comment", data={"comment-text": "Tack för svaret."})
    reopened = client.post(f"/viewpoints/{viewpoint.id}/reopen", follow_redirects=True, data={
        "reopen-version": "1", "reopen-comment": "Gäller det helger?"})
    assert "Tack för svaret." in reopened.text and "Gäller det helger?" in reopened.text
    client.post(f"/viewpoints/{viewpoint.id}/withdraw", data={"withdraw-version": "2"})
    assert reload(app, viewpoint.id).state is ViewpointState.WITHDRAWN


def test_the_page_makes_as_many_queries_with_500_events_as_with_5(client, auth, world, session, count_queries):
    small = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                           state=ViewpointState.IN_PROGRESS, unit=world.unit, manager=world.manager)
    large = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                           state=ViewpointState.IN_PROGRESS, unit=world.unit, manager=world.manager)
    actors = [world.coordinator, world.representative, world.manager]
    for viewpoint, count in ((small, 5), (large, 500)):
        session.add_all(ViewpointEvent(viewpoint_id=viewpoint.id, actor=actors[i % 3], kind=EventKind.COMMENTED,
                                       text=f"Kommentar {i}") for i in range(count))
        session.add_all(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=False,
                                          text=f"Delbesked {i}") for i in range(count // 5))
    session.commit()
    auth.login(world.coordinator)
    counts = []
    for viewpoint in (small, large):
        with count_queries() as counter:
            assert client.get(f"/viewpoints/{viewpoint.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_the_council_page_offers_its_representatives_to_submit_a_viewpoint_there(client, auth, world):
    link = f'href="/viewpoints/new?council={world.council.slug}"'
    auth.login(world.representative)
    assert link in client.get(f"/councils/{world.council.slug}").text
    auth.logout()
    auth.login(world.manager)
    assert link not in client.get(f"/councils/{world.council.slug}").text


def test_the_page_speaks_english_when_asked(client, auth, world, session):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}?lang=en").text
    for english in ("Receive and assign", "Timeline", "submitted the viewpoint", "Answer by"):
        assert english in page
