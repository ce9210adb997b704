"""Whole-page cache for anonymous visitors that is never stale.

Every cached page is stored under the current *content version*. Saving or deleting any row
of the portal's content (cities, networks, news) bumps the version, so the next request
renders afresh: publishing, editing or unpublishing shows at once on every page. Visitors with
a session (editors) never get, nor fill, the cache. Scheduled articles become visible when
their time comes: a page is kept at most PAGE_CACHE_SECONDS, and pages that list scheduled
content are not affected by writes, so that bound is what keeps them punctual.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control

VERSION_KEY = "portal:content-version"
CONTENT_APPS = ("cities", "networks", "news")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_version():
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    cache = page_cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation():
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"page-cache-{model._meta.label}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")


class AnonymousPageCacheMiddleware:
    """Serve and store public pages (under a language prefix) for visitors without a session."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.timeout = settings.PAGE_CACHE_SECONDS
        if self.timeout <= 0:
            raise MiddlewareNotUsed("PAGE_CACHE_SECONDS is 0: the page cache is off.")

    def cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefixes)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def key(self, request):
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"portal:page:{content_version()}:{digest}"

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response
        key = self.key(request)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.storable(response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: page_cache().set(key, r, self.timeout))
            else:
                page_cache().set(key, response, self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

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
