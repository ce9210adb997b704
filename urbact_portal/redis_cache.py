"""Django's Redis cache backend as a cache, not a dependency.

Every operation is guarded: when Redis cannot be reached (stopped, restarting, out of memory,
a network fault), the call logs a warning and answers as a cache without the entry would (a
read finds nothing, a write stores nothing), so pages render from the database and saves
succeed. After a failure Redis is left alone for RETRY_SECONDS (option, default 2) by every
thread of the process, so a page costs no connection attempts while it is down; `reachable`
says whether the last attempt succeeded, which `core.cache` reads to stop trusting
the content stamp. Connections time out after half a second unless the options say otherwise.

The stock backend also builds a new `redis.Redis` object (with its table of response
callbacks) for every operation; a cached page costs several of them. The client is only a
front for the connection pool, which the backend already keeps, so one client per pool serves
every call.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("core.cache")

# Lua keeps the step atomic: the new value is `floor`, or one more than the stored value if
# that is already as high, so the counter never goes back. The number is written with %d
# (Lua 5.1 would print a large number in exponent form, losing digits).
ADVANCE_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local value = tonumber(ARGV[1])
if value <= current then value = current + 1 end
redis.call('SET', KEYS[1], string.format('%d', value))
return string.format('%d', value)
"""

FAULTS = (RedisError, OSError)
# Per server address, shared by the backend objects of every thread: until when Redis is not
# asked again after a failure.
_down_until = {}
_lock = threading.Lock()


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 2))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._where = ",".join(self._servers)
        self._last_failed = False

    # -- the guard
    @property
    def reachable(self):
        """False when this thread's last call failed or was skipped, and while Redis is
        taken for down (for RETRY_SECONDS after a failed call)."""
        return not self._last_failed and time.monotonic() >= _down_until.get(self._where, 0)

    def _guarded(self, fallback, operation, *args):
        if time.monotonic() < _down_until.get(self._where, 0):
            self._last_failed = True
            return fallback
        try:
            result = operation(*args)
        except FAULTS as error:
            self._last_failed = True
            self._failed(error)
            return fallback
        self._last_failed = False
        if self._where in _down_until:
            self._recovered()
        return result

    def _failed(self, error):
        with _lock:
            first = self._where not in _down_until
            _down_until[self._where] = time.monotonic() + self.retry_seconds
        logger.warning(
            "Redis cache at %s unreachable (%s: %s)%s; pages are served without it.",
            self._where,
            type(error).__name__,
            error,
            "" if first else " again",
        )

    def _recovered(self):
        with _lock:
            if _down_until.pop(self._where, None) is not None:
                logger.warning("Redis cache at %s answers again.", self._where)

    def retry_now(self):
        """Ask Redis again at the next call, without waiting for RETRY_SECONDS."""
        with _lock:
            _down_until.pop(self._where, None)
        self._last_failed = False

    def ping(self):
        """One round trip, whatever the last attempt gave: True when Redis answers."""
        try:
            self._cache.get_client(write=True).ping()
        except FAULTS as error:
            self._last_failed = True
            self._failed(error)
            return False
        self._last_failed = False
        self._recovered()
        return True

    def advance(self, key, floor, version=None):
        """Set the integer at `key` to `floor`, or to one more than its value if that is not
        lower: a counter that never goes back. The new value, or None if Redis is down."""
        key = self.make_and_validate_key(key, version=version)

        def run():
            client = self._cache.get_client(key, write=True)
            return int(client.eval(ADVANCE_SCRIPT, 1, key, int(floor)))

        return self._guarded(None, run)

    # -- every operation of the stock backend, guarded
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as in every Django cache; None when down.
        return self._guarded(None, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)
