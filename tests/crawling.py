"""Walk the portal as one person: follow every link they are shown and note what a person would notice.

Used by the demo crawl (every link answers, every page is well formed) and by the bad-input test,
which posts rubbish to every form the crawl found.
"""

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound

from councilportal import create_app, demo
from councilportal.extensions import db
from tests.conftest import IsolatedClient, app_config, empty_all_tables

DEMO_ACCOUNTS = {
    "admin": "admin@exempelstad.se",
    "coordinator": "samordnare@exempelstad.se",
    "manager": "chef@exempelstad.se",
    "representative": "representant@exempel.se",
    "deputy": "ersattare@exempel.se",
    "manager_of_another_unit": "boendestod@exempelstad.se",
}

# The test client answers as http://localhost; links built for mail and feeds use PORTAL_URL.
INTERNAL_HOSTS = {"", "localhost", "portal.test"}
FOLLOWED_SCHEMES = {"", "http", "https", "webcal"}
# Signing out ends the walk; everything else a person is shown is followed.
NOT_FOLLOWED_PATHS = {"/logout"}
DOWNLOAD_SUFFIXES = (".ics", ".csv")
HIGHEST_PAGE_FOLLOWED = 2
QUERY_VARIANTS_PER_PATH = 4
# Python's None and JavaScript's undefined never belong in Swedish text; in English "None" is a word.
LEAKS = {"sv": re.compile(r"\bNone\b|\bundefined\b|\{\{|\}\}|\{%|%\}"),
         "en": re.compile(r"\bundefined\b|\{\{|\}\}|\{%|%\}")}


@contextmanager
def demo_portal(database_url: str, folder: Path) -> Iterator[Flask]:
    """The portal with the demo loaded, as `councilportal seed-demo` leaves it; emptied afterwards."""
    app = create_app(app_config(database_url, folder))
    app.test_client_class = IsolatedClient
    with app.app_context():
        demo.seed(db.session)
        db.session.commit()
    try:
        yield app
    finally:
        empty_all_tables(app)


