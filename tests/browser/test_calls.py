"""The calls for proposals in a real browser, with the demo's URBACT IV calls: the list and a
call's page in both languages are accessible (axe-core), have one h1 and fit a phone; the
header's Calls item leads to the list."""

import pytest

from tests import demo_rows

from .conftest import check_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "calls-lv": "/lv/calls/",
    "calls-en": "/en/calls/",
    "call-lv": "/lv/calls/action-networks-2026/",
    "call-en": "/en/calls/innovation-transfer-networks-2024/",
    "home-with-calls-lv": "/lv/",
}


@pytest.fixture
def site(site_settings, live_server):
    demo_rows.load()
    return live_server.url


def test_the_calls_pages_are_accessible_and_fit_a_phone(site, open_page):
    assert check_pages(open_page, site, PAGES) == []


def test_the_header_leads_to_the_calls_and_on_to_a_call(site, open_page):
    page = open_page()
    page.goto(f"{site}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calls").click()
    page.wait_for_url(f"{site}/en/calls/")
    assert page.locator("h1").inner_text() == "Calls for proposals"
    page.get_by_role("link", name="Call for Innovation Transfer Networks (2024)").click()
    page.wait_for_url(f"{site}/en/calls/innovation-transfer-networks-2024/")
    info_day = page.get_by_role("link", name="Info day on the URBACT IV call for Innovation")
    assert info_day.count() == 1
