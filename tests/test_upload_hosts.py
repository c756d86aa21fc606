"""Several app hosts on one PostgreSQL database: a file uploaded through one host downloads through another.

Two real portal hosts (gunicorn with the production settings, two workers forked from a master that
built the portal, CSRF on) run with upload and mail folders of their own on the same database, as
two machines would.
"""

import http.cookiejar
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from councilportal.extensions import db
from councilportal.meetings.models import MeetingState
from tests import factories
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.postgres_only

PDF = b"%PDF-1.4\n% kallelse till m\xc3\xb6tet\n" + bytes(range(256)) * 2048 + b"\n%%EOF\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_host(database_url: str, folder: Path, storage: str):
    """One app host: gunicorn serving the portal from a folder of its own, as the README runs it."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "the-same-secret-on-every-host",
        "PORTAL_URL": "http://portal.test",
        "UPLOAD_STORAGE": storage,
        "UPLOAD_FOLDER": str(folder / "uploads"),
        "MAIL_FOLDER": str(folder / "mail"),
        # Plain http on the loopback; in production the cookies stay Secure behind TLS.
        "COUNCILPORTAL_SESSION_COOKIE_SECURE": "false",
        "COUNCILPORTAL_REMEMBER_COOKIE_SECURE": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "python:councilportal.gunicorn_conf", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "councilportal:create_app()"],
        cwd=folder, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def _wait_until_up(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app host stopped: {server.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{url}/login", timeout=10):
                return
        except OSError:  # not listening yet, or the worker still starting
            time.sleep(0.1)
    raise RuntimeError("the app host did not answer within a minute")


class Browser:
    """A person at one host: cookies kept, CSRF tokens read from the forms like a browser sends them."""

    def __init__(self, url: str):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, bytes]:
        return self._open(urllib.request.Request(self.url + path))

    def post(self, path: str, form_page: str, fields: dict) -> tuple[int, bytes]:
        status, page = self.get(form_page)
        assert status == 200
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.decode()).group(1)
        boundary, body = encode_multipart({**fields, "csrf_token": token})
        request = urllib.request.Request(self.url + path, data=body, method="POST",
                                         headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return self._open(request)

    def _open(self, request) -> tuple[int, bytes]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()


def sign_in(browser: Browser, person) -> None:
    status, page = browser.post("/login", "/login", {"email": person.email, "password": factories.TEST_PASSWORD})
    assert status == 200 and b"Logga ut" in page


@pytest.fixture
def council_meeting(pg_app):
    with pg_app.app_context():
        world = factories.build_world(db.session)
        meeting = make_meeting(db.session, world.council, state=MeetingState.PUBLISHED)
        db.session.commit()
        return world, meeting.id


@pytest.mark.parametrize(("storage", "found_on_the_other_host"), [("database", True), ("folder", False)])
def test_a_document_uploaded_through_one_host_downloads_through_another(postgres_url, tmp_path, council_meeting,
                                                                        storage, found_on_the_other_host):
    world, meeting_id = council_meeting
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with (app_host(postgres_url, tmp_path / "first", storage) as first_url,
          app_host(postgres_url, tmp_path / "second", storage) as second_url):
        coordinator = Browser(first_url)
        sign_in(coordinator, world.coordinator)
        status, agenda = coordinator.post(
            f"/meetings/{meeting_id}/documents", f"/meetings/{meeting_id}/agenda",
            {"document-file": FileStorage(io.BytesIO(PDF), filename="Kallelse.pdf"), "document-agenda_item_id": "0"})
        assert status == 200 and "Dokumentet Kallelse.pdf är uppladdat.".encode() in agenda
        document_path = re.search(rf'href="(/meetings/{meeting_id}/documents/\d+)"', agenda.decode()).group(1)

        member = Browser(second_url)
        sign_in(member, world.representative)
        status, downloaded = member.get(document_path)
        if found_on_the_other_host:
            assert (status, downloaded) == (200, PDF)
        else:
            assert status == 404
            assert coordinator.get(document_path) == (200, PDF)
