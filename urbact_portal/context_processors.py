from django.conf import settings


def portal(request):
    return {"PORTAL_COUNTRY": settings.PORTAL_COUNTRY}
