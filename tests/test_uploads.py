"""Uploaded files: the checks, and both storages (the instance folder and the database) behind one interface."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound

from councilportal import create_app
from councilportal.config import ConfigurationError
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.uploads import (
    CHUNK_BYTES,
    StoredFileChunk,
    StoredUpload,
    delete_upload,
    send_upload,
    store_upload,
)
from tests.meetings.factories import make_document, make_meeting

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
STORAGES = ["folder", "database"]


def upload(content: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=filename)


@dataclass
class Row:
    """What a domain's row holds of an upload (the UploadedFile columns)."""

    storage_key: str
    filename: str
    content_type: str
    size: int

    @classmethod
    def of(cls, stored: StoredUpload) -> "Row":
        return cls(stored.key, stored.filename, stored.content_type, stored.size)


def stored_anywhere(tmp_path: Path) -> list:
    """Every file in the upload folder and every chunk in the database."""
    files = [path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]
    return files + list(db.session.scalars(sa.select(StoredFileChunk.storage_key)))


def download(response) -> bytes:
    response.direct_passthrough = False
    body = response.get_data()
    response.close()
    return body


@pytest.fixture(params=STORAGES)
def storage_app(request, make_app):
    return make_app(UPLOAD_STORAGE=request.param)


def test_a_pdf_is_kept_under_a_random_key_and_sent_back_as_a_download_under_its_swedish_name(storage_app):
    with storage_app.test_request_context():
        stored = store_upload(db.session, upload(PDF, "Protokoll för mötet.pdf"))
        db.session.commit()
        assert (stored.filename, stored.content_type, stored.size) == ("Protokoll för mötet.pdf", "application/pdf",
                                                                       len(PDF))
        response = send_upload(db.session, Row.of(stored))
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"] == (
            "attachment; filename=\"Protokoll for motet.pdf\"; filename*=UTF-8''Protokoll%20f%C3%B6r%20m%C3%B6tet.pdf")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert download(response) == PDF


def test_a_text_file_says_its_charset_once(storage_app):
    with storage_app.test_request_context():
        stored = store_upload(db.session, upload("Dagordning för mötet".encode(), "dagordning.txt"))
        db.session.commit()
        response = send_upload(db.session, Row.of(stored))
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        response.close()


def test_the_database_keeps_a_big_file_in_chunks_and_streams_them_one_by_one(make_app):
    app = make_app(UPLOAD_STORAGE="database", UPLOAD_MAX_BYTES=4 * CHUNK_BYTES)
    content = b"%PDF-" + bytes(range(256)) * (CHUNK_BYTES * 3 // 256)
    with app.test_request_context():
        stored = store_upload(db.session, upload(content, "stor.pdf"))
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).where(StoredFileChunk.storage_key == stored.key)) == 4
        response = send_upload(db.session, Row.of(stored))
        assert response.is_streamed
        assert response.content_length == len(content)
        pieces = list(response.response)
        response.close()
    assert [len(piece) for piece in pieces] == [CHUNK_BYTES] * 3 + [len(content) - 3 * CHUNK_BYTES]
    assert b"".join(pieces) == content


def test_a_file_stored_in_a_transaction_that_is_rolled_back_is_gone(storage_app, tmp_path):
    with storage_app.app_context():
        store_upload(db.session, upload(PDF, "a.pdf"))
        assert stored_anywhere(tmp_path)
        db.session.rollback()
        assert stored_anywhere(tmp_path) == []


def test_a_file_stored_in_a_session_closed_without_commit_is_gone(storage_app, tmp_path):
    with storage_app.app_context():
        store_upload(db.session, upload(PDF, "a.pdf"))
    with storage_app.app_context():
        assert stored_anywhere(tmp_path) == []


def test_a_file_is_deleted_when_the_deletion_commits_and_kept_when_it_is_rolled_back(storage_app, tmp_path):
    with storage_app.app_context():
        stored = store_upload(db.session, upload(b"hej", "a.txt"))
        db.session.commit()
        delete_upload(db.session, stored.key)
        db.session.rollback()
        assert stored_anywhere(tmp_path)
        delete_upload(db.session, stored.key)
        db.session.commit()
        assert stored_anywhere(tmp_path) == []


