"""Password-reset requests, limited per email address and per client address.

Each request counts against both, whether or not an account has the address: the form always
answers the same page (it never tells whether an account exists), and beyond either limit it
sends nothing. The counts live in the shared cache for PASSWORD_RESET_LIMIT_SECONDS; if the
cache does not answer, requests are let through (the login throttling still holds), since a
cache outage must not stop an editor from resetting a password.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.cache import caches

from core.security import client_ip

logger = logging.getLogger("urbact_portal.password_reset")


def _count(key):
    """This request counted under `key`; the count so far within the window (0 if unknown)."""
    cache = caches["default"]
    try:
        cache.add(key, 0, settings.PASSWORD_RESET_LIMIT_SECONDS)
        count = cache.incr(key)
    except Exception as error:  # any backend's failure: the cache is down, not the form
        logger.warning("Password reset: the cache does not answer (%s).", error)
        return 0
    # django-redis answers None where it ignored Redis' failure (IGNORE_EXCEPTIONS).
    return count or 0


def within_limits(email, address):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    per_email = _count(f"password-reset:email:{digest}")
    per_client = _count(f"password-reset:client:{address}")
    return (
        per_email <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
        and per_client <= settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    )


class LimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        address = client_ip(request) if request is not None else ""
        if not within_limits(self.cleaned_data["email"], address):
            logger.warning("Password reset: limit reached for a request from %s.", address)
            return
        super().save(*args, request=request, **kwargs)


class LimitedPasswordResetView(PasswordResetView):
    form_class = LimitedPasswordResetForm
