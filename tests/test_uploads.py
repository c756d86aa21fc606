import io

import pytest
from werkzeug.datastructures import FileStorage

from councilportal.errors import DomainError
from councilportal.uploads import delete_upload, send_upload, store_upload

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def upload(content: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(content), filename=filename)


def test_a_pdf_is_stored_under_a_random_key_and_keeps_its_swedish_name(app):
    with app.test_request_context():
        stored = store_upload(upload(PDF, "Protokoll för mötet.pdf"))
        assert stored.filename == "Protokoll för mötet.pdf"
        assert stored.content_type == "application/pdf"
        assert stored.size == len(PDF)
        response = send_upload(stored.key, stored.filename, stored.content_type)
        response.direct_passthrough = False
        assert response.get_data() == PDF
        assert "attachment" in response.headers["Content-Disposition"]
        response.close()


def test_a_path_in_the_filename_is_dropped(app):
    with app.app_context():
        assert store_upload(upload(PDF, "../../etc/passwd.pdf")).filename == "passwd.pdf"


@pytest.mark.parametrize(("content", "filename", "message"), [
    (PDF, "program.exe", "Filtypen är inte tillåten"),
    (PDF, "utan-filändelse", "Filtypen är inte tillåten"),
    (b"MZ\x90\x00", "faktura.pdf", "stämmer inte med filtypen pdf"),
    (b"\x00\x01binary", "anteckning.txt", "stämmer inte med filtypen txt"),
    (b"", "tom.pdf", "Filen är tom"),
    (b"%PDF-" + b"x" * 2048, "stor.pdf", "Filen är för stor"),
])
def test_bad_files_are_refused_with_a_clear_message(make_app, tmp_path, content, filename, message):
    app = make_app(UPLOAD_MAX_BYTES=1024)
    with app.app_context():
        with pytest.raises(DomainError) as refused:
            store_upload(upload(content, filename))
        assert message in refused.value.message
        assert refused.value.field == "file"
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").rglob("*.*"))


def test_a_forged_key_never_reaches_the_file_system(app):
    with app.app_context():
        with pytest.raises(DomainError):
            send_upload("../../../../etc/passwd", "x", "text/plain")


def test_deleting_removes_the_file(app, tmp_path):
    with app.app_context():
        stored = store_upload(upload(b"hej", "a.txt"))
        delete_upload(stored.key)
        assert not any((tmp_path / "uploads").rglob(stored.key))