@pytest.mark.parametrize(("content", "filename", "message"), [
    (PDF, "program.exe", "Filtypen är inte tillåten"),
    (PDF, "utan-filändelse", "Filtypen är inte tillåten"),
    (b"MZ\x90\x00", "faktura.pdf", "stämmer inte med filtypen pdf"),
    (b"<!DOCTYPE html><script>alert(1)</script>", "faktura.pdf", "stämmer inte med filtypen pdf"),
    (b"\x00\x01binary", "anteckning.txt", "stämmer inte med filtypen txt"),
    (b"\xef\xbb\xbf\n  <html><script>alert(1)</script>", "anteckning.txt", "stämmer inte med filtypen txt"),
    (b"<svg onload=alert(1)>", "bild.txt", "stämmer inte med filtypen txt"),
    (b"<?xml version='1.0'?>", "data.txt", "stämmer inte med filtypen txt"),
    (b"", "tom.pdf", "Filen är tom"),
    (b"%PDF-" + b"x" * 2048, "stor.pdf", "Filen är för stor. Största tillåtna storlek är 1 kB."),
    (PDF, "../../etc/passwd.pdf", "får inte innehålla en sökväg"),
    (PDF, "C:\\Users\\anna\\protokoll.pdf", "får inte innehålla en sökväg"),
    (PDF, "..", "får inte innehålla en sökväg"),
    (PDF, "protokoll\n.pdf", "osynliga tecken eller styrtecken"),
    (PDF, "protokoll\x00.pdf", "osynliga tecken eller styrtecken"),
    (PDF, "faktura\u202efdp.exe.pdf", "osynliga tecken eller styrtecken"),
])
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_stored(make_app, tmp_path, content, filename,
                                                                          message):
    for storage in STORAGES:
        app = make_app(UPLOAD_MAX_BYTES=1024, UPLOAD_STORAGE=storage)
        with app.app_context():
            with pytest.raises(DomainError) as refused:
                store_upload(db.session, upload(content, filename))
            assert message in refused.value.message
            assert refused.value.field == "file"
            assert stored_anywhere(tmp_path) == []


@pytest.mark.parametrize(("content", "filename"), [
    (b"Vi ses <3 hos Anna", "hälsning.txt"),
    (b"a < b och 3 > 2", "olikheter.txt"),
    (PDF, "Kallelse: möte? *viktigt*.pdf"),
])
def test_plain_text_and_names_with_odd_but_harmless_characters_are_kept(app, content, filename):
    with app.app_context():
        assert store_upload(db.session, upload(content, filename)).size == len(content)


def test_windows_forbidden_characters_leave_the_name_and_a_long_name_keeps_its_extension(app):
    with app.app_context():
        assert store_upload(db.session, upload(PDF, "Kallelse: möte?.pdf")).filename == "Kallelse möte.pdf"
        long_name = store_upload(db.session, upload(PDF, "å" * 300 + ".pdf")).filename
        assert len(long_name) == 200 and long_name.endswith("å.pdf")


def test_a_forged_key_is_not_found_and_never_reaches_the_file_system(app):
    row = Row("../../../../etc/passwd", "x.txt", "text/plain", 1)
    with app.test_request_context():
        with pytest.raises(NotFound):
            send_upload(db.session, row)
        with pytest.raises(ValueError):
            delete_upload(db.session, row.storage_key)


def test_a_kept_row_whose_file_is_missing_is_not_found(storage_app):
    with storage_app.test_request_context():
        with pytest.raises(NotFound):
            send_upload(db.session, Row("0" * 32, "x.pdf", "application/pdf", 1))


def test_an_unknown_storage_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="UPLOAD_STORAGE"):
        create_app({"TESTING": True, "UPLOAD_STORAGE": "s3", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"})


def test_moving_from_the_folder_to_the_database_copies_every_kept_file_once(make_app, world, tmp_path):
    folder_app = make_app(UPLOAD_STORAGE="folder")
    meeting = make_meeting(db.session, world.council)
    kept = make_document(db.session, meeting, filename="kallelse.pdf", content=PDF)
    lost = make_document(db.session, meeting, filename="borta.pdf", content=PDF)
    db.session.commit()
    with folder_app.app_context():
        assert store_upload(db.session, upload(PDF, "utan-rad.pdf"))  # a file no row points at stays behind
        db.session.commit()
    (tmp_path / "uploads" / lost.storage_key[:2] / lost.storage_key).unlink()

    result = folder_app.test_cli_runner().invoke(args=["uploads", "copy-to-database"])
    assert "Copied 1 files" in result.output
    assert result.exit_code == 1 and f"1 files are not in {tmp_path / 'uploads'}: {lost.storage_key}" in result.output
    assert "Copied 0 files" in folder_app.test_cli_runner().invoke(args=["uploads", "copy-to-database"]).output

    database_app = make_app(UPLOAD_STORAGE="database", UPLOAD_FOLDER=str(tmp_path / "elsewhere"))
    with database_app.test_request_context():
        assert list(db.session.scalars(sa.select(StoredFileChunk.storage_key))) == [kept.storage_key]
        assert download(send_upload(db.session, kept)) == PDF
