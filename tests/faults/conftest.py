"""Fixtures of the fault tests: a small portal, Redis reachable, unreachable or our own."""

import shutil

import pytest
from django.core.cache import caches

from core import cache as content_cache
from tests.factories import (
    ArticleFactory,
    CityFactory,
    CountryFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    PhaseFactory,
    ProgressUpdateFactory,
)
from urbact_portal import redis_cache

from .helpers import CLOSED_URL, OWN_PORT, OWN_URL, OwnRedis, caches_at, port_open


@pytest.fixture
def site(db):
    """A small portal: a network with its lead partner, phase, update, event and news."""
    latvia = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
    riga = CityFactory(country=latvia, slug="riga", name_lv="Rīga", name_en="Riga")
    network = NetworkFactory(slug="active-ngos", name_lv="Aktīvas NVO", name_en="Active NGOs")
    MembershipFactory(network=network, city=riga, role="lead_partner")
    regrow = NetworkFactory(slug="re-growcity", name_lv="Re-growCity", name_en="Re-growCity")
    MembershipFactory(network=regrow, city=CityFactory(country=latvia))
    PhaseFactory(network=network)
    ProgressUpdateFactory(network=network, slug="kick-off-held", title_en="Kick-off held")
    EventFactory(network=network, slug="kick-off", title_en="Kick-off meeting")
    article = ArticleFactory(
        slug="aktivas-nvo-zina", title_lv="Aktīvas NVO ziņa", title_en="Active NGOs news"
    )
    article.networks.add(network)
    return network


@pytest.fixture(autouse=True)
def _fresh_fault_state():
    redis_cache._down_until.clear()
    content_cache._Process.pending = False
    yield
    redis_cache._down_until.clear()
    content_cache._Process.pending = False
    for alias in ("pages", "fragments"):
        caches[alias].local.clear()


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def redis_down(settings, page_cache_on):
    settings.CACHES = caches_at(CLOSED_URL)
    yield


@pytest.fixture(scope="module")
def own_redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    if port_open(OWN_PORT):
        pytest.skip(f"port {OWN_PORT} is taken")
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_redis(own_redis_server, settings, page_cache_on):
    if not port_open(OWN_PORT):
        own_redis_server.start()
    settings.CACHES = caches_at(OWN_URL)
    caches["default"].clear()
    yield own_redis_server
    if port_open(OWN_PORT):
        caches["default"].clear()
