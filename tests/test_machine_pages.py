"""sitemap.xml with both languages and hreflang alternates, robots.txt, and the health check."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_both_languages_with_alternates(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
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
    assert "a-draft" not in client.get("/sitemap.xml").content.decode()


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
