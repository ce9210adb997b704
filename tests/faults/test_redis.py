"""Redis down or hung: every page answers, saves succeed, health says so. Redis back: nothing
stale, whichever process wrote while it was away (the content version is in the database)."""

import logging
import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from core import cache as versions
from networks.models import Network, Programme

from .helpers import NETWORK_PAGE, caches_at, rename

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    # address: text the page must show
    "/lv/": "Aktīvas NVO ziņa",
    "/en/": "Active NGOs news",
    "/en/news/": "Active NGOs news",
    "/lv/news/aktivas-nvo-zina/": "Aktīvas NVO ziņa",
    "/en/networks/": "Active NGOs",
    "/lv/networks/": "Aktīvas NVO",
    NETWORK_PAGE: "Active NGOs",
    "/lv/networks/active-ngos/": "Rīga",
    "/en/networks/active-ngos/updates/": "Kick-off held",
    "/en/networks/active-ngos/updates/kick-off-held/": "Kick-off held",
    "/en/networks/active-ngos/feed/": "Kick-off held",
    "/en/events/": "Kick-off meeting",
    "/en/events/kick-off/": "Kick-off meeting",
    "/en/events.ics": "BEGIN:VCALENDAR",
    "/en/cities/lv/riga/": "Active NGOs",
    "/lv/countries/lv/": "Rīga",
    "/en/search/?q=aktivas": 'name="q"',
    "/api/v1/networks": "active-ngos",
    "/api/v1/networks/active-ngos": "Riga",
    "/api/v1/figures": "networks",
    "/api/v1/networks.csv": "Active NGOs",
    "/sitemap.xml": "/sitemap-networks.xml",
    "/sitemap-networks.xml": "/lv/networks/active-ngos/",
    "/robots.txt": "Sitemap",
}


# --- Redis down: pages, saves, health ----------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_answers_without_redis(client, site, redis_down, caplog, url):
    # Pages are kept in the worker's own memory: Redis is not on their way at all.
    with caplog.at_level(logging.WARNING, logger="django_redis"):
        response = client.get(url)
        again = client.get(url)
    assert response.status_code == 200
    assert PUBLIC_PAGES[url] in response.content.decode()
    assert again.status_code == 200
    if url.startswith(("/lv/", "/en/", "/api/")):  # the pages the cache serves
        assert again["X-Page-Cache"] == "hit"
    assert caplog.records == []  # nothing asked of Redis, so nothing failed


def test_rate_limits_let_requests_through_while_redis_is_down(redis_down):
    from subscriptions.ratelimit import allow

    assert all(allow("signup", "someone@example.lv", 1, 60) for _attempt in range(3))


def test_a_form_limited_through_redis_answers_while_it_is_down(client, site, redis_down, caplog):
    # The password reset's limits count in the shared cache: it asks Redis, which fails,
    # and the failure is logged, not shown.
    with caplog.at_level(logging.WARNING, logger="django_redis"):
        response = client.post("/admin/password_reset/", {"email": "someone@example.lv"})
    assert response.status_code == 302
    assert any(record.name.startswith("django_redis") for record in caplog.records)


def test_an_edit_shows_at_once_while_redis_is_down(client, site, redis_down):
    assert "Active NGOs" in client.get(NETWORK_PAGE).content.decode()
    rename("active-ngos", "Active NGOs while Redis is down")
    assert "Active NGOs while Redis is down" in client.get(NETWORK_PAGE).content.decode()


def test_an_admin_save_succeeds_while_redis_is_down(client, site, redis_down, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    programme = Programme.objects.get(slug="urbact-iii")  # the factories' programme
    response = client.post(
        f"/admin/networks/programme/{programme.pk}/change/",
        {
            "name": "URBACT III (2014-2020)",
            "slug": "urbact-iii",
            "start_year": 2014,
            "end_year": 2020,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    assert programme.name == "URBACT III (2014-2020)"
    client.logout()
    assert "URBACT III (2014-2020)" in client.get("/en/networks/").content.decode()


def test_a_delete_succeeds_while_redis_is_down(client, site, redis_down):
    Network.objects.get(slug="re-growcity").delete()
    assert "Re-growCity" not in client.get("/en/networks/").content.decode()


def test_health_reports_the_cache_down_but_answers_200(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}
    assert "no-store" in response["Cache-Control"]


def test_health_reports_the_cache_up(client, own_redis):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


# --- Redis back: nothing stale -----------------------------------------------------------


def test_a_redis_restart_serves_no_stale_page(client, site, own_redis):
    assert "Active NGOs" in client.get(NETWORK_PAGE).content.decode()
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    own_redis.stop()
    rename("active-ngos", "Renamed while Redis was stopped")
    down = client.get(NETWORK_PAGE)
    assert down.status_code == 200
    assert "Renamed while Redis was stopped" in down.content.decode()
    own_redis.start()  # empty: its version is gone, this worker's copies are not
    for _attempt in range(2):
        back = client.get(NETWORK_PAGE).content.decode()
        assert "Renamed while Redis was stopped" in back
        assert "Active NGOs</" not in back
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"


def test_a_hung_redis_costs_a_bounded_wait_and_no_error(client, site, settings, hung_redis):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = caches_at(hung_redis.url)
    started = time.monotonic()
    response = client.get(NETWORK_PAGE)
    assert response.status_code == 200
    assert "Active NGOs" in response.content.decode()
    # Each call to the cache gives up after its socket timeout (0.5 s): a read, two writes.
    assert time.monotonic() - started < 5


@pytest.mark.django_db(transaction=True)
def test_an_edit_from_another_process_while_redis_hangs_reaches_the_pages(
    client, site, own_redis, hung_redis, monkeypatch
):
    """Issue 27, finding 7: a management command renamed a network while Redis hung, and the
    old name was served for over a minute after Redis came back. The version moves in the
    database with the edit, so the pages follow within the second a worker holds it."""
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "miss"
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    # Another process: it cannot tell this one that the version moved.
    with monkeypatch.context() as other_process:
        other_process.setattr(versions, "forget_held", lambda: None)
        with override_settings(CACHES=caches_at(hung_redis.url)):
            call_command(
                "shell",
                "-c",
                "from tests.faults.helpers import rename; "
                "rename('active-ngos', 'Renamed while Redis hung')",
            )
    # Redis is back (it never lost the old page): within a few seconds the new name shows.
    deadline = time.monotonic() + 3
    while True:
        page = client.get(NETWORK_PAGE).content.decode()
        if "Renamed while Redis hung" in page or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert "Renamed while Redis hung" in page
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
