"""The demo's story in a real browser: the seed article's "šeit" / "here" links lead somewhere,
and the pages that tell the real data look finished at desktop and phone width."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import demo_rows

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO = Path(__file__).resolve().parents[2] / "urbact_portal" / "demo" / "demo.json"
ARTICLE = "/{language}/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/"
LINK_WORDS = {"lv": "šeit", "en": "here"}


@pytest.fixture
def demo_site(site_settings, live_server):
    demo_rows.load()
    return live_server


def named_sources():
    """The text of the sources the demo file names."""
    return " ".join(json.loads(DEMO.read_text(encoding="utf-8"))["sources"])


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_here_link_of_the_article_answers_or_names_its_source(demo_site, open_page, language):
    page = open_page()
    page.goto(demo_site.url + ARTICLE.format(language=language))
    word = LINK_WORDS[language]
    links = page.locator(".prose a").filter(has_text=re.compile(rf"^{word}$"))
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    # Every occurrence of the word in the body is a link.
    body = page.locator(".prose").inner_text()
    assert len(re.findall(rf"\b{word}\b", body)) == links.count() == 4, hrefs
    sources = named_sources()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc:
            # A public source outside the portal: named in the demo's sources, not fetched.
            assert parts.scheme == "https"
            assert f"{parts.netloc.removeprefix('www.')}{parts.path}".rstrip("/") in sources, href
        else:
            response = page.request.get(demo_site.url + href)
            assert response.status == 200, href
            assert f"/{language}/" in href


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_real_story_pages_at_desktop_and_phone_width(demo_site, open_page, language, width):
    page = open_page(width=width)
    pages = {
        "home": f"/{language}/",
        "networks": f"/{language}/networks/",
        "card4all": f"/{language}/networks/card4all/",
        "re-growcity": f"/{language}/networks/re-growcity/",
        "alt-bau": f"/{language}/networks/alt-bau/",
        "puma": f"/{language}/networks/puma/",
        "liepaja": f"/{language}/cities/lv/liepaja/",
        "country": f"/{language}/countries/lv/",
        "approval": f"/{language}/approvals/urbact-iv/action-planning-network/2023-05-31/",
        "article": ARTICLE.format(language=language),
    }
    for name, path in pages.items():
        page.goto(demo_site.url + path)
        # Nothing wider than the window: long names and lists wrap.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        screenshot(page, f"demo-{name}-{language}-{width}")
    page.goto(
        demo_site.url + f"/{language}/approvals/urbact-iii/transfer-network/2018-12-04/phase-2/"
    )
    figures = page.locator(".figures dd").all_inner_texts()
    assert figures[:3] == ["22", "151", "25"]
    assert "22" in page.locator(".figures__note").first.inner_text()
    assert "23" in page.locator(".figures__note").first.inner_text()
