"""The search in a real browser: the header box without JavaScript, the kind filter, the
suggestion, accessibility (axe-core) and layout at phone width in both languages."""

import pytest

from tests import demo_rows

from .conftest import check_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "search-results-lv": "/lv/search/?q=jurmala",
    "search-results-en": "/en/search/?q=hihona",
    "search-suggestion-en": "/en/search/?q=Chemnits",
    "search-filtered-lv": "/lv/search/?q=transfer&kind=update",
    "search-empty-lv": "/lv/search/",
}


@pytest.fixture
def site(site_settings, live_server):
    # Real commits here: the index is written as the demo data is saved.
    demo_rows.load()
    return live_server.url


def test_searching_from_the_header_without_javascript(site, open_page):
    page = open_page(java_script_enabled=False)
    page.goto(f"{site}/en/networks/")
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill("JURMALA")
    box.press("Enter")
    page.wait_for_url("**/en/search/?q=JURMALA")
    assert page.locator("h1").inner_text() == "Search results for “JURMALA”"
    first = page.locator(".search-result").first
    assert first.locator(".search-result__title").inner_text() == "Jūrmala"
    page.get_by_role("link", name="Progress updates").click()
    assert "kind=update" in page.url
    assert page.locator(".search-result__kind").all_inner_texts() == ["PROGRESS UPDATE"]


def test_the_suggestion_leads_to_the_city(site, open_page):
    page = open_page()
    page.goto(f"{site}/lv/search/?q=Chemnits")
    page.get_by_role("link", name="Chemnitz").click()
    assert page.locator(".search-result__title").first.inner_text() == "Kemnica"


def test_search_pages_are_accessible_and_fit_a_phone(site, open_page):
    assert check_pages(open_page, site, PAGES) == []
