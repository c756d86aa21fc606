"""Uploaded files: checked for size and type, stored under the instance folder by a random key.

Domains keep their own rows (meeting documents, viewpoint attachments) that point at a key.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from councilportal.errors import DomainError

# Extension -> (content type, the first bytes such a file starts with, or None for text).
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
    "txt": ("text/plain; charset=utf-8", None),
}
KEY_LENGTH = 32


@dataclass(frozen=True)
class StoredUpload:
    key: str
    filename: str
    content_type: str
    size: int


def allowed_extensions() -> str:
    return ", ".join(sorted(ALLOWED_TYPES))


def _folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _path_for(key: str) -> Path:
    if len(key) != KEY_LENGTH or not all(c in "0123456789abcdef" for c in key):
        raise DomainError(_("Filen finns inte."))
    return _folder() / key[:2] / key


def _clean_filename(filename: str) -> str:
    """Keep the name people gave the file (å, ä, ö included), minus any path and control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(character for character in name if character.isprintable() and character not in '"<>|:*?')
    return name.strip(" .")[:200]


def store_upload(file: FileStorage | None) -> StoredUpload:
    """Check an uploaded file and keep it; DomainError(field="file") says what is wrong."""
    if file is None or not file.filename:
        raise DomainError(_("Välj en fil att ladda upp."), "file")
    filename = _clean_filename(file.filename)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ALLOWED_TYPES:
        raise DomainError(_("Filtypen är inte tillåten. Tillåtna typer: %(types)s.", types=allowed_extensions()), "file")
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    content = file.stream.read(limit + 1)
    if len(content) > limit:
        raise DomainError(_("Filen är för stor. Största tillåtna storlek är %(size)d MB.",
                            size=limit // (1024 * 1024)), "file")
    if not content:
        raise DomainError(_("Filen är tom."), "file")
    content_type, signatures = ALLOWED_TYPES[extension]
    if signatures is None:
        if b"\x00" in content:
            raise DomainError(_("Filens innehåll stämmer inte med filtypen %(type)s.", type=extension), "file")
    elif not content.startswith(signatures):
        raise DomainError(_("Filens innehåll stämmer inte med filtypen %(type)s.", type=extension), "file")
    key = secrets.token_hex(KEY_LENGTH // 2)
    path = _path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return StoredUpload(key=key, filename=filename, content_type=content_type, size=len(content))


def send_upload(key: str, filename: str, content_type: str):
    """The stored file as a download under its original name."""
    path = _path_for(key)
    return send_file(path, mimetype=content_type, as_attachment=True, download_name=filename, max_age=0)


def delete_upload(key: str) -> None:
    _path_for(key).unlink(missing_ok=True)
