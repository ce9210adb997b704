"""Limits on how often one address or one client may ask for something (a sign-up, a
registration), counted in Django's cache. The cache is not a dependency: while it cannot be
reached nothing is limited, and the request goes on."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from core.security import client_ip

logger = logging.getLogger(__name__)


def allow(scope, identity, limit, seconds):
    """Count one more request of `identity` (an address, a client) in `scope`; False once
    there were more than `limit` in the current window of `seconds`."""
    digest = hashlib.sha256(f"{scope}:{identity}".lower().encode()).hexdigest()
    key = f"portal:ratelimit:{scope}:{digest}"
    try:
        cache.add(key, 0, seconds)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    except Exception:
        logger.warning("Rate limit not checked: the cache cannot be reached.", exc_info=True)
        return True
    if count is None:  # django-redis ignored Redis' failure (IGNORE_EXCEPTIONS)
        logger.warning("Rate limit not checked: the cache did not answer.")
        return True
    return count <= limit


def allow_request(request, scope, email):
    """One more request from this client and for this address: both within their limits."""
    per_address, per_client, seconds = settings.RATE_LIMITS[scope]
    by_client = allow(f"{scope}:client", client_ip(request), per_client, seconds)
    by_address = allow(f"{scope}:address", email.strip().lower(), per_address, seconds)
    return by_client and by_address
