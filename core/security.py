"""Reading the client's address for login throttling, and the Permissions-Policy header."""

from django.conf import settings


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
