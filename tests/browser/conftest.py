"""Browser journeys: the real app served on localhost, driven by Debian's Chromium.

Every page a journey visits is scanned with axe-core for WCAG 2.1 A/AA violations through
`assert_accessible(page)`; a violation fails the test.
"""

import threading
from contextlib import suppress

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NEXT_PAGE_GRACE_MS = 1500



@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(make_app):
    """The portal on a free localhost port, with CSRF on as in production."""
    app = make_app(WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_port}"
    server.app = app
    yield server
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page) -> None:
    """No WCAG 2.1 A/AA violation on the page as it is now.

    A click on a link returns before the next page has arrived, and axe run while the old
    document gives way to the new one fails (or scans the old page again). So the scan waits
    for a document it has not scanned yet, fully loaded; only briefly, as a journey may scan
    one page twice, after changing it in place.
    """
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => !window.scannedForAccessibility", timeout=NEXT_PAGE_GRACE_MS)
    page.wait_for_load_state()
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    page.evaluate("window.scannedForAccessibility = true")
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def log_in(page, email: str, password: str) -> None:
    page.goto("/login")
    assert_accessible(page)
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
