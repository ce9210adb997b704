"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live
server. Every page a test opens is watched: a console error, a failed request, an error
response or a request to another origin fails the test."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Debian's chromium is not installed at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# One browser per test module, closed at the module's end: a module that drives Playwright
# itself (test_news_editor.py) cannot start while another module's browser is still open.
@pytest.fixture(scope="module")
def browser():
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run
    # next to one unless told it is safe (it is: the tests are sequential).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site_settings(settings):
    # Plain static files: the manifest storage 404s under the live server.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MAP_TILE_URL = ""
    return settings


class Watcher:
    """Collects what went wrong while pages were open."""

    def __init__(self, origin):
        self.origin = origin
        self.problems = []
        self.expected_status = {}

    def expect_status(self, url, status):
        self.expected_status[url] = status

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)
        return page

    def _console(self, message):
        if message.type != "error":
            return
        if message.location.get("url") in self.expected_status and message.text.startswith(
            "Failed to load resource"
        ):
            return  # the browser's note about a status the test asked for
        self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request):
        if request.failure == "net::ERR_ABORTED":
            # Given up by the browser as the test went on to the next page (the favicon, a
            # map tile still loading): not an answer of the server, which shows as a status.
            return
        self.problems.append(f"request failed: {request.url} {request.failure}")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"third-party request: {request.url}")

    def _response(self, response):
        expected = self.expected_status.get(response.url, 200)
        if response.status >= 400 and response.status != expected:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def assert_clean(self):
        assert self.problems == []


@pytest.fixture
def watcher(live_server):
    return Watcher(live_server.url)


@pytest.fixture
def open_page(browser, watcher):
    """A page in a fresh context (CSP enforced) at a given width."""
    contexts = []

    def make(width=1280, height=900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return watcher.watch(context.new_page())

    yield make
    for context in contexts:
        context.close()
    watcher.assert_clean()


def run_axe(page):
    """axe-core's serious and critical violations on the open page (needs bypass_csp)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def check_pages(open_page, site, paths, widths=(1280, 360)):
    """Open each page at each width: one h1, a screenshot, no sideways scroll and no
    serious axe violation. Returns what failed, one line per problem."""
    failures = []
    for width in widths:
        page = open_page(width=width)
        checker = open_page(width=width, bypass_csp=True)
        for name, path in paths.items():
            page.goto(f"{site}{path}")
            page.wait_for_load_state("load")
            headings = page.locator("h1").count()
            if headings != 1:
                failures.append(f"{path} at {width}px has {headings} h1")
            screenshot(page, f"{name}-{width}")
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll_width > width:
                failures.append(f"{path} at {width}px scrolls sideways: {scroll_width}px")
            checker.goto(f"{site}{path}")
            checker.wait_for_load_state("load")
            for violation in run_axe(checker):
                failures.append(f"{path} at {width}px: {violation}")
    return failures


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
