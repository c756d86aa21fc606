"""`make bench`: the portal's pages under load, each measured as a share of the floor.

One run: a database at region scale (seeded once, reused while the data set is the same), the
portal and the floor app (bench/floor.py) each under gunicorn with the same settings, then for
every page in turn the floor and the page with wrk, a few seconds each, for several rounds.
It prints per page: requests per second, the share of the floor (median and spread over the
rounds), p50/p95, the answer's size, the SQL queries per request at demo and at region scale
(counted in-process), the target and whether it is met; each worker's memory after every round
(PSS, VmRSS and its own) and the master's;
and for the CSV export of every viewpoint: time to first byte, total time and a worker's peak
memory growth. It is a benchmark that prints numbers, not a test.

    .venv/bin/python bench/run.py [--database postgresql|sqlite] [--scale F] [--seconds S]
                                  [--rounds N] [--only PAGE ...] [--reseed]
"""

import argparse
import fcntl
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.client import HTTPConnection, IncompleteRead
from pathlib import Path
from urllib.parse import quote, urlencode

import floor
import sqlalchemy as sa

from councilportal import create_app, demo, scale
from councilportal.accounts.models import User
from councilportal.councils.models import Council, Membership, MembershipRole, council_coordinators
from councilportal.extensions import db
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import Viewpoint, ViewpointEvent

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LUA_REPORT = Path(__file__).resolve().parent / "report.lua"
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"
BENCH_DATABASE = "councilportal_bench"
SQLITE_FOLDER = ROOT / "instance" / "bench"
PASSWORD = "bench-password-2026"
USER_AGENT = "councilportal-bench"
# The same for the portal and the floor, so the share compares the apps and nothing else; the
# portal's production settings (councilportal/gunicorn_conf.py) fork the workers from a built app.
GUNICORN_SETTINGS = ["--config", "python:councilportal.gunicorn_conf", "--workers", "2", "--worker-class", "sync",
                     "--log-level", "warning"]
WRK_SETTINGS = ["-t2", "-c8", "--timeout", "10s"]
SEARCH_WORD = "väntetider"
CSV_PATH = "/viewpoints/?format=csv"
MB = 1024 * 1024


class BenchError(Exception):
    pass


# --- What is measured, and against which target -----------------------------------------------


@dataclass(frozen=True)
class Target:
    label: str
    share: float
    p95_seconds: float | None = None


SIGNED_IN = Target("≥25 %, p95 <50 ms", 0.25, 0.050)
PUBLIC = Target("≥50 %", 0.50)
NOT_MODIFIED = Target("≥80 %", 0.80)
PRIVATE_FEED = Target("≥25 %", 0.25)
CSV_FIRST_BYTE_SECONDS = 0.3
CSV_TOTAL_SECONDS = 5.0
CSV_GROWTH_MB = 20
WORKER_MB = 100


@dataclass(frozen=True)
class Cast:
    """Who signs in and what the pages are about, found in the database measured."""

    emails: dict[str, str]
    password: str
    calendar_token: str
    long_viewpoint: int
    public_council: str
    public_meeting: int


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    role: str  # "public" or a key of Cast.emails
    path: str
    target: Target
    # The page whose ETag this request sends back as If-None-Match: the 304 answer.
    revalidates: str | None = None


