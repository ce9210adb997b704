"""Public reads from a replica, everything that must see the latest writes from the primary."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.replicas import PrimaryForEditorsMiddleware, ReplicaRouter
from networks.models import Network

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}


def routed(request, during=lambda router: None):
    """Where a read goes inside `request`, before and after `during` runs."""
    router, seen = ReplicaRouter(), []

    def view(request):
        seen.append(router.db_for_read(Network))
        during(router)
        seen.append(router.db_for_read(Network))
        return HttpResponse()

    PrimaryForEditorsMiddleware(view)(request)
    return seen


def test_public_reads_go_to_the_replica(with_replica):
    assert routed(RequestFactory().get("/en/networks/")) == ["replica", "replica"]


def test_reads_after_a_write_in_the_same_request_go_to_the_primary(with_replica):
    seen = routed(RequestFactory().get("/en/"), during=lambda router: router.db_for_write(Network))
    assert seen == ["replica", "default"]
    # The next request starts on the replica again.
    assert routed(RequestFactory().get("/en/")) == ["replica", "replica"]


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().get("/admin/networks/network/"),
        RequestFactory().post("/en/search/"),
        RequestFactory(headers={"cookie": "sessionid=abc"}).get("/lv/news/preview/1/"),
    ],
    ids=["admin", "post", "editor-session"],
)
def test_editors_writes_and_the_admin_use_the_primary(with_replica, request_):
    assert routed(request_) == ["default", "default"]


def test_without_a_replica_everything_is_the_primary():
    assert routed(RequestFactory().get("/en/networks/")) == ["default", "default"]
    assert ReplicaRouter().allow_migrate("replica", "networks") is False


SCRIPT = """
import io
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client

call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0, stdout=io.StringIO())
used = []

def tracker(alias):
    def wrapper(execute, sql, params, many, context):
        used.append(alias)
        return execute(sql, params, many, context)
    return wrapper

wrappers = [connections[alias].execute_wrapper(tracker(alias)) for alias in ("default", "replica")]
for wrapper in wrappers:
    wrapper.__enter__()

client = Client(HTTP_HOST="127.0.0.1")
for url in ("/en/", "/lv/networks/", "/en/networks/card4all/", "/api/v1/networks"):
    assert client.get(url).status_code == 200, url
print("public", sorted(set(used)))
used.clear()
client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
print("login", sorted(set(used)))
"""


@pytest.mark.own_database
def test_a_second_alias_on_the_local_server(tmp_path):
    """Two connections to one local database, the replica a second alias of it: the public
    pages read only through the replica, a login only through the primary."""
    database = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbact_portal.settings",
        "DATABASE_URL": database,
        "DATABASE_REPLICA_URL": database,
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    output = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert output.returncode == 0, output.stderr[-3000:]
    assert "public ['replica']" in output.stdout
    assert "login ['default']" in output.stdout
