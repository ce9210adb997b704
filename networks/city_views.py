from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView

from cities.models import City, Country
from cities.sharing import city_card, city_data, country_card, country_data, share_context
from core.views import CountedPaginator, KeptPageMixin, nearest_page, page_context

from .models import CountryTally, GoodPractice, Membership, Network, SelectionTally
from .views import city_map_points, partner_cities

RELATED_NEWS = 5
CITIES_PER_PAGE = 25


def _country_code(value):
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise Http404
    return value.upper()


def _memberships_by_start():
    return Membership.objects.select_related(
        "network__programme", "network__network_type"
    ).order_by("network__planned_start", "network__slug")


class CityDetailView(KeptPageMixin, DetailView):
    """A city with its networks, the good practices it owns and its news; kept whole
    (`KeptPageMixin`)."""

    template_name = "cities/city_detail.html"
    context_object_name = "city"

    def get_object(self, queryset=None):
        code, slug = _country_code(self.kwargs["country"]), self.kwargs["slug"]
        return get_object_or_404(
            City.objects.select_related("country").prefetch_related(
                Prefetch("memberships", queryset=_memberships_by_start()),
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
        city = self.object
        return {
            **super().get_context_data(**kwargs),
            **share_context(
                self.request,
                city_card(city),
                lambda _image, absolute: city_data(city, absolute),
            ),
            "articles": self.object.articles.published().in_language(get_language())[:RELATED_NEWS],
        }


class CountryDetailView(KeptPageMixin, DetailView):
    """A country's cities in networks, 25 a page in alphabetical order (how many, from the
    tallies), with the figures of the networks it takes
    part in and its first lead partner (both read from the tallies) and a map of the cities
    on the page. The page is kept whole per address (`KeptPageMixin`)."""

    template_name = "cities/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        code = _country_code(self.kwargs["code"])
        return get_object_or_404(Country, code=code)

    def get_breadcrumbs(self):
        return [(self.object.name, None)]

    def get_context_data(self, **kwargs):
        country = self.object
        cities = (
            City.objects.filter(country=country)
            .taking_part()
            .select_related("country")
            .prefetch_related(Prefetch("memberships", queryset=_memberships_by_start()))
        )
        taking_part = CountryTally.cities_of(country)
        page = nearest_page(
            CountedPaginator(cities, CITIES_PER_PAGE, taking_part), self.request.GET.get("page")
        )
        on_page = [city.pk for city in page.object_list]
        map_points = city_map_points(partner_cities(cities=on_page))
        # One card per country, whichever page is asked: the first page's cities.
        card_points = map_points
        if page.number != 1:
            first = [city.pk for city in cities[:CITIES_PER_PAGE]]
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
            "networks_url": f"{reverse('networks:list')}?country={country.code.lower()}",
            # The cities listed on this page: the map never holds more than a page's worth.
            "map_points": map_points,
            "map_is_one_page": not page.has_other_pages(),
            "map_tile_url": settings.MAP_TILE_URL,
        }
