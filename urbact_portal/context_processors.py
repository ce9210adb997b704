from django.conf import settings

from .country import PortalCountry


def portal(request):
    return {
        "PORTAL_COUNTRY": settings.PORTAL_COUNTRY,
        "portal_country": PortalCountry(),
    }
