"""The per-process copy in front of the shared cache, and static addresses kept per process."""

import json

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from core.storage import StaticStorage
from urbact_portal.layered_cache import LayeredCache


def _layered(shared_alias="default"):
    return LayeredCache("test", {"TIMEOUT": 60, "OPTIONS": {"SHARED": shared_alias}})


def test_a_write_reaches_the_shared_cache_and_the_copy():
    layered = _layered()
    layered.set("stamped-key", "fragment", 30)
    assert caches["default"].get("stamped-key") == "fragment"
    assert layered.local.get("stamped-key") == "fragment"


def test_a_read_falls_through_and_keeps_a_copy():
    layered = _layered()
    caches["default"].set("written-by-another-worker", "fragment")
    assert layered.get("written-by-another-worker") == "fragment"
    caches["default"].delete("written-by-another-worker")
    # The copy answers without asking the shared cache: entries here never change.
    assert layered.get("written-by-another-worker") == "fragment"
    assert layered.get("never-written", "absent") == "absent"


def test_many_reads_combine_copies_and_shared_entries():
    layered = _layered()
    layered.set("a", 1)
    caches["default"].set("b", 2)
    assert layered.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert layered.local.get("b") == 2


def test_none_and_falsy_values_are_kept():
    layered = _layered()
    layered.set("empty", (None,))
    layered.set("zero", 0)
    assert layered.get("empty") == (None,)
    assert layered.get("zero", "absent") == 0


def test_add_delete_and_timeouts():
    layered = _layered()
    assert layered.add("once", "first")
    assert not layered.add("once", "second")
    assert layered.get("once") == "first"
    layered.delete("once")
    assert layered.get("once") is None
    assert caches["default"].get("once") is None
    layered.set("not-kept", "x", 0)
    assert layered.get("not-kept") is None
    assert layered._local_timeout(7200) == 60
    assert layered._local_timeout(5) == 5


def test_clearing_empties_the_copies_only():
    layered = _layered()
    layered.set("kept-in-shared", "x")
    layered.clear()
    assert layered.local.get("kept-in-shared") is None
    assert caches["default"].get("kept-in-shared") == "x"


def test_the_fragments_cache_is_layered_over_the_page_cache(settings):
    fragments = caches[settings.FRAGMENT_CACHE_ALIAS]
    assert isinstance(fragments, LayeredCache)
    assert isinstance(fragments.local, LocMemCache)
    assert fragments.shared is caches[settings.PAGE_CACHE_ALIAS]


def test_static_addresses_come_from_the_manifest_once(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.0123abcd.css"}, "version": "1.1"})
    )
    storage = StaticStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    storage.hashed_files = {}
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
