from django.conf import settings

from .cache import content_fragments
from .country import PortalCountry


def portal(request):
    return {
        "PORTAL_COUNTRY": settings.PORTAL_COUNTRY,
        "portal_country": PortalCountry(),
        "content_cache": content_fragments(request),
    }
