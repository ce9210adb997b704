from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView

from networks.models import GoodPractice, Membership, Network
from networks.views import city_map_points, partner_cities
from urbact_portal.cache import kept
from urbact_portal.views import BreadcrumbsMixin

from .models import City, Country

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


class CityDetailView(BreadcrumbsMixin, DetailView):
    template_name = "cities/city_detail.html"
    context_object_name = "city"

    def get_object(self, queryset=None):
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
            country__code=_country_code(self.kwargs["country"]),
            slug=self.kwargs["slug"],
        )

    def get_breadcrumbs(self):
        country = self.object.country
        return [(country.name, country.get_absolute_url()), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        city = self.object
        return {
            **super().get_context_data(**kwargs),
            "articles": city.articles.published().in_language(get_language())[:RELATED_NEWS],
        }


class CountryDetailView(BreadcrumbsMixin, DetailView):
    template_name = "cities/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return get_object_or_404(Country, code=_country_code(self.kwargs["code"]))

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
        first_lead = kept(
            self.request, "first lead partner", country.code, lambda: first_lead_partner(country)
        )
        # A bad page number is not an error: it shows the nearest page, as on the network list.
        page = Paginator(cities, CITIES_PER_PAGE).get_page(self.request.GET.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "cities": page.object_list,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "first_lead": first_lead,
            "figures": kept(
                self.request,
                "figures",
                {"country": country.code},
                Network.objects.select(country=country.code).figures,
            ),
            "networks_url": f"{reverse('networks:list')}?country={country.code.lower()}",
            # Every partner city of the country, not only this page's: the map shows them all.
            "map_points": kept(
                self.request,
                "country city points",
                country.code,
                lambda: city_map_points(
                    partner_cities(Network.objects.all()).filter(country=country)
                ),
            ),
            "map_tile_url": settings.MAP_TILE_URL,
        }


def first_lead_partner(country):
    """The membership of the country's first city to lead a network (by the network's start)."""
    return (
        Membership.objects.filter(city__country=country)
        .lead_partners()
        .with_network_start()
        .filter(network_start__isnull=False)
        .select_related("city__country", "network")
        .order_by("network_start", "pk")
        .first()
    )
