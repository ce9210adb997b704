"""The database going away gives the designed 503 page; the portal recovers when it returns."""

from unittest import mock

import pytest
from django.db import OperationalError, connection

from .helpers import NETWORK_PAGE

pytestmark = pytest.mark.django_db

# --- the database down -------------------------------------------------------------------


@pytest.fixture
def client(client):
    # The pages under test answer a fault themselves: see their answer, not the exception.
    client.raise_request_exception = False
    return client


def database_down():
    return mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError("connection refused")
    )


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/en/networks/", "The portal is temporarily unavailable"),
        ("/lv/networks/", "Portāls īslaicīgi nav pieejams"),
        ("/lv/", "Portāls īslaicīgi nav pieejams"),
        ("/en/news/", "The portal is temporarily unavailable"),
    ],
)
def test_the_database_down_gives_the_designed_503_in_the_pages_language(client, site, url, text):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert text in response.content.decode()
    assert f'<html lang="{url[1:3]}">' in response.content.decode()
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    # Back without a restart.
    assert client.get(url).status_code == 200


def test_the_503_page_renders_without_the_database(rf, django_assert_num_queries):
    from urbact_portal.system_views import database_unavailable

    with django_assert_num_queries(0), database_down():
        response = database_unavailable(rf.get("/en/networks/"))
    assert response.status_code == 503
    assert "The portal is temporarily unavailable" in response.content.decode()


def test_a_bug_in_a_query_is_still_a_500(client, demo):
    from django.db import ProgrammingError

    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=ProgrammingError("bug")
    ):
        response = client.get("/en/networks/")
    assert response.status_code == 500


def test_a_cached_page_is_still_served_while_the_database_is_down(client, site, page_cache_on):
    assert client.get(NETWORK_PAGE).status_code == 200
    with database_down():
        response = client.get(NETWORK_PAGE)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_health_answers_503_only_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "cache": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_database_outage_and_recovery(client):
    """PostgreSQL only: the connection really goes to a closed port, and back."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to lose; the mocked outage above covers it")
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "6399"
    try:
        assert client.get("/en/networks/").status_code == 503
        assert client.get("/healthz").status_code == 503
    finally:
        connection.settings_dict["PORT"] = port
        connection.close()
    assert client.get("/en/networks/").status_code == 200
    assert client.get("/healthz").json()["database"] == "ok"
