"""Redis down: every page answers, saves succeed, health says so. Redis back: nothing stale,
and a bump that missed it is made, before the process exits at the latest."""

import copy
import logging
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import override_settings

from core import cache as content_cache
from core.cache import VERSION_KEY, ContentFragments, content_version
from networks.models import Network, Programme
from urbact_portal import redis_cache

from .helpers import CLOSED_URL, NETWORK_PAGE, caches_at, rename

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
    "/sitemap.xml": "/lv/networks/active-ngos/",
    "/robots.txt": "Sitemap",
}


# --- Redis down: pages, saves, health ----------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_answers_without_redis(client, site, redis_down, caplog, url):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        response = client.get(url)
        again = client.get(url)
    assert response.status_code == 200
    assert PUBLIC_PAGES[url] in response.content.decode()
    assert again.status_code == 200
    assert "X-Page-Cache" not in again  # nothing cached, nothing served from a copy
    if url.startswith(("/lv/", "/en/", "/api/")):  # the pages the cache serves
        assert any("unreachable" in record.getMessage() for record in caplog.records)


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


def test_redis_is_left_alone_for_a_while_after_a_failure(settings, redis_down):
    settings.CACHES = copy.deepcopy(settings.CACHES)
    settings.CACHES["default"]["OPTIONS"] = {"RETRY_SECONDS": 30}
    cache = caches["default"]
    assert cache.get("anything", "absent") == "absent"
    assert not cache.reachable
    with mock.patch.object(redis_cache.ReusingRedisCacheClient, "get_client") as get_client:
        assert cache.get("anything", "absent") == "absent"
        cache.set("anything", 1)
    get_client.assert_not_called()


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


def test_a_bump_that_missed_redis_is_made_when_it_answers_again(client, site, own_redis):
    """Redis kept its data (and its copy of the page) while this process could not reach
    it: the bump is made as soon as it answers, so the old copy is not served."""
    client.get(NETWORK_PAGE)
    assert client.get(NETWORK_PAGE)["X-Page-Cache"] == "hit"
    before = caches["default"].get(VERSION_KEY)
    with override_settings(CACHES=caches_at(CLOSED_URL)):
        rename("active-ngos", "Renamed during a network fault")
    assert content_cache._Process.pending
    page = client.get(NETWORK_PAGE).content.decode()
    assert "Renamed during a network fault" in page
    assert caches["default"].get(VERSION_KEY) > before
    assert not content_cache._Process.pending


def test_a_version_restored_from_an_older_copy_is_moved_forward(client, site, own_redis):
    client.get(NETWORK_PAGE)
    old = caches["default"].get(VERSION_KEY)
    rename("active-ngos", "Renamed after the snapshot")
    assert "Renamed after the snapshot" in client.get(NETWORK_PAGE).content.decode()
    # Redis restored from a snapshot taken before the edit: the old version comes back,
    # and this worker still has its copy of the page rendered under it.
    caches["default"].set(VERSION_KEY, old, None)
    assert "Renamed after the snapshot" in client.get(NETWORK_PAGE).content.decode()
    assert caches["default"].get(VERSION_KEY) > old


def test_the_version_only_moves_forward(own_redis):
    first = content_version()
    content_cache.bump_content_version()
    second = content_version()
    assert second > first
    # The version is a time in microseconds: made later, it is higher, even from nothing.
    caches["default"].clear()
    assert content_version() > second
    assert caches["default"].advance(VERSION_KEY, 5) == caches["default"].get(VERSION_KEY)


def test_fragments_are_not_kept_while_redis_is_down(redis_down):
    fragments = ContentFragments()
    assert not fragments.available
    assert not fragments.enabled
    assert fragments.seconds == 0
    assert fragments.stamp != ContentFragments().stamp


def test_a_bump_inside_a_transaction_is_made_again_after_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        content_cache.bump_content_version()
        content_cache.bump_content_version()
    # Once per transaction, however many rows it wrote.
    assert callbacks.count(content_cache.advance_content_version) == 1


# --- leaving with a bump to make ---------------------------------------------------------


def test_a_process_that_leaves_with_a_bump_to_make_retries_then_says_so(
    redis_down, monkeypatch, caplog
):
    registered = []
    monkeypatch.setattr(content_cache.atexit, "register", registered.append)
    monkeypatch.setattr(content_cache._Process, "exit_hook", False)
    monkeypatch.setattr(content_cache, "EXIT_RETRY_SECONDS", 1)
    content_cache.bump_content_version()
    assert registered == [content_cache._bump_before_exit]
    with caplog.at_level(logging.ERROR, logger="core.cache"):
        content_cache._bump_before_exit()
    assert "could not be bumped before exiting" in caplog.text


def test_the_bump_left_at_exit_is_made_if_redis_answers_by_then(own_redis):
    before = content_version()
    content_cache._Process.pending = True
    content_cache._bump_before_exit()
    assert not content_cache._Process.pending
    assert caches["default"].get(VERSION_KEY) > before
