"""The portal's cache, in one place: a content version, a page cache keyed by it, and kept
parts of pages.

- **Content version.** Every write of content (cities, networks, news, pages) moves it
  forward once its transaction commits: signals for single saves, deletes and many-to-many
  changes (`connect_invalidation`, called by each app of content from its `ready()`), one
  explicit `bump_content_version()` after writes that send no signals (the import, phases
  made from a template, bulk updates; `tests/test_write_paths.py` goes through each). Each
  bump also sends `content_changed`, which keeps the tallies (`networks.models.tallies`)
  current. With the day, the next scheduled publication (`publication_schedules`, filled by
  the apps) and the release of the code it makes the *content stamp*: an edit, a new day or
  an article's publication time gives a new stamp, so nothing kept under an older one is
  served again, and nothing needs deleting.
- **Page cache** (`AnonymousPageCacheMiddleware`): public pages and the API for visitors
  without a session, kept whole under their address and the stamp, at most
  PAGE_CACHE_SECONDS. A stamp never comes back, so each worker keeps a copy of what it served
  (`urbact_portal.layered_cache`): a hit costs one round trip to Redis, reading the stamp.
- **Kept pages** (`kept_response`, through `core.views.KeptPageMixin`): the
  content pages (home, networks, a network, a city, a country, an article) rendered for any
  visitor, editors included, are kept whole per address and stamp for at most
  FRAGMENT_CACHE_SECONDS; nothing on them depends on who asks. A page served from there runs
  no query. `kept` does the same for a value a view looks up (a list's filter choices).
  Views and templates name neither stamps nor lifetimes: those stay here.

The shared cache is not a dependency. The content version is a time in microseconds that only
moves forward (`advance_content_version`: the later of now and one more than the stored
value), so a version made after another is always higher, even after Redis lost its data.
While the shared cache cannot be reached nothing is kept or served from a copy: pages render
from the database. A bump that could not reach it is made as soon as it answers again, and a
version lower than one this process has seen (Redis restored from an older copy) is pushed
forward, so the stamp never comes back to a value under which stale parts are kept.
"""

import atexit
import hashlib
import logging
import math
import time
import uuid
from functools import cached_property

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language

from .release import release

VERSION_KEY = "portal:content-version"
NEXT_PUBLICATION_KEY = "portal:next-publication"
HIT_HEADER = "X-Page-Cache"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


logger = logging.getLogger("core.cache")


class _Process:
    """What this process knows about the version: the highest it has seen or made, and
    whether a bump could not reach the shared cache."""

    highest = 0
    pending = False
    exit_hook = False


EXIT_RETRY_SECONDS = 5


def _bump_before_exit():
    """A process (a management command, say) that leaves with a bump still to make tries
    for a few more seconds, then says plainly what that means."""
    deadline = time.monotonic() + EXIT_RETRY_SECONDS
    while _Process.pending and time.monotonic() < deadline:
        time.sleep(0.5)
        retry_now = getattr(page_cache(), "retry_now", None)
        if retry_now is not None:
            retry_now()
        advance_content_version()
    if _Process.pending:
        logger.error(
            "The content version could not be bumped before exiting: pages cached before "
            "this process's writes may be served for up to FRAGMENT_CACHE_SECONDS, or until "
            "the next edit."
        )


def _reachable(cache):
    return getattr(cache, "reachable", True)


