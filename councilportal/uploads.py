"""Uploaded files: checked for name, size and type, then kept by a random key.

Domains keep their own rows (meeting documents, viewpoint attachments) with the `UploadedFile`
columns; the bytes live where `UPLOAD_STORAGE` says: "folder" (the instance folder, for one app
host) or "database" (chunks in the `stored_files` table, which every app host sees). Both storages
follow the database transaction: a file stored in a transaction that is rolled back is gone, and
a deleted file goes only when the deletion commits.
"""

import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol, Self
from urllib.parse import quote

import sqlalchemy as sa
from flask import Response, abort, current_app, send_file
from flask_babel import gettext as _
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column
from werkzeug.datastructures import FileStorage

from councilportal.errors import DomainError
from councilportal.extensions import Base, note_written_beside_the_database
from councilportal.i18n import readable_size
from councilportal.timeutil import now_utc

# Extension -> (media type, the first bytes such a file starts with, or None for plain text).
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "txt": ("text/plain", None),
}
KEY_LENGTH = 32
FILENAME_MAX = 200
CHUNK_BYTES = 256 * 1024
# Unicode categories never part of a name a person gave a file: control and format characters
# (the right-to-left override that disguises "fdp.exe" as "exe.pdf"), surrogates, private use,
# line and paragraph separators.
FORBIDDEN_NAME_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
# Windows cannot save a file under a name with these; dropped so the download keeps working there.
DROPPED_NAME_CHARACTERS = '"<>|:*?'


class UploadedFile:
    """The columns of a row that points at an uploaded file (mixed into the domains' models)."""

    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    storage_key: Mapped[str] = mapped_column(sa.String(100), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=now_utc)

    @classmethod
    def of_upload(cls, upload: "StoredUpload", **columns) -> Self:
        """A row for a file `store_upload` kept, with the domain's own columns."""
        return cls(filename=upload.filename, content_type=upload.content_type, size=upload.size,
                   storage_key=upload.key, **columns)


class StoredFileChunk(Base):
    """A piece of an uploaded file's bytes, for UPLOAD_STORAGE = "database"."""

    __tablename__ = "stored_files"

    storage_key: Mapped[str] = mapped_column(sa.String(KEY_LENGTH), primary_key=True)
    chunk: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)


@dataclass(frozen=True)
class StoredUpload:
    key: str
    filename: str
    content_type: str
    size: int


def allowed_extensions() -> str:
    return ", ".join(sorted(ALLOWED_TYPES))


# --- Checking ------------------------------------------------------------------------------------


def _checked_filename(filename: str) -> str:
    """The name people gave the file (å, ä, ö included); a name with a path or hidden characters is refused."""
    name = unicodedata.normalize("NFC", filename)
    if "/" in name or "\\" in name or name in (".", ".."):
        raise DomainError(_("Filnamnet får inte innehålla en sökväg (/ eller \\). Byt namn på filen och "
                            "försök igen."), "file")
    if any(unicodedata.category(character) in FORBIDDEN_NAME_CATEGORIES for character in name):
        raise DomainError(_("Filnamnet innehåller osynliga tecken eller styrtecken. Byt namn på filen och "
                            "försök igen."), "file")
    name = "".join(" " if character.isspace() else character for character in name
                   if character not in DROPPED_NAME_CHARACTERS).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if dot and len(name) > FILENAME_MAX:
        name = stem[:FILENAME_MAX - len(extension) - 1].rstrip(" .") + dot + extension
    return name[:FILENAME_MAX]


