"""A copy in each process in front of the shared cache, for entries that never change.

Fragments and remembered figures are keyed by the content stamp (see
`core.cache.ContentFragments`): once written under a key, an entry is never rewritten
with other content, because any change of content, day, scheduled publication or release
gives a new key. Such an entry may therefore be kept in the worker's own memory as well, and a
page rendered afresh reads it there instead of making a round trip to Redis. Reads fall
through to the shared cache (and copy what they find); writes go to both. Only entries with
that property belong here: this cache never asks the shared one whether its copy is current.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class LayeredCache(BaseCache):
    """OPTIONS: SHARED, the alias of the shared cache ("default"); LOCAL_ENTRIES, how many
    entries each process keeps (500). TIMEOUT bounds how long a process keeps its copy."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.shared_alias = options.get("SHARED", "default")
        self.local = LocMemCache(
            f"layered:{location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": options.get("LOCAL_ENTRIES", 500)},
            },
        )

    @property
    def shared(self):
        return caches[self.shared_alias]

    def get(self, key, default=None, version=None):
        value = self.local.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self.local.set(key, value, version=version)
        return value

    def get_many(self, keys, version=None):
        found = self.local.get_many(keys, version=version)
        missing = [key for key in keys if key not in found]
        if missing:
            fetched = self.shared.get_many(missing, version=version)
            for key, value in fetched.items():
                self.local.set(key, value, version=version)
            found.update(fetched)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        self.local.set(key, value, self._local_timeout(timeout), version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version=version)
        if added:
            self.local.set(key, value, self._local_timeout(timeout), version=version)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.touch(key, self._local_timeout(timeout), version=version)
        return self.shared.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        self.local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def has_key(self, key, version=None):
        return self.local.has_key(key, version=version) or self.shared.has_key(key, version=version)

    def clear(self):
        # The local copies only: the shared cache is cleared through its own alias.
        self.local.clear()

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return DEFAULT_TIMEOUT
        return min(timeout, self.local.default_timeout)