def signed_in_client(app: Flask, role: str, language: str = "sv") -> FlaskClient:
    """A browser of the public, or of one demo account, reading the portal in `language`."""
    client = app.test_client()
    if role != "public":
        response = client.post("/login", data={"email": DEMO_ACCOUNTS[role], "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, response.text
    client.get(f"/?lang={language}")
    return client


@dataclass
class FormField:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    fields: list[FormField] = field(default_factory=list)

    @property
    def text_fields(self) -> list[FormField]:
        return [f for f in self.fields if f.kind in {"text", "textarea", "email", "search", "url", "tel", "password"}]


class PageParser(HTMLParser):
    """What a crawler needs from one HTML page: links, post forms, headings, title, language, visible text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.h1_count = 0
        self.title = ""
        self.html_lang = None
        self.text: list[str] = []
        self.attribute_values: list[str] = []
        self._in_title = False
        self._hidden_depth = 0
        self._form: Form | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.attribute_values.extend(value for name, value in attributes.items() if name != "class")
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1_count += 1
        elif tag in {"script", "style"}:
            self._hidden_depth += 1
        elif tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        elif tag == "form":
            if attributes.get("method", "get").lower() == "post":
                self._form = Form(page=self.page, action=attributes.get("action", "") or self.page)
                self.forms.append(self._form)
        elif self._form is not None and "name" in attributes:
            if tag == "input":
                kind = attributes.get("type", "text").lower()
                if kind in {"checkbox", "radio"} and "checked" not in attributes:
                    value = ""
                else:
                    value = attributes.get("value", "on" if kind in {"checkbox", "radio"} else "")
                self._form.fields.append(FormField(attributes["name"], kind, value))
            elif tag == "textarea":
                self._textarea = FormField(attributes["name"], "textarea")
                self._form.fields.append(self._textarea)
            elif tag == "select":
                self._select = FormField(attributes["name"], "select")
                self._form.fields.append(self._select)
        if tag == "option" and self._select is not None:
            self._select.options.append(attributes.get("value", ""))
            if "selected" in attributes:
                self._select.value = attributes.get("value", "")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in {"script", "style"}:
            self._hidden_depth -= 1
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._textarea is not None:
            self._textarea.value += data
        elif not self._hidden_depth:
            self.text.append(data)


def internal_target(href: str, page: str) -> str | None:
    """The path and query a link leads to inside the portal, or None for the outside world."""
    parts = urlsplit(urljoin(f"http://localhost{page}", href))
    if parts.scheme not in FOLLOWED_SCHEMES or parts.hostname not in INTERNAL_HOSTS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def beyond_budget(target: str, variants_seen: Counter) -> bool:
    """Lists have many pages and filters; the first pages and a few variants show whether they work."""
    path, _, query = target.partition("?")
    if not query:
        return False
    arguments = dict(parse_qsl(query))
    if arguments.get("page", "1").isdigit() and int(arguments.get("page", "1")) > HIGHEST_PAGE_FOLLOWED:
        return True
    return variants_seen[path] >= QUERY_VARIANTS_PER_PATH


def post_route_exists(app: Flask, action: str) -> bool:
    path = urlsplit(action).path
    try:
        app.url_map.bind("localhost").match(path, method="POST")
    except (NotFound, MethodNotAllowed):
        return False
    return True


@dataclass
class CrawlResult:
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


def crawl(app: Flask, client: FlaskClient, start: str = "/", limit: int = 600,
          must_not_show: tuple[str, ...] = ()) -> CrawlResult:
    """Follow every internal link from `start`; fetch downloads without parsing them.

    `must_not_show` are texts no page or text download may contain, such as the names of people
    who chose not to be shown to this reader.
    """
    result = CrawlResult()
    queue = [(start, "(start)")]
    seen = {start}
    variants_seen: Counter = Counter()
    forms_seen = set()
    while queue and len(result.visited) < limit:
        target, shown_on = queue.pop(0)
        result.visited.append(target)
        with client.get(target, follow_redirects=True) as response:
            response.get_data()  # read downloads through, so their files are closed
        where = f"{target} (linked from {shown_on})"
        if response.status_code != 200:
            result.problems.append(f"{where}: answers {response.status_code}")
            continue
        if response.request.path == "/login" and urlsplit(target).path != "/login":
            result.problems.append(f"{where}: sends the person to the sign-in page")
            continue
        if response.mimetype.startswith("text/"):
            body = response.get_data(as_text=True)
            result.problems.extend(f"{where}: shows {text!r}" for text in must_not_show if text in body)
        if target.endswith(DOWNLOAD_SUFFIXES) or response.mimetype != "text/html":
            continue
        final_page = response.request.path + (f"?{response.request.query_string.decode()}"
                                               if response.request.query_string else "")
        parser = PageParser(final_page)
        parser.feed(response.text)
        result.problems.extend(f"{where}: {problem}" for problem in page_problems(parser))
        for form in parser.forms:
            key = (urlsplit(form.action).path, tuple(f.name for f in form.fields))
            if not post_route_exists(app, form.action):
                result.problems.append(f"{where}: a form posts to {form.action}, which no route takes")
            elif key not in forms_seen:
                forms_seen.add(key)
                result.forms.append(form)
        for href in parser.links:
            link = internal_target(href, final_page)
            if link is None or link in seen or urlsplit(link).path in NOT_FOLLOWED_PATHS:
                continue
            if "lang" in dict(parse_qsl(urlsplit(link).query)):
                continue  # switching language would change every page after it; see crawl in English
            if beyond_budget(link, variants_seen):
                continue
            seen.add(link)
            if "?" in link:
                variants_seen[link.partition("?")[0]] += 1
            queue.append((link, target))
    return result


def page_problems(parser: PageParser) -> list[str]:
    problems = []
    if parser.h1_count != 1:
        problems.append(f"has {parser.h1_count} <h1> headings")
    if not parser.title.strip():
        problems.append("has no <title>")
    if not parser.html_lang:
        problems.append("has no lang attribute on <html>")
    leaks = LEAKS.get(parser.html_lang or "sv", LEAKS["sv"])
    visible = " ".join(" ".join(parser.text).split())
    for match in leaks.finditer(visible):
        problems.append(f"shows {match.group()!r}: …{visible[max(0, match.start() - 60):match.end() + 60]}…")
    for value in parser.attribute_values:
        if leaks.search(value):
            problems.append(f"has an attribute value {value!r}")
    return problems



OVERLONG = "å" * 10_000
TEXT_KINDS = {"text", "textarea", "email", "search", "url", "tel", "password"}
# A page answering a post tells the person what happened: the form's error summary or a flash message.
MESSAGE_MARKS = ('class="error-summary"', 'class="flash-messages"')


def endpoint_of(app: Flask, action: str) -> str:
    endpoint, _ = app.url_map.bind("localhost").match(urlsplit(action).path, method="POST")
    return endpoint


def one_form_per_endpoint(app: Flask, forms: list[Form]) -> list[Form]:
    """The first form of each kind: the fourth comment box says nothing the first did not."""
    chosen: dict[tuple, Form] = {}
    for form in forms:
        if urlsplit(form.action).path in NOT_FOLLOWED_PATHS:
            continue
        chosen.setdefault((endpoint_of(app, form.action), tuple(f.name for f in form.fields)), form)
    return list(chosen.values())


def empty_submission(form: Form) -> dict:
    return {f.name: (BytesIO(b""), "") if f.kind == "file" else "" for f in form.fields}


def overlong_submission(form: Form) -> dict:
    """Every text field ten thousand characters long; everything else as the page offered it."""
    data: dict = {}
    for f in form.fields:
        if f.kind == "file":
            data[f.name] = (BytesIO(b""), "")
        elif f.kind in TEXT_KINDS:
            data[f.name] = OVERLONG
        elif f.kind == "select" and not f.value and f.options:
            data[f.name] = next((option for option in f.options if option), "")
        elif f.value or f.kind not in {"checkbox", "radio"}:
            data[f.name] = f.value
    return data


def nul_submission(form: Form) -> dict:
    """A NUL character in every text field; everything else as the page offered it."""
    data = overlong_submission(form)
    for f in form.text_fields:
        data[f.name] = f"{f.value}\x00" if f.value else "Te\x00xt"
    return data


HUGE_NUMBER = "99999999999999999999"


def offers_a_number(f: FormField) -> bool:
    return f.kind == "number" or f.value.isdigit() or any(option.isdigit() for option in f.options)


def huge_number_submission(form: Form) -> dict:
    """A number past what the database holds in every field that takes a number or an id."""
    data = overlong_submission(form)
    for f in form.text_fields:
        data[f.name] = f.value
    for f in form.fields:
        if offers_a_number(f):
            data[f.name] = HUGE_NUMBER
    return data


def post_problems(client: FlaskClient, form: Form, data: dict, what: str) -> list[str]:
    """A person who posts rubbish gets a message, a redirect or a 4xx, never a server error."""
    target = internal_target(form.action, form.page) or form.action
    where = f"{what} to {target} (form on {form.page})"
    try:
        with client.post(target, data=data) as response:
            status = response.status_code
            page = response.get_data(as_text=True) if response.mimetype == "text/html" else None
    except Exception as error:  # noqa: BLE001 - any exception here is the server error a person would see
        return [f"{where}: {type(error).__name__}: {str(error).splitlines()[0][:300]}"]
    if status >= 500:
        return [f"{where}: answers {status}"]
    if page is not None and status in (200, 400, 422) and not any(mark in page for mark in MESSAGE_MARKS):
        return [f"{where}: answers {status} without saying what went wrong"]
    return []
