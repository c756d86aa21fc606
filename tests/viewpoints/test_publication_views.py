"""Through the web: a public viewpoint reaches the public only after a coordinator confirms it, in the
wording the coordinator confirmed; every text that may be read by others is checked for personal data."""

import io

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from councilportal.extensions import db
from councilportal.uploads import store_upload
from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointAttachment,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint

PERSONNUMMER = "19850101-1236"
ORIGINAL_BODY = "Anna Andersson på Solgården föll i trappan."
CORRECTED_BODY = "En boende på Solgården föll i trappan."
WARNING = "inte om enskilda personer"


@pytest.fixture
def council(session, world):
    world.public_council.coordinators.append(world.coordinator)
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    session.commit()
    return world.public_council


def reload(app, viewpoint_id) -> Viewpoint:
    with app.app_context():
        return db.session.get(Viewpoint, viewpoint_id)


def submit_public(client, auth, world, council, **fields):
    auth.login(world.representative)
    response = client.post("/viewpoints/new", data={
        "on_behalf_of": f"{council.id}-{world.user_organisation.id}", "title": "Trappan på Solgården",
        "body": ORIGINAL_BODY, "visibility": "public", **fields})
    auth.logout()
    return response


def latest_viewpoint(app) -> Viewpoint:
    with app.app_context():
        return db.session.scalars(sa.select(Viewpoint).order_by(Viewpoint.id.desc())).first()


def public_pages(client, council, viewpoint) -> dict[str, tuple[int, str]]:
    pages = {
        "viewpoint": client.get(f"/viewpoints/{viewpoint.id}"),
        "list": client.get(f"/councils/{council.slug}/viewpoints"),
        "csv": client.get(f"/councils/{council.slug}/viewpoints?format=csv"),
    }
    return {name: (page.status_code, page.get_data(as_text=True)) for name, page in pages.items()}


def test_the_public_reads_a_public_viewpoint_only_after_confirmation_and_in_the_corrected_wording(
        client, auth, app, world, council):
    assert submit_public(client, auth, world, council).status_code == 302
    viewpoint = latest_viewpoint(app)
    pages = public_pages(client, council, viewpoint)
    assert pages["viewpoint"][0] == 302, "the public is sent to sign in, as for any council viewpoint"
    assert all("Solgården" not in text for _, text in pages.values())

    auth.login(world.coordinator)
    client.post(f"/viewpoints/{viewpoint.id}/receive", data={
        "receive-version": "1", "receive-unit_id": "0", "receive-manager_id": "0", "receive-deadline": "2099-01-02"})
    assert client.get(f"/viewpoints/{viewpoint.id}").text.count("Godkänn för publicering") == 1
    auth.logout()
    assert client.get(f"/viewpoints/{viewpoint.id}").status_code == 302, "received is not yet confirmed"

    auth.login(world.coordinator)
    confirmed = client.post(f"/viewpoints/{viewpoint.id}/publish", data={
        "publish-version": str(reload(app, viewpoint.id).version), "publish-public_title": "Trappan på Solgården",
        "publish-public_body": CORRECTED_BODY}, follow_redirects=True)
    assert "syns nu på rådets offentliga sida" in confirmed.text
    assert ORIGINAL_BODY in confirmed.text and CORRECTED_BODY in confirmed.text, "the coordinator sees both"
    assert "ändrade den offentliga lydelsen" in confirmed.text
    auth.logout()

    pages = public_pages(client, council, viewpoint)
    assert pages["viewpoint"][0] == 200
    assert CORRECTED_BODY in pages["viewpoint"][1]
    assert "Trappan på Solgården" in pages["list"][1] and "Trappan på Solgården" in pages["csv"][1]
    assert all("Anna Andersson" not in text for _, text in pages.values())
    searched = client.get(f"/councils/{council.slug}/viewpoints?q=Andersson").text
    assert "Trappan på Solgården" not in searched, "a word corrected away does not find the viewpoint"
    assert "Trappan på Solgården" in client.get(f"/councils/{council.slug}/viewpoints?q=boende").text

    auth.login(world.representative)
    assert "Trappan på Solgården" in client.get(f"/councils/{council.slug}/viewpoints?q=Andersson").text
    own = client.get(f"/viewpoints/{viewpoint.id}").text
    assert ORIGINAL_BODY in own and "Så ser allmänheten synpunkten" in own and CORRECTED_BODY in own


def test_ni_sa_vi_gjorde_shows_only_confirmed_viewpoints_in_their_public_wording(client, session, world, council):
    for title, published in (("Godkänd", True), ("Inte godkänd", False)):
        viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative, title=title,
                                   body=ORIGINAL_BODY, visibility=Visibility.PUBLIC, state=ViewpointState.ANSWERED,
                                   published=published)
        session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                      text="Ledstång är beställd."))
        if published:
            viewpoint.public_title, viewpoint.public_body = "Trappan", CORRECTED_BODY
    session.commit()
    page = client.get(f"/councils/{council.slug}/ni-sa-vi-gjorde").text
    assert "Trappan" in page and CORRECTED_BODY in page
    assert "Inte godkänd" not in page and "Anna Andersson" not in page


