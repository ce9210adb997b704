"""Reading the client's address for login throttling, the second factor every staff-only view
asks for, and the Permissions-Policy header."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django_otp.decorators import otp_required


def second_factor_missing(user):
    """A signed-in session that gave its password but not its second factor (django-otp's
    OTPMiddleware sets is_verified; a user signed in during this request has not been through
    it yet, and is not verified), where the second factor is required."""
    if not (settings.STAFF_TWO_FACTOR and user is not None and user.is_authenticated):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def second_factor_required(view):
    """django-otp's otp_required for a view that shows staff-only content (a preview, a draft's
    attachment): a session without its second factor goes to the login page, which sends a
    signed-in one on to its code. With STAFF_TWO_FACTOR off, a password is enough."""
    verified = otp_required(view)
    signed_in = login_required(view)

    @wraps(view)
    def guarded(request, *args, **kwargs):
        check = verified if settings.STAFF_TWO_FACTOR else signed_in
        return check(request, *args, **kwargs)

    return guarded


def client_ip(request):
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost trusted
    proxy saw: entries further left in X-Forwarded-For are the client's to forge."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


# Browser features no page of the portal uses, denied to it and to anything it could embed
# (W3C Permissions Policy; only features browsers recognise today, since an unknown one is
# reported as an error in the console). Fullscreen stays available to the site itself; the
# Web Authentication features are left alone for the editors' second factor.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "browsing-topics": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "fullscreen": "(self)",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "picture-in-picture": "()",
    "screen-wake-lock": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}


def permissions_policy_header(policy=None):
    policy = PERMISSIONS_POLICY if policy is None else policy
    return ", ".join(f"{feature}={allow}" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response (settings.PERMISSIONS_POLICY
    replaces the default). Placed before the page cache, so cached pages carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", None))

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
