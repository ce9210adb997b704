from django.conf import settings

from core.country import PortalCountry


def portal(request):
    return {
        "PORTAL_COUNTRY": settings.PORTAL_COUNTRY,
        "portal_country": PortalCountry(),
    }
