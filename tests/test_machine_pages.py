"""sitemap.xml with both languages and hreflang alternates, robots.txt, and the health check."""

from unittest import mock

import pytest
from django.db import OperationalError

from tests.factories import ArticleFactory, NetworkFactory, ProgressUpdateFactory
from tests.sitemaps import sitemap_files, whole_sitemap

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_both_languages_with_alternates(
    client, demo, django_assert_max_num_queries
):
    # The index and its ten files, a few queries each.
    with django_assert_max_num_queries(40):
        xml = whole_sitemap(client)
    for lang in ("lv", "en"):
        for path in (
            f"/{lang}/",
            f"/{lang}/networks/active-ngos/",
            f"/{lang}/cities/lv/riga/",
            f"/{lang}/countries/lv/",
            f"/{lang}/events/urbact-campus-2019/",
            f"/{lang}/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/",
        ):
            assert f"<loc>http://testserver{path}</loc>" in xml
        assert f'hreflang="{lang}" href="http://testserver/{lang}/networks/active-ngos/"' in xml
    assert 'hreflang="x-default"' in xml


def test_the_sitemap_leaves_out_drafts(client, demo):
    from tests.factories import ArticleFactory

    ArticleFactory(slug="a-draft", status="draft")
    assert "a-draft" not in whole_sitemap(client)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_healthz_checks_the_database_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert "no-store" in response["Cache-Control"]
    assert int(response["Retry-After"]) > 0


def test_the_sitemap_is_an_index_of_files_of_at_most_50000_addresses(client, settings):
    from urbact_portal.sitemaps import SITEMAPS

    networks = NetworkFactory.create_batch(3)
    assert all(sitemap.limit <= 50_000 for sitemap in SITEMAPS.values())
    # A file fuller than its limit goes on in a second page of the index.
    with mock.patch.object(SITEMAPS["networks"], "limit", 4):
        files = sitemap_files(client)
    pages = [address for address in files if "sitemap-networks.xml" in address]
    assert pages == [
        "http://testserver/sitemap-networks.xml",
        "http://testserver/sitemap-networks.xml?p=2",
    ]
    for xml in files.values():
        assert xml.count("<url>") <= 50_000
    network_xml = "".join(files[address] for address in pages)
    assert network_xml.count("<url>") == 2 * len(networks)


def test_every_dated_address_has_its_lastmod(client):
    network = NetworkFactory()
    ProgressUpdateFactory(network=network)
    ArticleFactory()
    network.save()  # a revision
    files = sitemap_files(client)
    for kind in ("networks", "updates", "news", "statements"):
        xml = files[f"http://testserver/sitemap-{kind}.xml"]
        assert xml.count("<url>") == xml.count("<lastmod>") > 0, kind
    index = client.get("/sitemap.xml").content.decode()
    assert index.count("<lastmod>") >= 4


def test_the_sitemap_is_kept_and_renewed_by_an_edit(
    client, settings, django_assert_num_queries, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 3600
    network = NetworkFactory(slug="first")
    assert client.get("/sitemap-networks.xml")["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the content version at most
        kept = client.get("/sitemap-networks.xml")
    assert kept["X-Page-Cache"] == "hit"
    assert "/lv/networks/first/" in kept.content.decode()
    network.slug = "renamed"
    network.save()
    assert "/lv/networks/renamed/" in client.get("/sitemap-networks.xml").content.decode()