def pages_for(cast: Cast) -> list[Page]:
    feed = f"/calendar/{cast.calendar_token}.ics"
    council = f"/councils/{cast.public_council}"
    return [
        Page("list-coordinator", "viewpoint list, coordinator (all councils)", "coordinator", "/viewpoints/",
             SIGNED_IN),
        Page("list-search", "viewpoint list, coordinator, search word", "coordinator",
             f"/viewpoints/?q={quote(SEARCH_WORD)}", SIGNED_IN),
        Page("list-overdue", "viewpoint list, coordinator, overdue only", "coordinator", "/viewpoints/?overdue=y",
             SIGNED_IN),
        Page("list-representative", "viewpoint list, representative", "representative", "/viewpoints/", SIGNED_IN),
        Page("viewpoint-long", f"viewpoint with {scale.LONG_TIMELINE_EVENTS}-event timeline", "coordinator",
             f"/viewpoints/{cast.long_viewpoint}", SIGNED_IN),
        Page("my-meetings-coordinator", "my meetings, coordinator", "coordinator", "/my-meetings", SIGNED_IN),
        Page("my-meetings-representative", "my meetings, representative", "representative", "/my-meetings",
             SIGNED_IN),
        Page("feed-private", "private calendar feed, coordinator", "public", feed, PRIVATE_FEED),
        Page("feed-private-304", "private calendar feed, 304", "public", feed, NOT_MODIFIED,
             revalidates="feed-private"),
        Page("feed-public", "public council feed meetings.ics", "public", f"{council}/meetings.ics", PUBLIC),
        Page("feed-public-304", "public council feed, 304", "public", f"{council}/meetings.ics", NOT_MODIFIED,
             revalidates="feed-public"),
        Page("ni-sa-vi-gjorde", "Ni sa – vi gjorde", "public", f"{council}/ni-sa-vi-gjorde", PUBLIC),
        Page("council-public", "public council page", "public", council, PUBLIC),
        Page("council-meetings", "a council's meeting list", "public", f"{council}/meetings", PUBLIC),
        Page("meeting-public", "public meeting page", "public", f"/meetings/{cast.public_meeting}", PUBLIC),
        Page("meeting-ics", "one meeting's .ics", "public", f"/meetings/{cast.public_meeting}.ics", PUBLIC),
        Page("statistics-coordinator", "statistics across councils, coordinator", "coordinator", "/statistik",
             SIGNED_IN),
        Page("statistics-public", "a public council's statistics", "public", f"{council}/statistik", PUBLIC),
    ]


PAGE_KEYS = [page.key for page in pages_for(Cast({}, "", "", 0, "", 0))] + ["csv"]


def find_cast(app, password: str) -> Cast:
    """The coordinator of the most councils, the representative on the most, the first admin; the
    coordinator's viewpoint with the longest timeline, public council with most meetings and its
    next meeting. The same rules find the demo's people and the seeded ones."""
    today = today_in_sweden()
    with app.app_context():
        session = db.session
        councils_coordinated = sa.func.count(council_coordinators.c.council_id)
        coordinator_id = session.scalar(
            sa.select(council_coordinators.c.user_id).group_by(council_coordinators.c.user_id)
            .order_by(councils_coordinated.desc(), council_coordinators.c.user_id).limit(1))
        seats = sa.func.count(sa.distinct(Membership.council_id))
        representative_id = session.scalar(
            sa.select(Membership.user_id)
            .where(Membership.role == MembershipRole.REPRESENTATIVE, Membership.term_start <= today,
                   sa.or_(Membership.term_end.is_(None), Membership.term_end >= today))
            .group_by(Membership.user_id).order_by(seats.desc(), Membership.user_id).limit(1))
        admin_id = session.scalar(sa.select(User.id).where(User.is_admin).order_by(User.id).limit(1))
        coordinated = sa.select(council_coordinators.c.council_id).where(
            council_coordinators.c.user_id == coordinator_id)
        long_viewpoint = session.scalar(
            sa.select(ViewpointEvent.viewpoint_id).join(Viewpoint, Viewpoint.id == ViewpointEvent.viewpoint_id)
            .where(Viewpoint.council_id.in_(coordinated)).group_by(ViewpointEvent.viewpoint_id)
            .order_by(sa.func.count().desc(), ViewpointEvent.viewpoint_id).limit(1))
        meetings = sa.select(sa.func.count(Meeting.id)).where(Meeting.council_id == Council.id).scalar_subquery()
        council = session.scalars(
            sa.select(Council).where(Council.is_public.is_(True))
            .order_by(Council.id.in_(coordinated).desc(), meetings.desc(), Council.id).limit(1)).first()
        if None in (coordinator_id, representative_id, admin_id, long_viewpoint, council):
            raise BenchError("the database lacks a coordinator, representative, admin, viewpoint or public council")
        # The next meeting people look at: the first published one, else the latest held.
        meeting = session.scalar(
            sa.select(Meeting.id)
            .where(Meeting.council_id == council.id,
                   Meeting.state.in_([MeetingState.PUBLISHED, MeetingState.HELD, MeetingState.MINUTES_APPROVED]))
            .order_by((Meeting.state == MeetingState.PUBLISHED).desc(),
                      sa.case((Meeting.state == MeetingState.PUBLISHED, Meeting.starts_at)), Meeting.starts_at.desc())
            .limit(1))
        if meeting is None:
            raise BenchError(f"the public council {council.slug} has no published or held meeting")
        people = {user.id: user for user in session.scalars(
            sa.select(User).where(User.id.in_([coordinator_id, representative_id, admin_id])))}
        return Cast(
            emails={"coordinator": people[coordinator_id].email, "representative": people[representative_id].email,
                    "admin": people[admin_id].email},
            password=password, calendar_token=people[coordinator_id].calendar_token, long_viewpoint=long_viewpoint,
            public_council=council.slug, public_meeting=meeting)


