import functools

from django.conf import settings

from core.country import PortalCountry


def portal(request):
    return {
        # The portal's own social card, for pages without one of their own: drawn (once per
        # content) only when a page asks for it.
        "default_share_image": functools.partial(_site_card_address, request),
        "PORTAL_COUNTRY": settings.PORTAL_COUNTRY,
        "portal_country": PortalCountry(),
    }


def _site_card_address(request):
    from cities.sharing import site_card
    from cities.social_cards import card_url

    return request.build_absolute_uri(card_url(site_card()))
