from django.conf import settings

from .cache import content_fragments


def portal(request):
    return {"PORTAL_COUNTRY": settings.PORTAL_COUNTRY, "content_cache": content_fragments(request)}
