"""Every internal link of the public site, in both languages, answers: no 500, no broken link."""

import pytest

from urbact_portal.crawl import _internal, client_fetch, crawl

pytestmark = pytest.mark.django_db


def test_every_link_of_the_demo_site_answers(client, demo):
    # Each path once with a query string besides without: the filter pages' combinations
    # are the same views with other arguments.
    result = crawl(client_fetch(client), variants=1)
    assert result.problems == []
    assert result.visited > 300  # networks, cities, countries, events, news, feeds in 2 languages
    assert set(result.statuses) <= {200, 301, 302}


def test_the_crawler_reports_a_broken_link_with_the_page_that_links_to_it():
    pages = {
        "/lv/": (200, "text/html", '<a href="/lv/a/">a</a> <a href="https://example.org/">x</a>'),
        "/en/": (200, "text/html", '<a href="/en/missing/">m</a><a href="#top">top</a>'),
        "/lv/a/": (200, "text/html; charset=utf-8", '<a href="../broken/">b</a>'),
        "/en/missing/": (404, "text/html", ""),
        "/lv/broken/": (500, "text/html", ""),
    }
    result = crawl(lambda url: pages[url])
    assert sorted((p.url, p.status, p.linked_from) for p in result.problems) == [
        ("/en/missing/", 404, "/en/"),
        ("/lv/broken/", 500, "/lv/a/"),
    ]
    assert result.visited == 5


def test_the_crawler_stays_on_the_site_and_bounded():
    assert _internal("/lv/", "https://example.org/x") is None
    assert _internal("/lv/", "mailto:ncp@example.lv") is None
    assert _internal("/lv/", "/admin/") is None
    assert _internal("/lv/networks/", "?phase=2#list") == "/lv/networks/?phase=2"
    many = "".join(f'<a href="/lv/?page={n}">{n}</a>' for n in range(100))
    result = crawl(lambda url: (200, "text/html", many), start=["/lv/"], variants=3)
    assert result.visited == 4
