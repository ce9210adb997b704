from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from networks.models import Membership

from .models import City, Country


def _country_code(value):
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise Http404
    return value.upper()


class CityDetailView(DetailView):
    template_name = "cities/city_detail.html"
    context_object_name = "city"

    def get_object(self, queryset=None):
        memberships = Membership.objects.select_related(
            "network__programme", "network__network_type"
        ).order_by("network__planned_start", "network__slug")
        return get_object_or_404(
            City.objects.select_related("country").prefetch_related(
                Prefetch("memberships", queryset=memberships)
            ),
            country__code=_country_code(self.kwargs["country"]),
            slug=self.kwargs["slug"],
        )


class CountryDetailView(DetailView):
    template_name = "cities/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return get_object_or_404(Country, code=_country_code(self.kwargs["code"]))

    def get_context_data(self, **kwargs):
        country = self.object
        memberships = (
            Membership.objects.filter(city__country=country)
            .select_related("city", "network__programme", "network__network_type")
            .order_by("city__slug", "network__planned_start")
        )
        first_lead = (
            memberships.lead_partners()
            .with_network_start()
            .filter(network_start__isnull=False)
            .order_by("network_start", "pk")
            .first()
        )
        return {
            **super().get_context_data(**kwargs),
            "memberships": memberships,
            "first_lead": first_lead,
        }
