import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from councilportal.councils.models import MembershipRole
from councilportal.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState
from councilportal.timeutil import STOCKHOLM
from tests.factories import make_membership
from tests.meetings.factories import PDF_BYTES, make_document, make_meeting


def meeting_form(**overrides) -> dict:
    data = {"title": "Rådsmöte mars", "starts_at": "2027-03-02T13:00", "ends_at": "2027-03-02T15:30",
            "location": "Stadshuset, sal 2", "online_url": "https://möte.example.se/rad", "description": "",
            "case_number": "KS 2027/12"}
    return data | overrides


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def agenda_titles(session, meeting) -> list[str]:
    session.expire_all()
    return list(session.scalars(sa.select(AgendaItem.title).where(AgendaItem.meeting_id == meeting.id)
                                .order_by(AgendaItem.position)))


def test_the_coordinator_creates_a_draft_in_swedish_time(client, auth, world, session):
    auth.login(world.coordinator)
    response = client.post("/councils/socialtjanst/meetings/new", data=meeting_form())
    assert response.status_code == 302
    meeting = session.scalar(sa.select(Meeting))
    assert response.headers["Location"] == f"/meetings/{meeting.id}/agenda"
    # 13.00 in Stockholm in March is 12.00 UTC (winter time); in October before the change, 11.00 UTC.
    assert meeting.starts_at == datetime(2027, 3, 2, 12, 0, tzinfo=UTC)
    assert meeting.state is MeetingState.DRAFT
    page = client.get(f"/meetings/{meeting.id}").text
    assert "tisdag 2 mars 2027 kl. 13.00–15.30" in page
    assert "Utkast" in page and "KS 2027/12" in page


def test_summer_time_is_taken_into_account(client, auth, world, session):
    auth.login(world.coordinator)
    client.post("/councils/socialtjanst/meetings/new",
                data=meeting_form(starts_at="2027-10-30T13:00", ends_at="2027-10-31T13:00"))
    meeting = session.scalar(sa.select(Meeting))
    assert meeting.starts_at == datetime(2027, 10, 30, 11, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2027, 10, 31, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("overrides, message", [
    ({"ends_at": "2027-03-02T12:00"}, "Mötet måste sluta efter att det har börjat."),
    ({"ends_at": "2027-03-02T13:00"}, "Mötet måste sluta efter att det har börjat."),
    ({"starts_at": "i morgon"}, "Fyll i datum och klockslag"),
    ({"title": ""}, "Fyll i mötets rubrik."),
    ({"title": "x" * 201}, "Högst 200 tecken."),
    ({"online_url": "ftp://example.se"}, "Länken ska börja med https://."),
])
def test_bad_meeting_input_is_refused_on_the_form_and_nothing_is_created(client, auth, world, session,
                                                                       overrides, message):
    auth.login(world.coordinator)
    response = client.post("/councils/socialtjanst/meetings/new", data=meeting_form(**overrides))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert message in response.text
    assert count(session, Meeting) == 0


def test_a_meeting_for_an_unknown_council_is_not_found(client, auth, world, session):
    auth.login(world.admin)
    assert client.post("/councils/finns-inte/meetings/new", data=meeting_form()).status_code == 404
    assert count(session, Meeting) == 0


def test_a_coordinator_cannot_edit_a_meeting_of_a_council_they_do_not_coordinate(client, auth, world, session):
    meeting = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Öppet möte")
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/edit", data=meeting_form(title="Kapat"))
    assert response.status_code == 403
    session.expire_all()
    assert session.get(Meeting, meeting.id).title == "Öppet möte"


def test_the_coordinator_edits_a_meeting_and_sees_the_new_time(client, auth, world, session):
    meeting = make_meeting(session, world.council)
    session.commit()
    auth.login(world.coordinator)
    form = client.get(f"/meetings/{meeting.id}/edit").text
    local_start = meeting.starts_at.astimezone(STOCKHOLM)
    assert f'value="{local_start:%Y-%m-%dT%H:%M}"' in form
    response = client.post(f"/meetings/{meeting.id}/edit", data=meeting_form(title="Flyttat möte"),
                           follow_redirects=True)
    assert "Mötet är sparat." in response.text
    assert "Flyttat möte" in response.text


def test_the_agenda_is_built_and_reordered_with_plain_form_posts(client, auth, world, session):
    meeting = make_meeting(session, world.council)
    session.commit()
    auth.login(world.coordinator)
    for title in ("Mötets öppnande", "Budget 2027", "Övriga frågor"):
        response = client.post(f"/meetings/{meeting.id}/agenda", data={"title": title, "planned_minutes": "10",
                                                                      "description": f"Om {title.lower()}"})
        assert response.status_code == 302
    assert "Om budget 2027" in client.get(f"/meetings/{meeting.id}/agenda").text
    budget = session.scalar(sa.select(AgendaItem).where(AgendaItem.title == "Budget 2027"))

    response = client.post(f"/meetings/{meeting.id}/agenda/{budget.id}/move", data={"direction": "up"},
                           follow_redirects=True)

    assert "Punkten Budget 2027 är flyttad till plats 1." in response.text
    assert agenda_titles(session, meeting) == ["Budget 2027", "Mötets öppnande", "Övriga frågor"]
    page = client.get(f"/meetings/{meeting.id}").text
    assert page.index("Budget 2027") < page.index("Mötets öppnande") < page.index("Övriga frågor")


def test_a_reorder_for_an_item_of_another_meeting_is_not_found_and_changes_nothing(client, auth, world, session):
    meeting = make_meeting(session, world.council, items=2)
    other = make_meeting(session, world.council, items=2)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/agenda/{other.agenda_items[1].id}/move",
                           data={"direction": "up"})
    assert response.status_code == 404
    assert agenda_titles(session, other) == ["Punkt 1", "Punkt 2"]
    assert agenda_titles(session, meeting) == ["Punkt 1", "Punkt 2"]


