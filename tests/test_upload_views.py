"""Uploads through the forms that take them (meeting documents, viewpoint attachments), on both storages:
a bad file is refused on the form and leaves nothing behind; a good one comes back as a safe download."""

import io
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from councilportal.meetings.models import MeetingDocument, MeetingState
from councilportal.uploads import StoredFileChunk
from councilportal.viewpoints.models import Viewpoint, ViewpointAttachment
from tests.conftest import TEST_PASSWORD
from tests.meetings.factories import make_meeting

PDF = b"%PDF-1.4\n% en liten handling\n%%EOF\n"
STORAGES = ["folder", "database"]


@dataclass
class UploadForm:
    """One form that takes files: who uses it, how a file is posted, and where an upload lands."""

    name: str
    refused_status: int
    row: type

    def post(self, client, world, meeting_id: int, filename: str, content: bytes, **headers):
        if self.name == "meeting document":
            return client.post(f"/meetings/{meeting_id}/documents", headers=headers,
                               data={"document-file": (io.BytesIO(content), filename), "document-agenda_item_id": "0"},
                               content_type="multipart/form-data")
        return client.post("/viewpoints/new", headers=headers, content_type="multipart/form-data", data={
            "on_behalf_of": f"{world.council.id}-{world.user_organisation.id}", "title": "Längre öppettider",
            "body": "Mötesplatsen stänger för tidigt.", "subject": "", "visibility": "council",
            "attachments": [(io.BytesIO(content), filename)]})

    def uploader(self, world):
        return world.coordinator if self.name == "meeting document" else world.representative

    def page(self, meeting_id: int) -> str:
        return f"/meetings/{meeting_id}/agenda" if self.name == "meeting document" else "/viewpoints/new"

    def download_url(self, row) -> str:
        if self.name == "meeting document":
            return f"/meetings/{row.meeting_id}/documents/{row.id}"
        return f"/viewpoints/{row.viewpoint_id}/attachments/{row.id}"


FORMS = [UploadForm("meeting document", 200, MeetingDocument), UploadForm("viewpoint attachment", 422,
                                                                          ViewpointAttachment)]


@pytest.fixture(params=FORMS, ids=lambda form: form.name.replace(" ", "-"))
def form(request) -> UploadForm:
    return request.param


def signed_in_client(app, person):
    client = app.test_client()
    assert client.post("/login", data={"email": person.email, "password": TEST_PASSWORD}).status_code == 302
    return client


def nothing_stored(session, tmp_path) -> bool:
    rows = [session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (MeetingDocument, ViewpointAttachment, Viewpoint, StoredFileChunk)]
    files = [path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]
    return rows == [0, 0, 0, 0] and files == []


def is_stored(session, tmp_path, key: str) -> bool:
    in_database = session.scalar(sa.select(sa.func.count()).where(StoredFileChunk.storage_key == key))
    return bool(in_database) or (tmp_path / "uploads" / key[:2] / key).is_file()


