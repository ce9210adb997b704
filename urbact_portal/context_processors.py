from django.conf import settings

from .cache import ContentFragments


def portal(request):
    return {"PORTAL_COUNTRY": settings.PORTAL_COUNTRY, "content_cache": ContentFragments()}