def test_the_coordinator_takes_a_viewpoint_off_the_public_page(client, auth, app, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED, published=True)
    session.commit()
    assert client.get(f"/viewpoints/{viewpoint.id}").status_code == 200
    auth.login(world.coordinator)
    response = client.post(f"/viewpoints/{viewpoint.id}/unpublish", data={"unpublish-version": "1"},
                           follow_redirects=True)
    assert "borttagen från den offentliga sidan" in response.text
    auth.logout()
    assert client.get(f"/viewpoints/{viewpoint.id}").status_code == 302
    assert reload(app, viewpoint.id).published_at is None


# --- Personal-data warnings ----------------------------------------------------------------------


def test_a_viewpoint_with_a_personnummer_is_held_back_with_a_warning_then_sent_anyway_and_flagged(
        client, auth, app, world, council):
    body = f"Anna Andersson, {PERSONNUMMER}, fick inget svar."
    warned = submit_public(client, auth, world, council, body=body)
    assert warned.status_code == 422
    assert WARNING in warned.text and f"personnummer {PERSONNUMMER}" in warned.text
    assert 'name="send_anyway"' in warned.text and "Skicka ändå" in warned.text
    assert body in warned.text, "the text is kept for editing"
    assert latest_viewpoint(app) is None

    assert submit_public(client, auth, world, council, body=body, send_anyway="y").status_code == 302
    viewpoint = latest_viewpoint(app)
    assert viewpoint.personal_data_flagged

    auth.login(world.coordinator)
    assert "Kan innehålla personuppgifter" in client.get(f"/viewpoints/{viewpoint.id}").text
    assert "Kan innehålla personuppgifter" in client.get(f"/councils/{council.slug}/viewpoints").text
    auth.login(world.representative)
    assert "Kan innehålla personuppgifter" not in client.get(f"/viewpoints/{viewpoint.id}").text


def test_the_blank_form_offers_no_send_anyway(client, auth, world, council):
    auth.login(world.representative)
    assert 'name="send_anyway"' not in client.get("/viewpoints/new").text


def test_a_comment_with_a_phone_number_is_warned_then_flagged(client, auth, app, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative)
    session.commit()
    auth.login(world.representative)
    warned = client.post(f"/viewpoints/{viewpoint.id}/comment", data={"comment-text": "Ring mig, 070-123 45 67"})
    assert warned.status_code == 422 and "telefonnummer 070-123 45 67" in warned.text
    assert 'name="comment-send_anyway"' in warned.text
    sent = client.post(f"/viewpoints/{viewpoint.id}/comment",
                       data={"comment-text": "Ring mig, 070-123 45 67", "comment-send_anyway": "y"})
    assert sent.status_code == 302
    with app.app_context():
        comment = db.session.scalars(sa.select(ViewpointEvent).where(
            ViewpointEvent.kind == EventKind.COMMENTED)).one()
        assert comment.personal_data_flagged


def test_an_answer_with_an_e_mail_address_is_warned_then_flagged(client, auth, app, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, manager=world.manager)
    session.commit()
    auth.login(world.manager)
    data = {"answer-version": "1", "answer-kind": "final", "answer-text": "Skriv till vaktmastare@example.se."}
    warned = client.post(f"/viewpoints/{viewpoint.id}/answer", data=data)
    assert warned.status_code == 422 and "e-postadress vaktmastare@example.se" in warned.text
    sent_anyway = client.post(f"/viewpoints/{viewpoint.id}/answer", data={**data, "answer-send_anyway": "y"})
    assert sent_anyway.status_code == 302
    with app.app_context():
        assert db.session.scalars(sa.select(ViewpointResponse)).one().personal_data_flagged
    auth.login(world.coordinator)
    assert "Kan innehålla personuppgifter" in client.get(f"/viewpoints/{viewpoint.id}").text


def test_the_coordinator_is_warned_before_publishing_personal_data(client, auth, app, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED)
    session.commit()
    auth.login(world.coordinator)
    data = {"publish-version": "1", "publish-public_title": "Trappan", "publish-public_body": f"Gäller {PERSONNUMMER}."}
    warned = client.post(f"/viewpoints/{viewpoint.id}/publish", data=data)
    assert warned.status_code == 422 and "Publicera ändå" in warned.text and WARNING in warned.text
    assert reload(app, viewpoint.id).published_at is None
    client.post(f"/viewpoints/{viewpoint.id}/publish", data={**data, "publish-send_anyway": "y"})
    assert reload(app, viewpoint.id).published_at is not None


def test_attachments_stay_with_the_council_when_the_viewpoint_is_published(client, auth, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED, published=True)
    stored = store_upload(session, FileStorage(io.BytesIO(b"Intyg"), "intyg.txt"))
    attachment = ViewpointAttachment.of_upload(stored, viewpoint_id=viewpoint.id)
    session.add(attachment)
    session.commit()
    url = f"/viewpoints/{viewpoint.id}/attachments/{attachment.id}"
    assert "intyg.txt" not in client.get(f"/viewpoints/{viewpoint.id}").text
    assert client.get(url).status_code == 302
    auth.login(world.representative)
    assert "intyg.txt" in client.get(f"/viewpoints/{viewpoint.id}").text
    with client.get(url) as download:
        assert download.status_code == 200


def test_a_withdrawn_published_viewpoint_can_still_be_taken_down(client, auth, session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.WITHDRAWN, published=True)
    session.commit()
    auth.login(world.coordinator)
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert "Ta bort från den offentliga sidan" in page and "Godkänn för publicering" not in page
    assert client.post(f"/viewpoints/{viewpoint.id}/unpublish", data={"unpublish-version": "1"}).status_code == 302
