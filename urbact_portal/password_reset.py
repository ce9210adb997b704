"""Password-reset requests, limited per email address and per client address.

Each request counts against both, whether or not an account has the address: the form always
answers the same page (it never tells whether an account exists), and beyond either limit it
sends nothing. The counts live in the shared cache for PASSWORD_RESET_LIMIT_SECONDS; if the
cache does not answer, requests are let through (the login throttling still holds), since a
cache outage must not stop an editor from resetting a password.
"""

import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView

from core.security import client_ip
from subscriptions.ratelimit import allow

logger = logging.getLogger("urbact_portal.password_reset")


def within_limits(email, address):
    """Both counted, whichever is over (`subscriptions.ratelimit.allow`, which lets the
    request through while the cache does not answer)."""
    seconds = settings.PASSWORD_RESET_LIMIT_SECONDS
    per_email = allow(
        "password-reset:email", email.strip(), settings.PASSWORD_RESET_LIMIT_PER_EMAIL, seconds
    )
    per_client = allow(
        "password-reset:client", address, settings.PASSWORD_RESET_LIMIT_PER_CLIENT, seconds
    )
    return per_email and per_client


class LimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        address = client_ip(request) if request is not None else ""
        if not within_limits(self.cleaned_data["email"], address):
            logger.warning("Password reset: limit reached for a request from %s.", address)
            return
        super().save(*args, request=request, **kwargs)


class LimitedPasswordResetView(PasswordResetView):
    form_class = LimitedPasswordResetForm