def test_an_unknown_direction_is_a_bad_request(client, auth, world, session):
    meeting = make_meeting(session, world.council, items=2)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{meeting.id}/agenda/{meeting.agenda_items[0].id}/move",
                           data={"direction": "sideways"})
    assert response.status_code == 400
    assert agenda_titles(session, meeting) == ["Punkt 1", "Punkt 2"]


def test_an_item_is_edited_and_removed(client, auth, world, session):
    meeting = make_meeting(session, world.council, items=2)
    session.commit()
    auth.login(world.coordinator)
    first = meeting.agenda_items[0]
    response = client.post(f"/meetings/{meeting.id}/agenda/{first.id}/edit",
                           data={"title": "Information från förvaltningen", "presenter": "Maja Enhetschef",
                                 "planned_minutes": "0"})
    assert "Välj ett tal mellan 1 och 600." in response.text
    client.post(f"/meetings/{meeting.id}/agenda/{first.id}/edit",
                data={"title": "Information från förvaltningen", "presenter": "Maja Enhetschef"})
    assert "Föredragande: Maja Enhetschef" in client.get(f"/meetings/{meeting.id}").text
    response = client.post(f"/meetings/{meeting.id}/agenda/{first.id}/remove", follow_redirects=True)
    assert "Punkten Information från förvaltningen är borttagen." in response.text
    assert agenda_titles(session, meeting) == ["Punkt 2"]


def test_coordinators_keep_a_standard_agenda_and_prefill_from_it(client, auth, world, session):
    meeting = make_meeting(session, world.council)
    session.commit()
    auth.login(world.coordinator)
    client.post("/councils/socialtjanst/agenda-template",
                data={"agenda_template": "Mötets öppnande\nSynpunkter från brukarorganisationerna\nÖvriga frågor"})
    page = client.get(f"/meetings/{meeting.id}/agenda").text
    assert "Rådets standardpunkter: Mötets öppnande, Synpunkter från brukarorganisationerna, Övriga frågor." in page

    response = client.post(f"/meetings/{meeting.id}/agenda/prefill", follow_redirects=True)

    assert "3 standardpunkter är tillagda." in response.text
    assert agenda_titles(session, meeting) == ["Mötets öppnande", "Synpunkter från brukarorganisationerna",
                                               "Övriga frågor"]


def upload(client, meeting, filename: str, content: bytes, item_id: int = 0):
    return client.post(f"/meetings/{meeting.id}/documents",
                       data={"document-file": (io.BytesIO(content), filename),
                             "document-agenda_item_id": str(item_id)},
                       content_type="multipart/form-data")


