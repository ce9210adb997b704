"""What a page gives to be shared and indexed: its social card (cities.social_cards) and its
schema.org data (JSON-LD, written by the `json_ld` template tag). The portal's own card and
the NCP as an Organization are here, beside the city's and the country's; networks and
events have theirs in networks.sharing, articles in news.sharing."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext

from core.country import country_name, country_name_after_in

from .social_cards import Card, Point

SCHEMA = "https://schema.org"
URBACT = {"@type": "Organization", "name": "URBACT", "url": "https://urbact.eu/"}


def footer():
    return gettext("URBACT National Contact Point") + " · " + country_name()


def site_card():
    """The portal's own card: every page without one of its own shows it."""
    return Card(
        kind="site",
        key="portal",
        language=get_language(),
        title=gettext("URBACT in %(country)s") % {"country": country_name_after_in()},
        kicker=gettext("URBACT National Contact Point"),
        footer=footer(),
        highlight=gettext("News, city networks and figures"),
    )


def city_card(city, networks, leads):
    """A city's card: the city on the map (marked as a lead partner when `leads`), its
    country and how many networks it is in (`networks`)."""
    return Card(
        kind="city",
        key=f"{city.country.code.lower()}-{city.slug}",
        language=get_language(),
        title=city.name,
        kicker=str(city.country.name),
        footer=footer(),
        points=(Point(float(city.latitude), float(city.longitude), leads),)
        if city.latitude is not None and city.longitude is not None
        else (),
        highlight=ngettext("%(count)s URBACT network", "%(count)s URBACT networks", networks)
        % {"count": networks},
    )


def country_card(country, points, cities):
    """A country's card: the cities of `points` (the map's data of the page) on the map."""
    return Card(
        kind="country",
        key=country.code.lower(),
        language=get_language(),
        title=country.name,
        kicker=gettext("URBACT cities"),
        footer=footer(),
        points=tuple(
            Point(point["lat"], point["lng"], bool(point.get("lead"))) for point in points
        ),
        highlight=ngettext(
            "%(count)s city in URBACT networks", "%(count)s cities in URBACT networks", cities
        )
        % {"count": cities},
    )


def ncp_organization(absolute):
    """The NCP as a schema.org Organization; `absolute` turns a path into an address."""
    return {
        "@type": "Organization",
        "name": gettext("URBACT National Contact Point") + " · " + country_name(),
        "url": absolute(reverse("home")),
        "logo": absolute(static("img/favicon.svg")),
        "areaServed": {"@type": "Country", "name": country_name()},
        "parentOrganization": URBACT,
    }


def home_data(absolute):
    return {"@context": SCHEMA, **ncp_organization(absolute)}


def city_place(city, absolute, address=None):
    """The city as a schema.org Place; `address`, a function of a country code and a slug
    (`city_addresses()`), names the page of each of many cities with one `reverse`."""
    url = address(city.country.code, city.slug) if address else city.get_absolute_url()
    return {
        "@type": "Place",
        "name": city.name,
        "url": absolute(url),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": city.name,
            "addressCountry": city.country.code,
        },
    }


def city_data(city, absolute):
    return {"@context": SCHEMA, **city_place(city, absolute)}


def country_data(country, absolute):
    return {
        "@context": SCHEMA,
        "@type": "Country",
        "name": country.name,
        "identifier": country.code,
        "url": absolute(country.get_absolute_url()),
    }


def share_context(request, card, data=None):
    """The context a page's head reads: `share_image_url` (the absolute address of `card`,
    drawn first if it has to be) and `structured_data` (`data` called with that address and
    a function making an address absolute)."""
    from .social_cards import card_url

    image = request.build_absolute_uri(card_url(card))
    context = {"share_image_url": image}
    if data is not None:
        context["structured_data"] = data(image, request.build_absolute_uri)
    return context
