"""Answers for machines (robots.txt, the health check) and the page shown while the database
is down."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("urbact_portal.health")
HEALTH_KEY = "portal:healthz"
RETRY_AFTER_SECONDS = 30


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer (%s).", error)
        return False
    return True


def cache_answers():
    """A write and a read of the shared cache (django-redis ignores Redis' failures: the
    read then finds nothing)."""
    cache = caches["default"]
    try:
        cache.set(HEALTH_KEY, 1, 10)
        return cache.get(HEALTH_KEY) == 1
    except Exception as error:  # any backend's own failure: the cache is down, not the site
        logger.warning("Health check: the cache does not answer (%s).", error)
        return False


@never_cache
@require_GET
def healthz(request):
    """Each dependency, as JSON: 503 only when the database is down (the site cannot serve
    its pages); without the cache it serves them more slowly, so that is 200 "degraded"."""
    database = database_answers()
    cache = cache_answers()
    status = "ok" if database and cache else "degraded" if database else "unavailable"
    response = JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "down",
            "cache": "ok" if cache else "down",
        },
        status=200 if database else 503,
    )
    if not database:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_database_outage(error):
    """A failure to reach or use the database connection (refused, lost, timed out), not a
    bug in a query."""
    return isinstance(error, OperationalError | InterfaceError)


def database_unavailable(request):
    """The 503 page, in the language of the address asked for, rendered without touching the
    database (no context processors, no session, no user). Never cached."""
    language = (
        translation.get_language_from_path(request.path_info) if request is not None else None
    ) or translation.get_language()
    with translation.override(language):
        content = render_to_string("503.html", {"LANGUAGE_CODE": translation.get_language()})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def media(request, path):
    """A file under MEDIA_ROOT (an uploaded picture, a social card), where no web server in
    front serves them (SERVE_MEDIA)."""
    from django.views.static import serve

    return serve(request, path, document_root=settings.MEDIA_ROOT)
