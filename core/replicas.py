"""Reads from a PostgreSQL streaming replica, when one is configured (DATABASE_REPLICA_URL).

Public pages read from the "replica" alias. Everything else uses the primary ("default"):
every write; the admin and any request with a session (editors must see what they just
saved, whatever the replica's lag); requests that are not GET or HEAD; and, within a request,
every read after the request's first write. Without a replica, everything is the primary.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_PATHS = ("/admin/", "/reset/", "/i18n/")

_pinned = contextvars.ContextVar("pinned_to_primary", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


def pin_to_primary():
    _pinned.set(True)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _pinned.get() or not replica_configured():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        # What this request reads after its first write comes from where it was written.
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two connections to it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryForEditorsMiddleware:
    """Sends the requests that must see the latest writes to the primary (see above); the
    choice holds for the request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = (
            request.method not in ("GET", "HEAD")
            or request.path.startswith(PRIMARY_PATHS)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = _pinned.set(primary)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)