@pytest.mark.parametrize("storage", STORAGES)
@pytest.mark.parametrize(("filename", "content", "message"), [
    ("falsk.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "Filens innehåll stämmer inte med filtypen pdf."),
    ("anteckning.txt", b"<html><script>alert(1)</script></html>", "Filens innehåll stämmer inte med filtypen txt."),
    ("../../etc/passwd.pdf", PDF, "Filnamnet får inte innehålla en sökväg"),
    ("undermapp/protokoll.pdf", PDF, "Filnamnet får inte innehålla en sökväg"),
    ("protokoll\x1b[2J.pdf", PDF, "Filnamnet innehåller osynliga tecken eller styrtecken."),
    ("faktura\u202efdp.exe.pdf", PDF, "Filnamnet innehåller osynliga tecken eller styrtecken."),
    ("stor.pdf", PDF + b"x" * 2048, "Filen är för stor. Största tillåtna storlek är 1 kB."),
])
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_stored(make_app, world, session, tmp_path, form, storage,
                                                                 filename, content, message):
    app = make_app(UPLOAD_MAX_BYTES=1024, UPLOAD_STORAGE=storage)
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    session.commit()
    response = form.post(signed_in_client(app, form.uploader(world)), world, meeting.id, filename, content)
    assert response.status_code == form.refused_status
    assert 'class="error-summary"' in response.text
    assert message in response.text
    assert "\x1b" not in response.text and "\u202e" not in response.text
    assert nothing_stored(session, tmp_path)


@pytest.mark.parametrize("storage", STORAGES)
def test_a_request_over_the_size_limit_is_explained_with_a_way_back_and_nothing_is_stored(
        make_app, world, session, tmp_path, form, storage):
    app = make_app(MAX_CONTENT_LENGTH=4096, UPLOAD_MAX_BYTES=2048, UPLOAD_STORAGE=storage)
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    session.commit()
    response = form.post(signed_in_client(app, form.uploader(world)), world, meeting.id, "stor.pdf",
                         PDF + b"x" * 8192, Referer=f"http://localhost{form.page(meeting.id)}")
    assert response.status_code == 413
    assert ("Det du skickade var för stort, så ingenting har sparats. En fil får vara högst 2 kB och allt "
            "som skickas på en gång högst 4 kB." in response.text)
    assert f'<a href="{form.page(meeting.id)}">Tillbaka till formuläret</a>' in response.text
    assert nothing_stored(session, tmp_path)


def test_the_way_back_never_leads_to_another_site(make_app, world, session):
    app = make_app(MAX_CONTENT_LENGTH=4096)
    response = app.test_client().post("/login", data={"email": (io.BytesIO(b"x" * 8192), "a.txt")},
                                      content_type="multipart/form-data", headers={"Referer": "https://evil.test/"})
    assert response.status_code == 413
    assert "evil.test" not in response.text
    assert "Tillbaka till formuläret" not in response.text


@pytest.mark.parametrize("storage", STORAGES)
def test_an_upload_comes_back_as_a_download_the_browser_saves_and_never_sniffs(make_app, world, session, form,
                                                                             storage):
    app = make_app(UPLOAD_STORAGE=storage)
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    session.commit()
    client = signed_in_client(app, form.uploader(world))
    text = "Dagordning: <b>inte HTML</b>\nÅsikter om öppettider.\n".encode()
    assert form.post(client, world, meeting.id, "Dagordning för mötet.txt", text).status_code == 302
    row = session.scalars(sa.select(form.row)).one()
    with client.get(form.download_url(row)) as download:
        assert download.status_code == 200
        assert download.data == text
        assert download.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        assert download.headers["Content-Disposition"] == (
            "attachment; filename=\"Dagordning for motet.txt\"; "
            "filename*=UTF-8''Dagordning%20f%C3%B6r%20m%C3%B6tet.txt")


@pytest.mark.parametrize("storage", STORAGES)
def test_removing_a_document_or_its_draft_meeting_removes_the_stored_file(make_app, world, session, tmp_path, storage):
    app = make_app(UPLOAD_STORAGE=storage)
    meeting = make_meeting(session, world.council, state=MeetingState.DRAFT)
    session.commit()
    client = signed_in_client(app, world.coordinator)
    documents = FORMS[0]
    for name in ("kallelse.pdf", "bilaga.pdf"):
        assert documents.post(client, world, meeting.id, name, PDF).status_code == 302
    first, second = session.scalars(sa.select(MeetingDocument).order_by(MeetingDocument.id)).all()
    assert not nothing_stored(session, tmp_path)

    assert client.post(f"/meetings/{meeting.id}/documents/{first.id}/remove").status_code == 302
    assert [is_stored(session, tmp_path, document.storage_key) for document in (first, second)] == [False, True]
    assert client.post(f"/meetings/{meeting.id}/delete").status_code == 302
    assert nothing_stored(session, tmp_path)
