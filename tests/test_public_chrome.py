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


LATVIAN_PAGES = [
    "/lv/",
    "/lv/networks/",
    "/lv/networks/?country=lv&status=closed",
    "/lv/networks/active-ngos/",
    "/lv/networks/active-ngos/updates/",
    "/lv/cities/lv/riga/",
    "/lv/countries/lv/",
    "/lv/events/",
    "/lv/events/transfer-networks-phase-2-kick-off/",
    "/lv/networks/no-such-network/",
]


def english_interface_strings():
    """Interface strings whose Latvian translation differs, long enough not to occur by
    chance inside other words."""
    import gettext
    from pathlib import Path

    from django.conf import settings

    mo = Path(settings.LOCALE_PATHS[0]) / "lv" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {
        msgid
        for msgid, msgstr in catalog.items()
        if isinstance(msgid, str) and "%" not in msgid and len(msgid) >= 8 and msgid != msgstr
    }


@pytest.mark.parametrize("url", LATVIAN_PAGES)
def test_latvian_pages_have_no_english_interface_text(client, demo, url):
    import html as html_module
    import re

    page = client.get(url).content.decode()
    text = html_module.unescape(re.sub(r"<[^>]+>", "\n", page.split("<body>")[1]))
    lines = {line.strip() for line in text.splitlines() if line.strip()}
    english = english_interface_strings()
    assert sorted(lines & english) == []