def advance_content_version():
    """Move the version forward: to now in microseconds, or past the highest value seen.
    The new version, or None when the shared cache cannot be reached (the bump is then made
    when it answers again)."""
    cache = page_cache()
    floor = max(time.time_ns() // 1000, _Process.highest + 1)
    advance = getattr(cache, "advance", None)
    if advance is not None:
        value = advance(VERSION_KEY, floor)
    else:
        current = cache.get(VERSION_KEY)
        value = max(floor, current + 1) if isinstance(current, int) else floor
        cache.set(VERSION_KEY, value, None)
    if value is None or not _reachable(cache):
        if not _Process.pending:
            logger.warning(
                "The content version could not be bumped; it will be once the cache answers."
            )
            if not _Process.exit_hook:
                atexit.register(_bump_before_exit)
                _Process.exit_hook = True
        _Process.pending = True
        return None
    _Process.pending = False
    _Process.highest = max(_Process.highest, value)
    return value


# Sent by every bump with the model written (None for a bulk write): what is derived from
# the content (the tallies, `networks.models.tallies`) is kept current by the same calls.
content_changed = Signal()


def bump_content_version(sender=None, **kwargs):
    """Every write of content calls this (signals, or explicitly after bulk writes). Inside a
    transaction the version moves again once it commits, so a page rendered between the
    write and the commit (from the rows before) is not kept under the new version."""
    advance_content_version()
    content_changed.send(sender=sender)
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is advance_content_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(advance_content_version, robust=True)


def connect_invalidation(app_config):
    """Every save and delete of a model of `app_config` bumps the content version (and any
    change of a many-to-many relation): each app of content calls this from its `ready()`."""
    for model in app_config.get_models():
        if getattr(model, "content_derived", False):
            continue  # written from the content, on its bump
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")


def content_version(cache=None):
    """The current content version (created on first use), or None while the shared cache
    cannot be reached: then nothing may be kept under any version."""
    cache = cache or page_cache()
    return _trusted(cache, cache.get(VERSION_KEY))


def _trusted(cache, version):
    if not _reachable(cache):
        return None
    if _Process.pending or not isinstance(version, int) or version < _Process.highest:
        # A bump that did not reach the cache, a version lost with the cache's data, or one
        # restored from an older copy: pages kept under it may be stale, so move past it.
        return advance_content_version()
    _Process.highest = version
    return version


def next_publication_under(version, known):
    """The next scheduled publication as seen under content `version`: looked up once per
    version, and again once it has passed. `known` is the stored lookup (None if there is
    none yet)."""
    if (
        known is None
        or known[0] != version
        or (known[1] is not None and known[1] <= timezone.now())
    ):
        known = (version, next_publication())
        page_cache().set(NEXT_PUBLICATION_KEY, known, None)
    return known[1]


def seconds_until(moment, longest):
    if moment is None:
        return longest
    return max(1, min(longest, math.ceil((moment - timezone.now()).total_seconds())))


class ContentFragments:
    """What a kept part of public content is keyed on and kept for. `stamp` changes with
    every content change, every day (pages show where networks stand today), every scheduled
    publication that has come and every release of the code, so an entry stored under it
    never needs replacing (each process may keep a copy, see `urbact_portal.layered_cache`);
    `seconds` ends at the next scheduled publication, when the stamp changes anyway. Both
    come from one cache round trip, made on first use."""

    def __init__(self):
        self.longest = settings.FRAGMENT_CACHE_SECONDS

    @cached_property
    def _state(self):
        cache = page_cache()
        found = cache.get_many([VERSION_KEY, NEXT_PUBLICATION_KEY])
        version = _trusted(cache, found.get(VERSION_KEY))
        if version is None:
            return None, None
        return version, next_publication_under(version, found.get(NEXT_PUBLICATION_KEY))

    @property
    def available(self):
        """False while the shared cache cannot be reached: nothing is cached then."""
        return self._state[0] is not None

    @cached_property
    def enabled(self):
        return self.longest > 0 and self.available

    @cached_property
    def stamp(self):
        version, moment = self._state
        if version is None:
            # A stamp no entry is kept under: every fragment renders afresh.
            return f"uncached.{uuid.uuid4().hex}"
        publication = moment.isoformat() if moment else "-"
        return f"{version}.{timezone.localdate().isoformat()}.{publication}.{self.release}"

    @cached_property
    def seconds(self):
        return self.lifetime(self.longest) if self.enabled else 0

    def lifetime(self, longest):
        """`longest` seconds, but never past the next scheduled publication."""
        return seconds_until(self._state[1], longest)

    @cached_property
    def release(self):
        # Once per request: while developing each call gives a new one.
        return release()


def content_fragments(request):
    """The request's `ContentFragments` (one per request, so the version is read once)."""
    if not hasattr(request, "_content_fragments"):
        request._content_fragments = ContentFragments()
    return request._content_fragments


def _kept_key(request, name, parts):
    """Where a kept part lives (None when nothing may be kept now), and for how long."""
    fragments = content_fragments(request)
    if not fragments.enabled:
        return None, 0
    what = repr((name, parts, get_language(), fragments.stamp))
    return f"portal:kept:{hashlib.sha256(what.encode()).hexdigest()}", fragments.seconds


def kept(request, name, parts, render):
    """A value `render()` gives (a looked-up object, a filter's choices), kept and reused per
    `name`, `parts`, the language and the content stamp (renewed by every edit, day,
    scheduled publication and release). Without a shared cache (or with the fragment cache
    off) it is worked out every time."""
    key, seconds = _kept_key(request, name, parts)
    if key is None:
        return render()
    cache = caches[settings.FRAGMENT_CACHE_ALIAS]
    # Stored in a tuple, so a result of None (a country without a lead partner) is kept too.
    found = cache.get(key)
    if found is None:
        found = (render(),)
        cache.set(key, found, seconds)
    return found[0]


def kept_response(request, name, respond):
    """A response kept whole under its address (a page of `core.views.KeptPageMixin`,
    an answer of the API): what `respond()` gives, rendered, kept with its headers when it is
    a 200 without cookies and served again as it is until the content stamp changes; any
    other answer (a 404, a redirect) is not kept."""
    key, seconds = _kept_key(request, name, request.build_absolute_uri())
    cache = caches[settings.FRAGMENT_CACHE_ALIAS]
    found = cache.get(key) if key else None
    if found is not None:
        headers, content = found
        response = HttpResponse(content)
        for header, value in headers:
            response[header] = value
        return response
    response = respond()
    if hasattr(response, "render"):
        response.render()
    if key and response.status_code == 200 and not response.streaming and not response.cookies:
        cache.set(key, (list(response.items()), response.content), seconds)
    return response


#: Functions that each give when their app's next scheduled content goes public (or None),
#: registered from the app's `ready()` (news: its scheduled articles).
publication_schedules = []


def next_publication():
    """When the next scheduled content goes public, or None."""
    moments = [moment for schedule in publication_schedules if (moment := schedule())]
    return min(moments, default=None)


class AnonymousPageCacheMiddleware:
    """Serve and store public pages (under a language prefix, and the API) for visitors
    without a session.

    A page is stored under its address and the content stamp it was rendered under, so it
    never changes once written: each worker keeps a copy of the pages it served (the "pages"
    cache is layered over the shared one) and a hit costs the one round trip that reads the
    current stamp."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        if self.timeout <= 0:
            raise MiddlewareNotUsed("PAGE_CACHE_SECONDS is 0: the page cache is off.")
        self.prefixes = (*(f"/{code}/" for code, _name in settings.LANGUAGES), "/api/")

    def cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response
        fragments = content_fragments(request)
        if not fragments.available:
            return self.get_response(request)
        # The whole address: the head names it (og:url, alternates), host and query included.
        address = request.build_absolute_uri()
        digest = hashlib.sha256(f"{address} {fragments.stamp}".encode()).hexdigest()
        key = f"portal:page:{digest}"
        cache = caches[settings.PAGE_STORE_ALIAS]
        entry = cache.get(key)
        # A worker's copy may have been fetched late in the shared entry's life: the time it
        # was rendered keeps the whole age within PAGE_CACHE_SECONDS.
        if entry is not None and time.time() - entry[0] < self.timeout:
            _rendered, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self.storable(response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            response[HIT_HEADER] = "miss"
            timeout = fragments.lifetime(self.timeout)
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: self.store(cache, key, r, timeout))
            else:
                self.store(cache, key, response, timeout)
        return response

    @staticmethod
    def store(cache, key, response, timeout):
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = [(name, value) for name, value in response.items() if name != HIT_HEADER]
        entry = (time.time(), response.status_code, headers, response.content)
        cache.set(key, entry, timeout)

    @staticmethod
    def storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )
