"""Ways to hand a finished message to the world: an SMTP server or a folder of .eml files."""

import re
import smtplib
from email import message_from_bytes
from email.utils import parseaddr
from pathlib import Path
from typing import Protocol


class MailBackend(Protocol):
    def send(self, recipient: str, message: bytes, message_id: int) -> None: ...


class FolderBackend:
    """Writes each message as an .eml file: the default for a single machine and for trying out."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def send(self, recipient: str, message: bytes, message_id: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{message_id:08d}.eml"
        partial = final.with_suffix(".part")
        partial.write_bytes(message)
        partial.replace(final)


class SmtpBackend:
    def __init__(self, host, port, username=None, password=None, use_tls=False, use_ssl=False, timeout=30):
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.use_tls, self.use_ssl, self.timeout = use_tls, use_ssl, timeout

    def send(self, recipient: str, message: bytes, message_id: int) -> None:
        connection_class = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
        with connection_class(self.host, self.port, timeout=self.timeout) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            # SMTP lines end in CRLF; smtplib leaves bytes as they are, and servers refuse a
            # message whose bare-LF "line" runs past 1,000 octets (any mail with an attachment).
            smtp.sendmail(self._envelope_sender(message), [recipient], re.sub(rb"\r?\n", b"\r\n", message))

    @staticmethod
    def _envelope_sender(message: bytes) -> str:
        return parseaddr(message_from_bytes(message).get("From", ""))[1]


def backend_from_config(config) -> MailBackend:
    if config["MAIL_BACKEND"] == "smtp":
        return SmtpBackend(
            config["MAIL_SERVER"],
            config["MAIL_PORT"],
            config["MAIL_USERNAME"],
            config["MAIL_PASSWORD"],
            config["MAIL_USE_TLS"],
            config["MAIL_USE_SSL"],
            config["MAIL_TIMEOUT"],
        )
    if config["MAIL_BACKEND"] == "folder":
        return FolderBackend(config["MAIL_FOLDER"])
    raise ValueError(f"Unknown MAIL_BACKEND {config['MAIL_BACKEND']!r}: use 'smtp' or 'folder'")
