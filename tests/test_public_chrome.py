"""The page chrome every public page shares: language switch, error pages."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from urbact_portal.views import server_error

pytestmark = pytest.mark.django_db


def test_language_switch_on_a_missing_page_keeps_the_address(client):
    response = client.get("/lv/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/en/no/such/page/" hreflang="en"' in html
    assert "<h1>Lapa nav atrasta</h1>" in html


def test_server_error_page_uses_the_design_without_the_database():
    request = RequestFactory().get("/lv/")
    with translation.override("lv"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "site-header" in html
    assert "<h1>" in html


def test_current_section_is_marked_in_the_navigation(client):
    html = client.get("/en/networks/").content.decode()
    assert 'href="/en/networks/" aria-current="page"' in html
    assert 'href="/en/events/" aria-current="page"' not in html