# --- Databases -----------------------------------------------------------------------------------


def _note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _portal_environment(url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(16), **extra}


def _councilportal(url: str, *arguments: str, quiet: bool = True) -> None:
    result = subprocess.run([str(BIN / "councilportal"), *arguments], env=_portal_environment(url), cwd=ROOT,
                            capture_output=quiet, text=True)
    if result.returncode != 0:
        raise BenchError(f"councilportal {' '.join(arguments)} failed:\n{result.stdout or ''}{result.stderr or ''}")


def _on_postgres(*statements: str) -> None:
    engine = sa.create_engine(POSTGRES_SERVER + "postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(sa.text(statement))
    finally:
        engine.dispose()


def _fresh_database(url: str) -> None:
    target = sa.make_url(url)
    if target.get_backend_name() == "postgresql":
        _on_postgres(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)',
                     f'CREATE DATABASE "{target.database}"')
    else:
        Path(target.database).unlink(missing_ok=True)
        Path(target.database).parent.mkdir(parents=True, exist_ok=True)


def _stored_fingerprint(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT fingerprint FROM bench_dataset")).scalar()
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def prepare_region(url: str, factor: float, seed: int, reseed: bool) -> None:
    """Seed once; later runs reuse the data while the scale, the seed and the generator are the same."""
    source = (ROOT / "councilportal" / "scale.py").read_bytes()
    fingerprint = hashlib.sha256(source + f"{factor}:{seed}".encode()).hexdigest()
    if not reseed and _stored_fingerprint(url) == fingerprint:
        _note(f"Reusing the seeded database ({sa.make_url(url).database}, scale {factor:g}).")
        _councilportal(url, "db", "upgrade")
    else:
        _note(f"Seeding {sa.make_url(url).database} at scale {factor:g} (once; later runs reuse it)…")
        _fresh_database(url)
        _councilportal(url, "db", "upgrade")
        _councilportal(url, "seed-scale", "--scale", str(factor), "--seed", str(seed), "--password", PASSWORD,
                       quiet=False)
    floor.prepare(url)
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE IF NOT EXISTS bench_dataset (fingerprint VARCHAR(64))"))
            connection.execute(sa.text("DELETE FROM bench_dataset"))
            connection.execute(sa.text("INSERT INTO bench_dataset VALUES (:fingerprint)"), {"fingerprint": fingerprint})
    finally:
        engine.dispose()


def prepare_demo(url: str) -> None:
    _fresh_database(url)
    _councilportal(url, "db", "upgrade")
    _councilportal(url, "seed-demo")


# --- SQL queries per request, counted in-process -------------------------------------------------


def in_process_app(url: str):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                       "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})


def _minute() -> str:
    return f"{datetime.now(UTC):%Y%m%d%H%M}"


def count_queries(app, cast: Cast, pages: list[Page]) -> dict[str, str]:
    """Statements sent to the database by one request of each page, after one request to warm up."""
    statements = []

    def record(*_arguments) -> None:
        statements.append(1)

    clients = {}
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        counts, etags = {}, {}
        for page in pages:
            if page.role not in clients:
                client = clients[page.role] = app.test_client()
                if page.role != "public":
                    answer = client.post("/login", data={"email": cast.emails[page.role], "password": cast.password})
                    if answer.status_code != 302:
                        raise BenchError(
                            f"in-process sign-in as {cast.emails[page.role]} answered {answer.status_code}")
            client = clients[page.role]
            headers = {"If-None-Match": etags[page.revalidates]} if page.revalidates in etags else {}
            # A kept page is built again when the minute turns: both requests must fall in one minute.
            minute = None
            while minute != _minute():
                minute = _minute()
                client.get(page.path, headers=headers).close()
                statements.clear()
                with client.get(page.path, headers=headers) as answer:
                    answer.get_data()
            if answer.headers.get("ETag"):
                etags[page.key] = answer.headers["ETag"]
            answered = answer.status_code in (200, 304)
            counts[page.key] = str(len(statements)) if answered else f"({answer.status_code})"
        return counts
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
        engine.dispose()


# --- Servers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A gunicorn master in a process group of its own, so stopping it stops its workers too."""

    def __init__(self, name: str, application: str, environment: dict[str, str], log_folder: Path,
                 idle_path: str, extra: tuple[str, ...] = ()):
        self.name = name
        self.idle_path = idle_path
        self.port = _free_port()
        self.log = log_folder / f"{name}.log"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), *GUNICORN_SETTINGS, "--bind", f"127.0.0.1:{self.port}",
             "--error-logfile", str(self.log), *extra, application],
            env=environment, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_until_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"{self.name} stopped at start:\n{self.log.read_text()}")
            try:
                status, _, _ = request(self.port, self.idle_path)
                if status < 500 and len(self.workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"{self.name} did not answer within {seconds} s:\n{self.log.read_text()}")

    def drain(self) -> None:
        """Wait until each worker has finished what wrk left queued: a slow page's backlog must not
        eat into the next measurement. A request per worker at once returns when both are free."""
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda _: request(self.port, self.idle_path), range(2)))

    def workers(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        except OSError:
            return []
        return sorted(int(pid) for pid in children)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def memory(pid: int) -> dict[str, int]:
    """A process's memory in bytes; nothing for a worker gunicorn has replaced. VmRSS counts in full
    every page the process shares with the master and the other workers; Pss divides each shared page
    among the processes sharing it; Own is what the process alone holds; VmHWM is the peak of VmRSS."""
    values = {}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return values
    for line in (*status.splitlines(), *rollup.splitlines()):
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM", "Pss", "Private_Clean", "Private_Dirty"):
            values[name] = int(rest.split()[0]) * 1024
    values["Own"] = values.pop("Private_Clean") + values.pop("Private_Dirty")
    return values


def reset_peak(pid: int) -> bool:
    """Start VmHWM afresh (Linux: writing 5 to clear_refs), so the peak seen next is this request's."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# --- HTTP ----------------------------------------------------------------------------------------


def request(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET",
            body: str | None = None):
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})})
        answer = connection.getresponse()
        content = answer.read()
        return answer.status, answer.headers, content
    finally:
        connection.close()


def _cookies(headers) -> dict[str, str]:
    return dict(cookie.split(";", 1)[0].split("=", 1) for cookie in headers.get_all("Set-Cookie") or [])


def sign_in(port: int, email: str, password: str) -> str:
    """A real sign-in through the form, CSRF token included; the Cookie header of the session."""
    status, headers, content = request(port, "/login")
    found = re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', content.decode()) or re.search(
        r'<input[^>]*value="([^"]+)"[^>]*name="csrf_token"', content.decode())
    if status != 200 or not found:
        raise BenchError(f"the sign-in form answered {status} without a CSRF token")
    cookies = _cookies(headers)
    status, headers, _ = request(
        port, "/login", method="POST", body=urlencode({"email": email, "password": password, "csrf_token": found[1]}),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    if status != 302:
        raise BenchError(f"signing in as {email} answered {status}")
    cookies.update(_cookies(headers))
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


@dataclass
class Run:
    requests_per_second: float
    p50: float
    p95: float
    bytes_per_request: float
    failed: int


def wrk(server: "Server", path: str, seconds: int, headers: dict[str, str]) -> Run:
    command = ["wrk", *WRK_SETTINGS, f"-d{seconds}s", "-s", str(LUA_REPORT), "-H", f"User-Agent: {USER_AGENT}"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run([*command, f"http://127.0.0.1:{server.port}{path}"], capture_output=True, text=True)
    server.drain()
    line = next((line for line in result.stdout.splitlines() if line.startswith("BENCH ")), None)
    if result.returncode != 0 or line is None:
        raise BenchError(f"wrk failed on {path}:\n{result.stdout}{result.stderr}")
    report = json.loads(line.removeprefix("BENCH "))
    count = max(report["requests"], 1)
    failed = sum(report[key] for key in ("errors_status", "errors_connect", "errors_read", "errors_timeout"))
    return Run(report["requests"] / (report["duration_us"] / 1e6), report["p50_us"] / 1e6, report["p95_us"] / 1e6,
               report["bytes"] / count, failed)


# --- The run -------------------------------------------------------------------------------------


@dataclass
class PageResult:
    page: Page
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)

    @property
    def shares(self) -> list[float]:
        return [run.requests_per_second / floor_run.requests_per_second
                for run, floor_run in zip(self.runs, self.floors, strict=True)]

    def met(self) -> bool:
        target = self.page.target
        p95 = statistics.median(run.p95 for run in self.runs)
        return (statistics.median(self.shares) >= target.share and not any(run.failed for run in self.runs)
                and (target.p95_seconds is None or p95 < target.p95_seconds))


def _milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def _size(count: float) -> str:
    return f"{count / MB:.1f} MB" if count >= MB else f"{count / 1024:.0f} kB" if count >= 1024 else f"{count:.0f} B"


def _mb(count: int) -> str:
    return f"{count / MB:.0f} MB"


def _memory_of(processes: list[dict[str, int]]) -> str:
    return ", ".join(f"{_mb(values.get('Pss', 0))} ({values.get('VmRSS', 0) / MB:.0f}, {values.get('Own', 0) / MB:.0f})"
                     for values in processes)


def hold_database(url: str, stack: ExitStack) -> None:
    """One bench at a time per database: a second would reseed or load it under the first."""
    target = sa.make_url(url)
    if target.get_backend_name() == "postgresql":
        engine = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        stack.callback(engine.dispose)
        connection = stack.enter_context(engine.connect())
        held = connection.scalar(sa.select(sa.func.pg_try_advisory_lock(
            sa.func.hashtext(f"councilportal-bench:{target.database}"))))
    else:
        SQLITE_FOLDER.mkdir(parents=True, exist_ok=True)
        lock = stack.enter_context(open(SQLITE_FOLDER / "bench.lock", "w"))
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            held = False
    if not held:
        raise BenchError(f"another bench is running on {target.database}; set BENCH_DATABASE_URL to run beside it")


def measure(options, region_url: str, demo_url: str, log_folder: Path, stack: ExitStack) -> None:
    hold_database(region_url, stack)
    factor = options.scale
    prepare_region(region_url, factor, options.seed, options.reseed)
    _note("Building the demo database for the query counts…")
    prepare_demo(demo_url)
    region_cast = find_cast(in_process_app(region_url), PASSWORD)
    demo_cast = find_cast(in_process_app(demo_url), demo.DEMO_PASSWORD)
    wanted = set(options.only or PAGE_KEYS)
    pages = [page for page in pages_for(region_cast) if page.key in wanted]
    revalidated = {page.revalidates for page in pages if page.revalidates}
    counted_pages = [page for page in pages_for(region_cast) if page.key in wanted | revalidated]
    _note("Counting SQL queries per request in-process (demo, then region)…")
    demo_counts = count_queries(in_process_app(demo_url), demo_cast,
                                [page for page in pages_for(demo_cast) if page.key in wanted | revalidated])
    region_counts = count_queries(in_process_app(region_url), region_cast, counted_pages)

    portal = Server("portal", "councilportal:create_app()",
                    _portal_environment(region_url, PORTAL_URL="http://127.0.0.1"), log_folder,
                    idle_path="/static/print.css")
    stack.callback(portal.stop)
    floor_server = Server("floor", "floor:app", {**os.environ, "BENCH_FLOOR_DATABASE_URL": region_url}, log_folder,
                          idle_path="/", extra=("--chdir", str(Path(__file__).resolve().parent)))
    stack.callback(floor_server.stop)
    portal.wait_until_ready()
    floor_server.wait_until_ready()
    start_memory = [memory(pid) for pid in portal.workers()]

    cookies = {role: sign_in(portal.port, email, PASSWORD) for role, email in region_cast.emails.items()}
    # Each page must answer as it should before it is measured (a lost session would measure the
    # sign-in page); one that does not is reported and left out, and the others are measured.
    headers: dict[str, dict[str, str]] = {}
    etags: dict[str, str] = {}
    broken: dict[str, str] = {}
    for page in counted_pages:
        page_headers = {"Cookie": cookies[page.role]} if page.role != "public" else {}
        if page.revalidates:
            page_headers["If-None-Match"] = etags.get(page.revalidates, "")
        status, answer_headers, _ = request(portal.port, page.path, page_headers)
        expected = 304 if page.revalidates else 200
        if status != expected:
            broken[page.key] = f"{page.label}: {page.path} ({page.role}) answered {status}, not {expected}"
        etags[page.key] = answer_headers.get("ETag", "")
        headers[page.key] = page_headers
    pages = [page for page in pages if page.key not in broken]
    results = {page.key: PageResult(page) for page in pages}

    rounds_memory = []
    for round_number in range(1, options.rounds + 1):
        for page in pages:
            _note(f"round {round_number}/{options.rounds}: {page.key}")
            results[page.key].floors.append(wrk(floor_server, "/", options.seconds, {}))
            results[page.key].runs.append(wrk(portal, page.path, options.seconds, headers[page.key]))
        rounds_memory.append([memory(pid) for pid in portal.workers()])
    master_memory = memory(portal.process.pid)

    csv = measure_csv(portal, cookies["admin"]) if "csv" in wanted else None
    print_report(options, region_cast, [results[page.key] for page in pages], demo_counts, region_counts,
                 Memory(start_memory, rounds_memory, master_memory), csv,
                 [broken[key] for key in broken if key in wanted])


@dataclass
class Memory:
    """memory() of each portal worker at start and after each round, and of the master after the last."""
    start: list[dict[str, int]]
    rounds: list[list[dict[str, int]]]
    master: dict[str, int]


@dataclass
class CsvResult:
    status: int
    complete: bool
    first_byte: float
    total: float
    size: int
    growth: int
    rss_after: list[int]
    peak_reset: bool
    log_tail: str


def measure_csv(portal: Server, cookie: str) -> CsvResult:
    _note("CSV export of every viewpoint, as admin…")
    workers = portal.workers()
    peak_reset = all(reset_peak(pid) for pid in workers)
    before = {pid: memory(pid)["VmRSS"] for pid in workers}
    connection = HTTPConnection("127.0.0.1", portal.port, timeout=300)
    started = time.perf_counter()
    connection.request("GET", CSV_PATH, headers={"User-Agent": USER_AGENT, "Cookie": cookie})
    answer = connection.getresponse()
    size = len(answer.read(1))
    first_byte = time.perf_counter() - started
    complete = True
    try:
        while chunk := answer.read(64 * 1024):
            size += len(chunk)
    except (IncompleteRead, OSError):
        complete = False  # the worker died mid-file, most often at gunicorn's worker timeout
    total = time.perf_counter() - started
    connection.close()
    after = {pid: values for pid in workers if (values := memory(pid))}
    growth = max((after[pid]["VmHWM"] - before[pid] for pid in after), default=0)
    # A failure is most often gunicorn's worker timeout; its log says so.
    log_tail = "" if answer.status == 200 and complete else "\n".join(portal.log.read_text().splitlines()[-3:])
    return CsvResult(answer.status, complete, first_byte, total, size, growth,
                     [values["VmRSS"] for values in after.values()], peak_reset, log_tail)


def print_report(options, cast: Cast, results: list[PageResult], demo_counts: dict[str, str],
                 region_counts: dict[str, str], memory_used: Memory, csv: CsvResult | None,
                 broken: list[str]) -> None:
    database = "PostgreSQL" if options.database == "postgresql" else "SQLite"
    floors = [run.requests_per_second for result in results for run in result.floors]
    print()
    print(f"Council Portal bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {database}, scale {options.scale:g}, "
          f"gunicorn {' '.join(GUNICORN_SETTINGS)}, wrk {' '.join(WRK_SETTINGS)}, "
          f"{options.seconds} s per run, {options.rounds} rounds")
    if floors:
        print(f"Floor (bench/floor.py): median {statistics.median(floors):,.0f} req/s "
              f"(min {min(floors):,.0f}, max {max(floors):,.0f})")
    print(f"Signed in as {cast.emails['coordinator']} (coordinator), {cast.emails['representative']} (representative), "
          f"{cast.emails['admin']} (admin)")
    print()
    header = ("page", "req/s", "share of floor (min–max)", "p50", "p95", "size", "SQL demo/region", "target", "met")
    rows = []
    met = total = 0
    for result in results:
        if not result.runs:
            continue
        shares = result.shares
        queries_demo, queries_region = demo_counts.get(result.page.key, "?"), region_counts.get(result.page.key, "?")
        same = queries_demo == queries_region
        page_met = result.met() and same
        met += page_met
        total += 1
        failed = sum(run.failed for run in result.runs)
        rows.append((
            result.page.label + (f" [{failed} failed]" if failed else ""),
            f"{statistics.median(run.requests_per_second for run in result.runs):,.1f}",
            f"{statistics.median(shares):.1%} ({min(shares):.1%}–{max(shares):.1%})",
            _milliseconds(statistics.median(run.p50 for run in result.runs)),
            _milliseconds(statistics.median(run.p95 for run in result.runs)),
            _size(statistics.median(run.bytes_per_request for run in result.runs)),
            f"{queries_demo} / {queries_region}" + ("" if same else " ≠"),
            result.page.target.label + ", SQL same",
            "yes" if page_met else "NO",
        ))
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(len(header))]
    aligned_right = {1, 3, 4, 5}
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(cell.rjust(width) if index in aligned_right else cell.ljust(width)
                        for index, (cell, width) in enumerate(zip(row, widths, strict=True))))
    print()
    print("Portal workers' memory, PSS (VmRSS, own): at start " + _memory_of(memory_used.start))
    for number, values in enumerate(memory_used.rounds, start=1):
        print(f"  after round {number}: " + _memory_of(values))
    if memory_used.rounds:
        print("  the master, which built the portal once for its workers: " + _memory_of([memory_used.master]))
        everything = sum(values.get("Pss", 0) for values in [*memory_used.rounds[-1], memory_used.master])
        print(f"  all portal processes together (their PSS added up): {_mb(everything)}")
        last = [values.get("Pss", 0) for values in memory_used.rounds[-1]]
        first = [values.get("Pss", 0) for values in memory_used.rounds[0]]
        growing = max(last) > max(first) * 1.05 if len(memory_used.rounds) > 1 else False
        memory_met = max(last) < WORKER_MB * MB and not growing
        met += memory_met
        total += 1
        print(f"  target: each worker's PSS under {WORKER_MB} MB after the load and not growing from round to round: "
              f"{'yes' if memory_met else 'NO'}" + (" (grew from round to round)" if growing else ""))
    if csv is not None:
        csv_checks = [csv.status == 200, csv.complete, csv.first_byte <= CSV_FIRST_BYTE_SECONDS,
                      csv.total <= CSV_TOTAL_SECONDS, csv.growth < CSV_GROWTH_MB * MB]
        met += all(csv_checks)
        total += 1
        print()
        print(f"CSV export of every viewpoint (admin, {CSV_PATH}): answered {csv.status}, {_size(csv.size)}"
              + ("" if csv.complete else ", broken off before its end"))
        if csv.log_tail:
            print("  the portal's log: " + csv.log_tail.replace("\n", "\n  "))
        print(f"  first byte after {csv.first_byte:.2f} s (target ≤ {CSV_FIRST_BYTE_SECONDS} s), "
              f"whole file after {csv.total:.2f} s (target ≤ {CSV_TOTAL_SECONDS:g} s)")
        print(f"  a worker's peak memory grew by {_mb(csv.growth)} (target < {CSV_GROWTH_MB} MB"
              + ("" if csv.peak_reset else "; peak could not be reset, so this is an upper bound") + "); "
              "workers after: " + ", ".join(_mb(value) for value in csv.rss_after))
        print(f"  target met: {'yes' if all(csv_checks) else 'NO'}")
    if broken:
        print()
        print("Not measured, answering wrongly:")
        for reason in broken:
            print(f"  {reason}")
        total += len(broken)
    print()
    print(f"{met} of {total} targets met.")


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--scale", type=float, help="1.0 (a region) on PostgreSQL, 0.1 on SQLite unless given")
    parser.add_argument("--seed", type=int, default=scale.DEFAULT_SEED)
    parser.add_argument("--seconds", type=int, default=3, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=PAGE_KEYS, metavar="PAGE",
                        help="measure only these: " + ", ".join(PAGE_KEYS))
    parser.add_argument("--reseed", action="store_true", help="seed the bench database again even if it matches")
    options = parser.parse_args(arguments)
    if options.scale is None:
        options.scale = 1.0 if options.database == "postgresql" else 0.1
    if options.database == "postgresql":
        region = sa.make_url(os.environ.get("BENCH_DATABASE_URL", POSTGRES_SERVER + BENCH_DATABASE))
        region_url = region.render_as_string(hide_password=False)
        demo_url = region.set(database=f"{region.database}_demo").render_as_string(hide_password=False)
    else:
        region_url = f"sqlite:///{SQLITE_FOLDER / 'councilportal_bench.sqlite'}"
        demo_url = f"sqlite:///{SQLITE_FOLDER / 'councilportal_bench_demo.sqlite'}"

    def stop(signal_number, _frame) -> None:
        raise KeyboardInterrupt(signal.Signals(signal_number).name)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="councilportal-bench-") as logs:
        try:
            measure(options, region_url, demo_url, Path(logs), stack)
        except BenchError as error:
            _note(f"bench: {error}")
            return 1
        except KeyboardInterrupt:
            _note("bench: interrupted; stopping the servers it started.")
            return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
