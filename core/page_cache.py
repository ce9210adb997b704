"""The page cache: public pages and the API's answers stored whole, for every visitor, by
Django's cache middleware (`django.middleware.cache.CacheMiddleware`), under their address
(host and query included), their language and a key prefix that names the content version,
the day and the release of the code. An edit moves the version (`core.cache`), so
the next request is rendered afresh; nothing is ever deleted.

- Pages under a language prefix, the API and the sitemap's files, GET and HEAD, answered 200
  without a cookie and not marked private or no-cache (Django's rules), are stored for
  PAGE_CACHE_SECONDS.
- A request with a session (an editor) may be served a stored page (the same for everyone:
  `tests/test_cache.py` proves it carries nothing from a session), but what is rendered for
  it is never stored, and is marked private.
- Browsers revalidate (`max-age=0`, ETag from ConditionalGetMiddleware), so an edit shows at
  once for them too. A page is stored with its ETag, so a hit is not hashed again.
- Pages are kept in each worker's memory (the `pages` cache, Django's LocMemCache, at most
  PAGE_CACHE_MAX_ENTRIES): a stored page costs no network round trip, and Redis, down or
  up, is not on its way.
"""

import copy

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.middleware.cache import (
    CacheMiddleware,
    FetchFromCacheMiddleware,
    UpdateCacheMiddleware,
)
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date, split_directive_names

from core.release import release

from .cache import content_version

HIT_HEADER = "X-Page-Cache"


class PageCacheMiddleware(CacheMiddleware):
    """Django's cache middleware with the content version in its key prefix. Placed before
    the session middleware: a stored page costs no session work."""

    def __init__(self, get_response):
        if settings.PAGE_CACHE_SECONDS <= 0:
            raise MiddlewareNotUsed("PAGE_CACHE_SECONDS is 0: the page cache is off.")
        super().__init__(
            get_response,
            page_timeout=settings.PAGE_CACHE_SECONDS,
            cache_alias=settings.PAGE_CACHE_ALIAS,
            key_prefix=settings.PAGE_CACHE_KEY_PREFIX,
        )
        self.public_prefixes = (
            *(f"/{code}/" for code, _name in settings.LANGUAGES),
            "/api/",
            "/sitemap",
        )

    def _for(self, request):
        """This middleware with the request's key prefix (a copy: one instance serves every
        thread)."""
        if not hasattr(request, "_page_cache_prefix"):
            day = timezone.localdate().isoformat()
            request._page_cache_prefix = f"{self.key_prefix}.{content_version()}.{day}.{release()}"
        view = copy.copy(self)
        view.key_prefix = request._page_cache_prefix
        return view

    @staticmethod
    def _language(request):
        # The address names the language (the API answers in every language at once): the
        # key is the same before LocaleMiddleware has run and after.
        return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE

    @staticmethod
    def _has_session(request):
        return settings.SESSION_COOKIE_NAME in request.COOKIES

    def process_request(self, request):
        if not request.path_info.startswith(self.public_prefixes):
            request._cache_update_cache = False
            return None
        with translation.override(self._language(request)):
            response = FetchFromCacheMiddleware.process_request(self._for(request), request)
        if self._has_session(request):
            request._cache_update_cache = False  # nothing rendered for an editor is stored
        if response is not None:
            response[HIT_HEADER] = "hit"
        return response

    def process_response(self, request, response):
        if self._has_session(request) and response.get(HIT_HEADER) != "hit":
            patch_cache_control(response, private=True)
            return response
        if not self._should_update_cache(request, response) or not self._storable(response):
            return response
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        response["Expires"] = http_date()
        response[HIT_HEADER] = "miss"
        # Stored with its ETag: a page served from the cache is not hashed again.
        if not response.has_header("ETag"):
            set_response_etag(response)
        with translation.override(self._language(request)):
            return UpdateCacheMiddleware.process_response(self._for(request), request, response)

    @staticmethod
    def _storable(response):
        directives = set(split_directive_names(response.get("Cache-Control", "")))
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not directives & {"private", "no-cache", "no-store"}
        )
