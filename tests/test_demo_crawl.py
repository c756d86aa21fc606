"""Every link a person is shown works for them: the demo, walked as each role and as the public.

A walk starts at the home page and follows every link inside the portal (see tests/crawling.py):
each must answer 200, perhaps after redirects, and each page must have one <h1>, a title, a
language and no template text leaking through. Every form that posts must post to a real route.
"""

import pytest
import sqlalchemy as sa
from flask import Flask

from councilportal.accounts.models import User
from councilportal.extensions import db
from tests.crawling import PageParser, crawl, demo_portal, page_problems, signed_in_client

pytestmark = pytest.mark.one_database

# Pages each walk must reach: a walk that stops early (a failed sign-in, a lost menu) must not pass quietly.
MUST_REACH = {
    "public": {"/councils/socialtjanst-och-beroende/ni-sa-vi-gjorde", "/councils/socialtjanst-och-beroende/meetings"},
    "admin": {"/admin/accounts", "/admin/audit", "/admin/organisations/", "/admin/councils/new",
              "/councils/anhorigradet/members", "/admin/attendance-report"},
    "coordinator": {"/councils/vuxenpsykiatri/members/new", "/councils/anhorigradet/attendance-report",
                    "/councils/socialtjanst-och-beroende/meetings/new"},
    "manager": {"/viewpoints/assigned", "/profile/my-data", "/att-gora"},
    "representative": {"/viewpoints/new", "/viewpoints/my-organisation", "/councils/vuxenpsykiatri"},
    "deputy": {"/viewpoints/new", "/councils/anhorigradet", "/att-gora"},
    "manager_of_another_unit": {"/viewpoints/assigned", "/councils/socialtjanst-och-beroende/members"},
}


@pytest.fixture(scope="module")
def demo_app(database_url, tmp_path_factory):
    """One demo for every walk: walking only reads, so the walks cannot disturb each other."""
    with demo_portal(database_url, tmp_path_factory.mktemp("demo-crawl")) as app:
        yield app


@pytest.mark.parametrize("role", MUST_REACH)
def test_every_link_shown_answers_and_every_page_is_whole(demo_app, role):
    result = crawl(demo_app, signed_in_client(demo_app, role))
    assert not result.problems, "\n".join(result.problems)
    assert MUST_REACH[role] <= set(result.visited)
    assert all(form.action != "/logout" for form in result.forms) == (role == "public")


def test_the_public_never_sees_the_name_of_anyone_who_chose_not_to_be_shown(demo_app):
    with demo_app.app_context():
        unnamed = tuple(db.session.scalars(sa.select(User.name).where(User.show_name_publicly.is_(False))))
    assert len(unnamed) >= 5
    result = crawl(demo_app, signed_in_client(demo_app, "public"), must_not_show=unnamed)
    assert not result.problems, "\n".join(result.problems)


@pytest.mark.parametrize("role", ["public", "admin"])
def test_the_walk_in_english_finds_nothing_broken_either(demo_app, role):
    result = crawl(demo_app, signed_in_client(demo_app, role, language="en"))
    assert not result.problems, "\n".join(result.problems)
    assert MUST_REACH[role] <= set(result.visited)


def tiny_site() -> Flask:
    """A site with one of each fault, to show the walk reports what a person would notice."""
    site = Flask(__name__)
    page = '<html lang="sv"><title>{title}</title><body>{body}</body></html>'

    @site.get("/")
    def home():
        return page.format(title="Hem", body='<h1>Hem</h1><a href="/missing">x</a> <a href="/two-headings">y</a>'
                                            ' <a href="https://example.org/">z</a> <a href="/leaky?page=9">p</a>'
                                            '<form method="post" action="/nowhere"></form>')

    @site.get("/two-headings")
    def two_headings():
        return page.format(title="", body="<h1>A</h1><h1>B</h1><p>Ansvarig: None</p>")

    return site


def test_the_walk_reports_broken_links_headings_leaks_and_forms_to_nowhere():
    site = tiny_site()
    result = crawl(site, site.test_client())
    assert result.visited == ["/", "/missing", "/two-headings"]
    problems = "\n".join(result.problems)
    assert "/missing (linked from /): answers 404" in problems
    assert "a form posts to /nowhere, which no route takes" in problems
    assert "/two-headings (linked from /): has 2 <h1> headings" in problems
    assert "/two-headings (linked from /): has no <title>" in problems
    assert "shows 'None'" in problems


def test_page_checks_ignore_scripts_and_read_form_fields():
    parser = PageParser("/p")
    parser.feed('<html lang="en"><title>T</title><h1>H</h1><script>let x = undefined;</script>'
                '<form method="post"><input name="title" value="a"><textarea name="body">b</textarea>'
                '<select name="unit"><option value="1">x</option><option value="2" selected>y</option></select>'
                '<input type="checkbox" name="public"></form>')
    assert page_problems(parser) == []
    [form] = parser.forms
    assert form.action == "/p"
    assert [(f.name, f.kind, f.value) for f in form.fields] == [
        ("title", "text", "a"), ("body", "textarea", "b"), ("unit", "select", "2"), ("public", "checkbox", "")]
