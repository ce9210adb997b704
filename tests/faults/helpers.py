"""What the fault tests share.

Redis faults are made three ways: a closed port (nothing listens on 6390), a port that accepts
connections and never answers (a hung Redis), and a second redis-server of our own on port
6391 that the tests really stop and start (never the shared one on 6379). Two runs of the suite
at once (CI runs SQLite and PostgreSQL side by side) give each its own ports through
FAULTS_REDIS_PORT (the closed port is the one below it)."""

import copy
import os
import socket
import subprocess
import threading
import time

from networks.models import Network

OWN_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6391"))
CLOSED_URL = f"redis://127.0.0.1:{OWN_PORT - 1}/0"
OWN_URL = f"redis://127.0.0.1:{OWN_PORT}/0"
NETWORK_PAGE = "/en/networks/active-ngos/"


def caches_at(url):
    """The portal's CACHES with the shared cache at `url`, configured as in production."""
    from django.conf import settings

    configured = copy.deepcopy(settings.CACHES)
    configured["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    return configured


class HungRedis:
    """A port that accepts connections and never answers: Redis hung (swapping, a stuck
    disk, a full network buffer)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)  # held open, never read

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    """A redis-server on OWN_PORT, without persistence, that tests stop and start."""

    def start(self):
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(OWN_PORT),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
            capture_output=True,
        )
        self._wait(up=True)

    def stop(self):
        subprocess.run(
            ["redis-cli", "-p", str(OWN_PORT), "shutdown", "nosave"], capture_output=True
        )
        self._wait(up=False)

    @staticmethod
    def _wait(up):
        deadline = time.monotonic() + 5
        while port_open(OWN_PORT) != up:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"redis-server on {OWN_PORT} did not {'start' if up else 'stop'}"
                )
            time.sleep(0.05)


def rename(slug, name):
    network = Network.objects.get(slug=slug)
    network.name_en = name
    network.save()