def test_a_document_is_attached_to_an_item_and_downloaded_by_a_member(client, auth, world, session):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1)
    session.commit()
    auth.login(world.coordinator)
    response = upload(client, meeting, "Underlag budget 2027.pdf", PDF_BYTES, meeting.agenda_items[0].id)
    assert response.status_code == 302
    document = session.scalar(sa.select(MeetingDocument))
    assert document.agenda_item_id == meeting.agenda_items[0].id
    auth.logout()

    auth.login(world.representative)
    page = client.get(f"/meetings/{meeting.id}").text
    assert "Underlag budget 2027.pdf" in page
    download = client.get(f"/meetings/{meeting.id}/documents/{document.id}")
    assert download.status_code == 200
    assert download.data == PDF_BYTES
    assert "attachment" in download.headers["Content-Disposition"]
    download.close()


@pytest.mark.parametrize("filename, content, message", [
    ("program.exe", b"MZ\x90\x00", "Filtypen är inte tillåten."),
    ("falsk.pdf", b"<html>inte en pdf</html>", "Filens innehåll stämmer inte med filtypen pdf."),
    ("stor.pdf", PDF_BYTES + b"x" * 2048, "Filen är för stor. Största tillåtna storlek är 1 kB."),
])
def test_a_refused_document_is_explained_and_nothing_is_stored(make_app, world, session, tmp_path,
                                                             filename, content, message):
    app = make_app(UPLOAD_MAX_BYTES=1024)
    client = app.test_client()
    meeting = make_meeting(session, world.council)
    session.commit()
    client.post("/login", data={"email": world.coordinator.email, "password": "rätt-häst-batteri-häftklammer"})
    response = upload(client, meeting, filename, content)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert message in response.text
    assert count(session, MeetingDocument) == 0
    assert not any(path.is_file() for path in (tmp_path / "uploads").rglob("*"))


def test_a_document_of_another_meeting_is_not_found_through_this_one(client, auth, world, session):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    other = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    document = make_document(session, other)
    session.commit()
    auth.login(world.coordinator)
    assert client.get(f"/meetings/{meeting.id}/documents/{document.id}").status_code == 404
    assert client.post(f"/meetings/{meeting.id}/documents/{document.id}/remove").status_code == 404
    assert count(session, MeetingDocument) == 1


def test_a_draft_is_deleted_but_a_published_meeting_is_kept(client, auth, world, session):
    draft = make_meeting(session, world.council, title="Utkastet")
    published = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    session.commit()
    auth.login(world.coordinator)
    response = client.post(f"/meetings/{draft.id}/delete", follow_redirects=True)
    assert "Utkastet Utkastet är borttaget." in response.text
    response = client.post(f"/meetings/{published.id}/delete", follow_redirects=True)
    assert "Bara ett utkast kan tas bort." in response.text
    assert count(session, Meeting) == 1


def test_members_see_published_meetings_but_not_drafts(client, auth, world, session):
    make_meeting(session, world.council, title="Hemligt utkast")
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Vårens möte")
    make_meeting(session, world.council, state=MeetingState.CANCELLED, title="Inställt möte")
    make_meeting(session, world.council, state=MeetingState.MINUTES_APPROVED, title="Förra mötet",
                 starts_at=datetime.now(UTC) - timedelta(days=30))
    session.commit()
    auth.login(world.representative)
    page = client.get("/councils/socialtjanst/meetings").text
    assert "Vårens möte" in page and "Inställt möte" in page and "Förra mötet" in page
    assert "Hemligt utkast" not in page
    assert (page.index("Kommande möten") < page.index("Vårens möte")
            < page.index("Tidigare möten") < page.index("Förra mötet"))


def add_meetings(session, council, number: int) -> None:
    for _ in range(number):
        meeting = make_meeting(session, council, state=MeetingState.PUBLISHED, items=1)
        make_document(session, meeting)
    for _ in range(number):
        make_meeting(session, council, state=MeetingState.HELD, starts_at=datetime.now(UTC) - timedelta(days=40))
    session.commit()


