from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView

from cities.models import City, Country, city_addresses
from cities.sharing import city_card, city_data, country_card, country_data, share_context
from core.languages import in_active_language, localized
from core.views import BreadcrumbsMixin, CountedPaginator, nearest_page, page_context

from .map_points import city_map_points, partner_cities
from .models import (
    CountryTally,
    Event,
    GoodPractice,
    Membership,
    Network,
    ProgressUpdate,
    Role,
    SelectionTally,
)

RELATED_NEWS = 5
CITY_UPDATES = 5
CITY_EVENTS = 10
CITIES_PER_PAGE = 25
# A country page names a programme's latest lead partners from the country, and how many more.
LEADS_PER_PROGRAMME = 10


def _country_code(value):
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise Http404
    return value.upper()


class CityDetailView(BreadcrumbsMixin, DetailView):
    """A city with its networks, the good practices it owns and its news."""

    template_name = "cities/city_detail.html"
    context_object_name = "city"

    def get_object(self, queryset=None):
        code, slug = _country_code(self.kwargs["country"]), self.kwargs["slug"]
        return get_object_or_404(
            City.objects.select_related("country").prefetch_related(
                # The practices this city owns, with the networks transferring them.
                Prefetch(
                    "good_practices",
                    queryset=GoodPractice.objects.by_title().prefetch_related(
                        Prefetch("networks", queryset=Network.objects.by_name())
                    ),
                ),
            ),
            country__code=code,
            slug=slug,
        )

    def get_breadcrumbs(self):
        country = self.object.country
        return [(country.name, country.get_absolute_url()), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        """Beside its networks: a map of the city and its partners in them, the latest
        progress updates of those networks (a network's update is the record of work its
        partners do together, so it is news of each of them), the events held in the city
        and its news."""
        city = self.object
        with_partnerships([city])
        networks = sorted({partnership["network_id"] for partnership in city.partnerships})
        return {
            **super().get_context_data(**kwargs),
            **share_context(
                self.request,
                city_card(
                    city,
                    len(networks),
                    any(partnership["is_lead"] for partnership in city.partnerships),
                ),
                lambda _image, absolute: city_data(city, absolute),
            ),
            "articles": city.articles.published().in_language(get_language())[:RELATED_NEWS],
            "updates": list(
                ProgressUpdate.objects.published()
                .filter(network__in=networks)
                .select_related("network")[:CITY_UPDATES]
            )
            if networks
            else [],
            "events": list(
                Event.objects.in_city(city).order_by("-start_date", "slug")[:CITY_EVENTS]
            ),
            "map_points": city_map_points(partner_cities(networks)) if networks else [],
            "map_tile_url": settings.MAP_TILE_URL,
        }


def leads_by_programme(country):
    """The lead partners from `country` by programme (oldest programme first): for each, the
    programme's name, its latest `LEADS_PER_PROGRAMME` lead partners in the order their
    networks started (rows with the city's and the network's name and page and the network's
    years) and how many earlier ones it has. One query of plain values, with the pages named
    by one `reverse` each: as model rows, the leads took 4 ms of a 27 ms page at scale 1."""
    rows = (
        Membership.objects.lead_partners()
        .filter(city__country=country)
        .with_network_dates()
        .order_by(F("network_start").desc(nulls_last=True), "-network__slug", "-pk")
        .values(
            "network__programme__name",
            "network__programme__start_year",
            "network__slug",
            "city__slug",
            "network_start",
            "network_end",
            *localized("network__name", "city__name"),
        )
    )
    city_address, network_address = city_addresses(), Network.addresses()
    network_name, city_name = in_active_language("network__name"), in_active_language("city__name")
    programmes = {}  # programme name: [its start year, its leads latest first, how many]
    for row in rows:
        programme = programmes.setdefault(
            row["network__programme__name"], [row["network__programme__start_year"], [], 0]
        )
        programme[2] += 1
        if len(programme[1]) < LEADS_PER_PROGRAMME:
            programme[1].append(
                {
                    "city": city_name(row),
                    "city_url": city_address(country.code, row["city__slug"]),
                    "network": network_name(row),
                    "network_url": network_address(row["network__slug"]),
                    "start": row["network_start"],
                    "end": row["network_end"],
                }
            )
    return [
        (name, leads[::-1], count - len(leads))
        for name, (_start, leads, count) in sorted(programmes.items(), key=lambda item: item[1][0])
    ]


def with_partnerships(cities):
    """The cities, each given `url` (its page) and `partnerships`: its networks in the order
    they started, as rows of values (the network's key, name, page, type and programme, its
    years, the city's organisation in it and role, whether it was a newcomer). One query for
    the whole page of cities."""
    rows = (
        Membership.objects.filter(city__in=[city.pk for city in cities])
        .with_network_dates()
        .order_by("network__planned_start", "network__slug")
        .values(
            "city_id",
            "network_id",
            "organisation",
            "role",
            "is_newcomer",
            "network__slug",
            "network__programme__name",
            "network_start",
            "network_end",
            *localized("network__name", "network__network_type__name"),
        )
    )
    network_address = Network.addresses()
    network_name = in_active_language("network__name")
    network_type = in_active_language("network__network_type__name")
    found = {}
    for row in rows:
        found.setdefault(row["city_id"], []).append(
            {
                "network_id": row["network_id"],
                "network": network_name(row),
                "network_url": network_address(row["network__slug"]),
                "network_type": network_type(row),
                "programme": row["network__programme__name"],
                "organisation": row["organisation"],
                "role": Role(row["role"]).label,
                "is_lead": row["role"] == Role.LEAD_PARTNER,
                "is_newcomer": row["is_newcomer"],
                "start": row["network_start"],
                "end": row["network_end"],
            }
        )
    city_address = city_addresses()
    for city in cities:
        city.url = city_address(city.country.code, city.slug)
        city.partnerships = found.get(city.pk, [])
    return cities


class CountryDetailView(BreadcrumbsMixin, DetailView):
    """A country's cities in networks, 25 a page in alphabetical order (how many, from the
    tallies), with the figures of the networks it takes
    part in and its first lead partner (both read from the tallies) and a map of the cities
    on the page."""

    template_name = "cities/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        code = _country_code(self.kwargs["code"])
        return get_object_or_404(Country, code=code)

    def get_breadcrumbs(self):
        return [(self.object.name, None)]

    def get_context_data(self, **kwargs):
        country = self.object
        cities = City.objects.filter(country=country).taking_part().select_related("country")
        taking_part = CountryTally.cities_of(country)
        page = nearest_page(
            CountedPaginator(cities, CITIES_PER_PAGE, taking_part), self.request.GET.get("page")
        )
        on_page = [city.pk for city in page.object_list]
        with_partnerships(page.object_list)
        map_points = city_map_points(partner_cities(cities=on_page))
        # One card per country, whichever page is asked: the first page's cities.
        card_points = map_points
        if page.number != 1:
            first = list(cities.values_list("pk", flat=True)[:CITIES_PER_PAGE])
            card_points = city_map_points(partner_cities(cities=first))
        return {
            **super().get_context_data(**kwargs),
            **share_context(
                self.request,
                country_card(country, card_points, taking_part),
                lambda _image, absolute: country_data(country, absolute),
            ),
            "cities": page.object_list,
            **page_context(page),
            "first_lead": CountryTally.first_lead_of(country),
            "figures": SelectionTally.figures(SelectionTally.key_of_country(country.code)),
            "leads_by_programme": leads_by_programme(country),
            "networks_url": f"{reverse('networks:list')}?country={country.code.lower()}",
            # The cities listed on this page: the map never holds more than a page's worth.
            "map_points": map_points,
            "map_is_one_page": not page.has_other_pages(),
            "map_tile_url": settings.MAP_TILE_URL,
        }
