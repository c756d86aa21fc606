"""On a phone 320 px wide no page scrolls sideways (WCAG 2.1, 1.4.10 Reflow), and the menu folds away.

Every page the demo crawl reaches as the public and as a coordinator (tests/crawling.py) is opened in
Chromium at 320 × 640 and its document must be no wider than the screen.
"""

import re

import pytest
from playwright.sync_api import Error, expect

from councilportal import demo
from councilportal.extensions import db
from tests.browser.conftest import assert_accessible
from tests.crawling import DEMO_ACCOUNTS, DOWNLOAD_SUFFIXES, crawl, signed_in_client

PHONE = {"width": 320, "height": 640}
# The widest the document may be: the screen itself.
WIDEST = PHONE["width"]

pytestmark = pytest.mark.one_database


def pages_of(app, role: str) -> list[str]:
    """What the demo crawl reaches, walked through an app of its own that signs in without a form token."""
    result = crawl(app, signed_in_client(app, role))
    return [path for path in result.visited if not path.endswith(DOWNLOAD_SUFFIXES) and "format=csv" not in path]


def too_wide(browser, live_server, crawler, role: str) -> list[str]:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if role != "public":
        page.goto("/login")
        page.get_by_label("E-postadress").fill(DEMO_ACCOUNTS[role])
        page.get_by_label("Lösenord").fill(demo.DEMO_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        expect(page).not_to_have_url(re.compile("/login"))
    found = []
    paths = pages_of(crawler, role)
    assert len(paths) > 20, "the crawl reached the pages"
    for path in paths:
        try:
            page.goto(path)
        except Error as error:
            if "Download is starting" in error.message:
                continue  # a document, not a page
            raise
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDEST:
            found.append(f"{path}: {width} px")
    context.close()
    return found


@pytest.fixture
def demo_server(live_server):
    with live_server.app.app_context():
        demo.seed(db.session)
        db.session.commit()
    return live_server


@pytest.mark.parametrize("role", ["public", "coordinator"])
def test_no_page_scrolls_sideways_on_a_phone(browser, demo_server, make_app, role):
    found = too_wide(browser, demo_server, make_app(), role)
    assert not found, "pages wider than a 320 px phone:\n" + "\n".join(found)


def test_the_menu_folds_on_a_phone_and_stays_open_on_a_wide_screen(browser, demo_server):
    context = browser.new_context(base_url=demo_server.url, locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto("/tillganglighet")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Råd", exact=True)).to_be_hidden()
    assert_accessible(page)
    menu.get_by_text("Meny").click()
    expect(menu.get_by_role("link", name="Råd", exact=True)).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    expect(menu.get_by_text("Meny")).to_be_hidden()
    expect(menu.get_by_role("link", name="Råd", exact=True)).to_be_visible()
    assert_accessible(page)
    context.close()
