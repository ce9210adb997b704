import contextlib

import pytest
from django.utils import translation

COMMITTING = {"live_server", "transactional_db"}


def pytest_collection_modifyitems(config, items):
    # The production stack's smoke test (tests/stack/) starts nginx and granian: only when asked
    # for with `-m stack` (make smoke-stack).
    if "stack" not in (config.getoption("markexpr") or ""):
        skip = pytest.mark.skip(reason="the stack's smoke test runs with -m stack")
        for item in items:
            if item.get_closest_marker("stack"):
                item.add_marker(skip)
    # A test that makes a database of its own needs the suite's database for nothing: run
    # once, with the suite on SQLite (CI runs the suite on PostgreSQL at the same time).
    from django.db import connection

    if connection.vendor != "sqlite":
        skip = pytest.mark.skip(reason="own database: runs with the suite on SQLite")
        for item in items:
            if item.get_closest_marker("own_database"):
                item.add_marker(skip)
    # A test that commits ends with a flush, which would also remove what migrations create (the
    # editor groups, the accessibility and privacy pages) and let content types come back under
    # new ids. Each such test restores the migrated rows instead.
    for item in items:
        marker = item.get_closest_marker("django_db")
        transaction = marker is not None and marker.kwargs.get("transaction", False)
        commits = transaction or COMMITTING & set(item.fixturenames)
        if commits and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    # Playwright's sync API keeps an event loop running in the test thread, and inside one
    # Django hands out a connection object per context (asgiref's Local), which lacks the rows
    # the test database was created with: committing tests would then flush without restoring
    # them. Kept on the connection class, every connection object of the backend has them.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        rows = getattr(connection, "_test_serialized_contents", None)
        if rows is not None:
            type(connection)._test_serialized_contents = rows
    return django_db_setup


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    # Staff sign in with a second factor; tests/test_two_factor.py turns it on for itself,
    # the other tests log in with the password alone.
    settings.STAFF_TWO_FACTOR = False


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Views are tested (and their queries counted) as they run; tests/test_cache.py turns the
    # anonymous page cache on for itself.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_caches():
    # The page cache lives in process memory across tests; every test starts without it, and
    # reads the content version afresh.
    from django.core.cache import caches

    from core.cache import forget_held

    for cache in caches.all():
        cache.clear()
    forget_held()


@pytest.fixture(autouse=True)
def _latvian_by_default():
    # Outside a request modeltranslation follows the active language: fix it for every test.
    with translation.override("lv"):
        yield


@pytest.fixture
def demo(db):
    from tests import demo_rows

    demo_rows.load()


@pytest.fixture(autouse=True)
def _writes_commit_before_each_request(monkeypatch):
    """In production a write's transaction has committed, and so worked the tallies out
    (`networks.models.tallies`), before another request reads them. A test's transaction
    never commits, so each test-client request first does what that commit does, and its
    queries are left out of the request's count: they are the writer's."""
    from django.db import DatabaseError, connection
    from django.test.client import Client

    from networks.models import tallies

    request = Client.request

    def after_the_commit(self, **kwargs):
        logged = len(connection.queries_log)
        # A test of a database that fails: the request meets the failure itself.
        with contextlib.suppress(DatabaseError):
            tallies._refresh_if_written()
        while len(connection.queries_log) > logged:
            connection.queries_log.pop()
        return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", after_the_commit)