def test_the_council_meeting_list_makes_the_same_queries_for_3_or_300_meetings(client, auth, world, session,
                                                                                count_queries):
    auth.login(world.coordinator)
    add_meetings(session, world.council, 3)
    # Each count is of a page built, not of a copy kept for the reader.
    with count_queries() as few:
        assert client.get("/councils/socialtjanst/meetings").status_code == 200
    add_meetings(session, world.council, 297)
    with count_queries() as many:
        assert client.get("/councils/socialtjanst/meetings").status_code == 200
    assert many.count == few.count, many.statements


@pytest.mark.parametrize("page, role", [("/meetings/{}", "representative"), ("/meetings/{}/agenda", "coordinator")])
def test_the_meeting_pages_make_the_same_queries_for_3_or_300_items(client, auth, world, session, count_queries,
                                                                    page, role):
    few_items = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=3)
    many_items = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=300)
    for meeting in (few_items, many_items):
        for item in meeting.agenda_items:
            make_document(session, meeting, item=item)
    session.commit()
    auth.login(world.by_role(role))
    # Each count is of a page built, not of a copy kept for the reader.
    with count_queries() as few:
        assert client.get(page.format(few_items.id)).status_code == 200
    with count_queries() as many:
        assert client.get(page.format(many_items.id)).status_code == 200
    assert many.count == few.count, many.statements


def test_my_meetings_lists_the_upcoming_meetings_of_my_councils(client, auth, world, session):
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Mitt rådsmöte")
    make_meeting(session, world.council, title="Utkast som väntar")
    make_meeting(session, world.council, state=MeetingState.HELD, title="Redan hållet",
                 starts_at=datetime.now(UTC) - timedelta(days=3))
    make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Annat råds möte")
    session.commit()

    auth.login(world.representative)
    page = client.get("/my-meetings").text
    assert 'href="/my-meetings" aria-current="page">Mina möten' in page
    assert "Mitt rådsmöte" in page and "Brukarrådet för socialtjänst" in page
    assert "Utkast som väntar" not in page and "Redan hållet" not in page and "Annat råds möte" not in page
    assert 'href="/profile#kalender">Prenumerera på dina möten' in page, "the way to subscribe to them all"
    auth.logout()

    auth.login(world.coordinator)
    page = client.get("/my-meetings").text
    assert "Mitt rådsmöte" in page and "Utkast som väntar" in page
    auth.logout()

    make_membership(session, world.council, world.admin, world.municipality, role=MembershipRole.OFFICIAL)
    session.commit()
    auth.login(world.admin)
    assert "Utkast som väntar" in client.get("/my-meetings").text, "drafts wherever the meeting page opens them"


def test_the_council_page_shows_the_next_meetings(client, auth, world, session):
    make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Öppet rådsmöte")
    make_meeting(session, world.public_council, state=MeetingState.CANCELLED, title="Inställt rådsmöte")
    make_meeting(session, world.public_council, title="Utkast till möte")
    session.commit()
    page = client.get(f"/councils/{world.public_council.slug}").text
    assert "Öppet rådsmöte" in page
    assert "Inställt rådsmöte" in page and "Inställt</span>" in page
    assert "Utkast till möte" not in page
    assert "Nytt möte" not in page
    auth.login(world.admin)
    page = client.get(f"/councils/{world.public_council.slug}").text
    assert "Utkast till möte" in page
    assert f'href="/councils/{world.public_council.slug}/meetings/new">Nytt möte' in page


def test_the_public_sees_a_cancelled_meeting_of_a_public_council_marked_as_cancelled(client, world, session):
    meeting = make_meeting(session, world.public_council, state=MeetingState.CANCELLED, title="Vårmötet")
    session.commit()
    page = client.get(f"/meetings/{meeting.id}").text
    assert "Mötet är inställt." in page
    assert "Ändra mötet" not in page


def test_a_drafts_agenda_editor_offers_to_publish_it(client, auth, world, session):
    draft = make_meeting(session, world.council, items=1)
    published = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1)
    session.commit()
    auth.login(world.coordinator)
    publish_form = f'action="/meetings/{draft.id}/publish"'
    assert publish_form in client.get(f"/meetings/{draft.id}/agenda").text
    assert "/publish" not in client.get(f"/meetings/{published.id}/agenda").text
