"""The cities of a map, as rows of values: the partner cities of some networks (or some cities
themselves), each with its page's address, its name in the page's language, its coordinates
and what it does in those networks. Shared by the network list, a network, a city, a country
and an approval, and drawn by `components/partner_map.html`."""

from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import ngettext

from cities.models import City, city_addresses, country_addresses
from core.languages import in_active_language, localized

from .models import Membership, Role


def map_points(memberships):
    """The partners that have coordinates, as plain data for the map script."""
    city_address = city_addresses()
    return [
        {
            "name": str(membership.city),
            "country": str(membership.city.country),
            "role": membership.get_role_display(),
            "lead": membership.role == Role.LEAD_PARTNER,
            "lat": float(membership.city.latitude),
            "lng": float(membership.city.longitude),
            "url": city_address(membership.city.country.code, membership.city.slug),
        }
        for membership in memberships
        if membership.city.latitude is not None
    ]


def partner_cities(networks=None, *, cities=None):
    """The cities with coordinates that are partners of `networks` (a queryset, or a list
    of primary keys: a page's own networks; of any network when None), as rows of values:
    each city's `slug`, `country__code`, names (`name_lv`, …, `country__name_lv`, …),
    coordinates (`lat`, `lng`) and how many of the networks it takes part in (`networks`)
    and leads (`leads`); most networks first. `cities` (primary keys) narrows them to those.

    Two queries, each read by index whatever the size of the tables: the networks' (or the
    cities') memberships, then their cities by key. As one query joining the two,
    PostgreSQL reads every city."""
    memberships = Membership.objects.order_by()
    if isinstance(networks, QuerySet):
        memberships = memberships.filter(network__in=networks.values("pk"))
    elif networks is not None:
        memberships = memberships.filter(network__in=networks)
    if cities is not None:
        memberships = memberships.filter(city__in=cities)
    rows = memberships.values_list("network_id", "city_id", "role")
    return _map_rows(*_cities_of(rows))


def listed_partners(networks):
    """The partners of the networks a list page shows, in the two queries of
    `partner_cities`: each network is given `leads`, its lead partners' cities (name in the
    active language, page, country), and the rows of `partner_cities` are returned."""
    rows = (
        Membership.objects.filter(network__in=[network.pk for network in networks])
        .order_by("order", "pk")
        .values_list("network_id", "city_id", "role")
    )
    rows, counts, found = _cities_of(rows)
    address = city_addresses()
    name, country = in_active_language("name"), in_active_language("country__name")
    leads = {}
    for network_id, city_id, role in rows:
        if role == Role.LEAD_PARTNER:
            city = found[city_id]
            leads.setdefault(network_id, []).append(
                {
                    "name": name(city),
                    "country": country(city),
                    "url": address(city["country__code"], city["slug"]),
                }
            )
    for network in networks:
        network.leads = leads.get(network.pk, [])
    return _map_rows(rows, counts, found)


def _cities_of(memberships):
    """The membership rows (network, city, role), the count of networks and of lead roles
    per city (a city is a partner of a network once), and the cities by key."""
    rows = list(memberships)
    counts = {}
    for _network, city, role in rows:
        count = counts.setdefault(city, {"networks": 0, "leads": 0})
        count["networks"] += 1
        count["leads"] += role == Role.LEAD_PARTNER
    found = {}
    if counts:
        found = City.objects.filter(pk__in=list(counts)).raw_values(
            "pk",
            "slug",
            "country__code",
            *localized("name", "country__name"),
            lat=Cast("latitude", FloatField()),
            lng=Cast("longitude", FloatField()),
        )
        found = {city["pk"]: city for city in found}
    return rows, counts, found


def _map_rows(rows, counts, found):
    """The cities with coordinates, with their counts, most networks first."""
    cities = [{**city, **counts[pk]} for pk, city in found.items() if city["lat"] is not None]
    cities.sort(key=lambda city: (-city["networks"], city["country__code"], city["slug"]))
    return cities


def with_addresses(countries):
    """The countries, each given `url`, its page's address, with one `reverse` for all."""
    address = country_addresses()
    countries = list(countries)
    for country in countries:
        country.url = address(country.code)
    return countries


def city_map_points(cities):
    """The rows of `partner_cities` as plain data for the map script: one marker per city,
    sized by its number of networks."""
    address = city_addresses()
    name, country = in_active_language("name"), in_active_language("country__name")
    notes = {}
    points = []
    for row in cities:
        counts = (row["networks"], row["leads"])
        if counts not in notes:
            notes[counts] = describe_city(*counts)
        points.append(
            {
                "name": name(row),
                "country": country(row),
                "note": notes[counts],
                "networks": counts[0],
                "lead": counts[1] > 0,
                "lat": row["lat"],
                "lng": row["lng"],
                "url": address(row["country__code"], row["slug"]),
            }
        )
    return points


def describe_city(networks, leads):
    """ "3 networks", or "3 networks, lead partner in 1" for a city that leads some."""
    text = ngettext("%(count)d network", "%(count)d networks", networks) % {"count": networks}
    if not leads:
        return text
    return ngettext(
        "%(networks)s, lead partner in %(count)d",
        "%(networks)s, lead partner in %(count)d",
        leads,
    ) % {"networks": text, "count": leads}
