"""The article form's rich-text editor in a real browser under the portal's strict CSP: it
loads from the site itself, with no CSP violation or failed request, and what is typed in it
is saved (sanitized)."""

import os
import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")

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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="lv-LV")  # the admin opens on the Latvian tabs
        problems = []

        def on_console(message):
            # Failed loads are reported below with their address.
            if message.type == "error" and not message.text.startswith("Failed to load"):
                problems.append(message.text)

        def on_response(response):
            # The browser asks for /favicon.ico by itself; the site has none (yet).
            if response.status >= 400 and not response.url.endswith("/favicon.ico"):
                problems.append(f"{response.status}: {response.url}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.problems = problems
        yield page
        browser.close()


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "pass-word-1")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-word-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_article_editor_works_under_the_csp(browser_page, live_server, django_user_model):
    from news.models import Article

    page = browser_page
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/news/article/add/")
    page.wait_for_load_state("networkidle")
    # One editor per language, built from the site's own static files.
    assert page.locator("div.prose-editor").count() == 2
    page.fill("#id_title_lv", "Pārbaude")  # the admin fills the slug from it
    editor = page.locator("div.prose-editor [contenteditable=true]").first
    editor.click()
    page.keyboard.type("Teksts no redaktora.")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/news/article/")
    article = Article.objects.get(slug="parbaude")
    assert article.body_lv == "<p>Teksts no redaktora.</p>"
    assert page.problems == [], page.problems


def test_public_article_page_has_no_csp_errors(browser_page, live_server):
    from tests.factories import ArticleFactory

    article = ArticleFactory(body_en="<p>Hello.</p>")
    page = browser_page
    page.goto(f"{live_server.url}/en/news/{article.slug}/")
    assert page.locator("h1").inner_text() == article.title_en
    assert page.problems == [], page.problems
