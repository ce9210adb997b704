"""Reading the client's address for login throttling, the second factor every staff-only view
asks for, and the Permissions-Policy header."""

import ipaddress
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


def trusted_proxy_networks(addresses=None):
    """settings.TRUSTED_PROXIES (addresses or networks, "127.0.0.1", "10.0.0.0/8") as networks."""
    addresses = settings.TRUSTED_PROXIES if addresses is None else addresses
    return [ipaddress.ip_network(address.strip(), strict=False) for address in addresses]


def _is_trusted(address, networks):
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_ip(request):
    """The client's address (login throttling, rate limits): REMOTE_ADDR, unless the request
    comes from a trusted proxy (settings.TRUSTED_PROXIES). Then X-Forwarded-For is read from
    the right, past the trusted proxies, to the first address none of them is: entries further
    left are the client's own to forge. A request straight to the app server is never read
    through the header, whatever it says."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_proxy_networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.headers.get("x-forwarded-for", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # garbage where an address should be: the proxy is what we know
    return hops[0] if hops else remote


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