def _looks_like_markup(content: bytes) -> bool:
    """Whether text starts like an HTML, SVG or XML document, which a browser could be led to run."""
    start = content[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    return len(start) > 1 and start[:1] == b"<" and (start[1:2].isalpha() or start[1:2] in (b"!", b"?"))


def _check_content(content: bytes, extension: str) -> None:
    signatures = ALLOWED_TYPES[extension][1]
    if signatures is None:
        matches = b"\x00" not in content and not _looks_like_markup(content)
    else:
        matches = content.startswith(signatures)
    if not matches:
        raise DomainError(_("Filens innehåll stämmer inte med filtypen %(type)s.", type=extension), "file")


def too_large_message() -> str:
    return _("Filen är för stor. Största tillåtna storlek är %(size)s.",
             size=readable_size(current_app.config["UPLOAD_MAX_BYTES"]))


# --- Storing, sending, deleting ------------------------------------------------------------------


def store_upload(session: Session, file: FileStorage | None) -> StoredUpload:
    """Check an uploaded file and keep it in the session's transaction; DomainError(field="file") says what is wrong."""
    if file is None or not file.filename:
        raise DomainError(_("Välj en fil att ladda upp."), "file")
    filename = _checked_filename(file.filename)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED_TYPES:
        raise DomainError(_("Filtypen är inte tillåten. Tillåtna typer: %(types)s.", types=allowed_extensions()),
                          "file")
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    content = file.stream.read(limit + 1)
    if len(content) > limit:
        raise DomainError(too_large_message(), "file")
    if not content:
        raise DomainError(_("Filen är tom."), "file")
    _check_content(content, extension)
    key = secrets.token_hex(KEY_LENGTH // 2)
    _storage().save(session, key, content)
    return StoredUpload(key=key, filename=filename, content_type=ALLOWED_TYPES[extension][0], size=len(content))


def send_upload(session: Session, upload: UploadedFile) -> Response:
    """The stored file as a download under its own name, which the browser saves and never opens or sniffs.

    The content type is stored bare: werkzeug adds the charset of a text type itself."""
    if not _is_key(upload.storage_key):
        abort(404)
    response = _storage().send(session, upload)
    response.headers.set("Content-Disposition", "attachment", **_download_names(upload.filename))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def delete_upload(session: Session, key: str) -> None:
    """Delete the stored file when the session's transaction commits."""
    if not _is_key(key):
        raise ValueError(f"not an upload key: {key!r}")
    _storage().delete(session, key)


def keys_missing_from_database(session: Session) -> list[str]:
    """The files that rows point at but the database does not hold (before switching a folder to the database)."""
    referenced = sa.union(*(sa.select(model.storage_key) for model in UploadedFile.__subclasses__())).subquery()
    held = sa.select(StoredFileChunk.storage_key).where(StoredFileChunk.chunk == 0)
    return list(session.scalars(sa.select(referenced.c.storage_key)
                                .where(referenced.c.storage_key.not_in(held))
                                .order_by(referenced.c.storage_key)))


def copy_to_database(session: Session, folder: Path, key: str) -> bool:
    """Copy one file from the upload folder into the database; False when the folder does not have it."""
    path = FolderStorage(folder).path(key)
    if not _is_key(key) or not path.is_file():
        return False
    DatabaseStorage().save(session, key, path.read_bytes())
    return True


def _is_key(key: str) -> bool:
    return len(key) == KEY_LENGTH and all(character in "0123456789abcdef" for character in key)


def _download_names(filename: str) -> dict[str, str]:
    """RFC 6266: the name itself for browsers that read UTF-8 (filename*), and a plain ASCII one for the rest."""
    if filename.isascii():
        return {"filename": filename}
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    return {"filename": plain, "filename*": "UTF-8''" + quote(filename, safe="!#$&+^`|~")}


class UploadStorage(Protocol):
    def save(self, session: Session, key: str, content: bytes) -> None: ...

    def send(self, session: Session, upload: UploadedFile) -> Response: ...

    def delete(self, session: Session, key: str) -> None: ...


def _storage() -> UploadStorage:
    if current_app.config["UPLOAD_STORAGE"] == "database":
        return DatabaseStorage()
    return FolderStorage(Path(current_app.config["UPLOAD_FOLDER"]))


class DatabaseStorage:
    """Chunks in the database, so that every app host on it reads the same files."""

    def save(self, session: Session, key: str, content: bytes) -> None:
        session.add_all(
            StoredFileChunk(storage_key=key, chunk=number, content=content[start:start + CHUNK_BYTES])
            for number, start in enumerate(range(0, len(content), CHUNK_BYTES))
        )
        session.flush()

    def send(self, session: Session, upload: UploadedFile) -> Response:
        first = session.scalar(sa.select(StoredFileChunk.content).where(
            StoredFileChunk.storage_key == upload.storage_key, StoredFileChunk.chunk == 0))
        if first is None:
            abort(404)
        body = [first] if upload.size <= len(first) else self._chunks(session.get_bind(), upload.storage_key, first)
        response = Response(body, mimetype=upload.content_type, direct_passthrough=True)
        response.content_length = upload.size
        return response

    @staticmethod
    def _chunks(engine: sa.Engine, key: str, first: bytes) -> Iterator[bytes]:
        """The first chunk, then the rest one row at a time, on a connection of its own (the request's
        session is closed before the body is sent)."""
        yield first
        rest = (sa.select(StoredFileChunk.content)
                .where(StoredFileChunk.storage_key == key, StoredFileChunk.chunk > 0)
                .order_by(StoredFileChunk.chunk))
        with engine.connect() as connection:
            yield from connection.execution_options(yield_per=1).scalars(rest)

    def delete(self, session: Session, key: str) -> None:
        session.execute(sa.delete(StoredFileChunk).where(StoredFileChunk.storage_key == key))


class FolderStorage:
    """Files under the upload folder, written at once and removed again if the transaction does not commit."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def save(self, session: Session, key: str, content: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The file now belongs to the transaction, whose end removes it unless committed.
        note_written_beside_the_database(session)
        session.info.setdefault(_WRITTEN, []).append(path)
        path.write_bytes(content)

    def send(self, session: Session, upload: UploadedFile) -> Response:
        path = self.path(upload.storage_key)
        if not path.is_file():
            abort(404)
        return send_file(path, mimetype=upload.content_type)

    def delete(self, session: Session, key: str) -> None:
        session.connection()
        session.info.setdefault(_DELETED, []).append(self.path(key))


_WRITTEN = "councilportal.uploads.written"
_DELETED = "councilportal.uploads.deleted"


@sa.event.listens_for(Session, "after_commit")
def _settle_files_after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.info.pop(_WRITTEN, None)
    for path in session.info.pop(_DELETED, []):
        path.unlink(missing_ok=True)


@sa.event.listens_for(Session, "after_transaction_end")
def _remove_files_of_uncommitted_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(_DELETED, None)
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)
