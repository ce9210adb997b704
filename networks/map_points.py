"""The cities of a map, as rows of values: the partner cities of some networks (or some cities
themselves), each with its page's address, its name in the page's language, its coordinates
and what it does in those networks. Shared by the network list, a network, a city, a country
and an approval, and drawn by `components/partner_map.html`."""

from django.db.models import FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import ngettext

from cities.models import city_addresses, country_addresses
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
    """The cities with coordinates that are partners of `networks` (a list of primary keys:
    a page's own networks; a queryset; of any network when None), as rows of values: each
    city's `slug`, `country__code`, names (`name_lv`, …, `country__name_lv`, …),
    coordinates (`lat`, `lng`) and how many of the networks it takes part in (`networks`)
    and leads (`leads`); most networks first. `cities` (primary keys) narrows them to those.

    One query (`_cities_of`), given lists of keys."""
    memberships = Membership.objects.order_by()
    if isinstance(networks, QuerySet):
        networks = list(networks.values_list("pk", flat=True))
    if networks is not None:
        memberships = memberships.filter(network__in=networks)
    if cities is not None:
        memberships = memberships.filter(city__in=cities)
    return _map_rows(*_cities_of(memberships))


def listed_partners(networks):
    """The partners of the networks a list page shows, in the one query of
    `partner_cities`: each network is given `leads`, its lead partners' cities (name in the
    active language, page, country), and the rows of `partner_cities` are returned."""
    memberships = Membership.objects.filter(
        network__in=[network.pk for network in networks]
    ).order_by("order", "pk")
    rows, counts, found = _cities_of(memberships)
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
    per city (a city is a partner of a network once), and the cities by key (`pk`, `slug`,
    `country__code`, the names, `lat`, `lng`).

    One query joining each membership's city and country. Filtered by lists of keys, it is
    read by index whatever the size of the tables; filtered by a subquery, PostgreSQL read
    every membership (hence `partner_cities` turns a queryset into keys first)."""
    names = localized("name", "country__name")
    columns = ("slug", "country__code", *names)
    rows, counts, found = [], {}, {}
    for network, city, role, lat, lng, *values in memberships.values_list(
        "network_id",
        "city_id",
        "role",
        Cast("city__latitude", FloatField()),
        Cast("city__longitude", FloatField()),
        *(f"city__{column}" for column in columns),
    ):
        rows.append((network, city, role))
        count = counts.get(city)
        if count is None:
            count = counts[city] = {"networks": 0, "leads": 0}
            found[city] = {
                "pk": city,
                **dict(zip(columns, values, strict=True)),
                "lat": lat,
                "lng": lng,
            }
        count["networks"] += 1
        count["leads"] += role == Role.LEAD_PARTNER
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
