"""Read-only open data under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and the
documentation at /api/v1/docs.

Translated fields come as one object per language ({"lv": ..., "en": ...}). Every parameter is
checked against the schema, so a bad one gets a 4xx with a message, never a 500.
"""

import datetime
from typing import Annotated

from django.conf import settings
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from pydantic import BeforeValidator, StringConstraints

from cities.models import City, Country
from networks.export import export_csv
from networks.models import (
    Event,
    Membership,
    Network,
    NetworkType,
    Phase,
    Programme,
    Status,
    Theme,
)

api = NinjaAPI(
    title="URBACT National Contact Point: open data",
    version="1",
    description=(
        "Networks, partners, cities, countries, events and figures, read-only. "
        "CSV of networks with partners: /api/v1/networks.csv (the import's columns)."
    ),
    urls_namespace="api",
)


def _blank_is_none(value):
    """An empty parameter (?phase=, as a form sends it) is a parameter not given."""
    return None if value == "" else value


def _without_blanks(values):
    return [value for value in values if value != ""] if isinstance(values, list) else values


Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
PhaseNumber = Annotated[int, Field(ge=1, le=32767)]
# Optional filters: one value, or several values (?country=lv&country=ee); blanks ignored.
OneSlug = Annotated[Slug | None, BeforeValidator(_blank_is_none)]
OneCountry = Annotated[CountryCode | None, BeforeValidator(_blank_is_none)]
OnePhase = Annotated[PhaseNumber | None, BeforeValidator(_blank_is_none)]
OneDate = Annotated[datetime.date | None, BeforeValidator(_blank_is_none)]
Slugs = Annotated[list[Slug], BeforeValidator(_without_blanks)]
Countries = Annotated[list[CountryCode], BeforeValidator(_without_blanks)]
Phases = Annotated[list[PhaseNumber], BeforeValidator(_without_blanks)]
Statuses = Annotated[list[Status], BeforeValidator(_without_blanks)]
Translated = dict[str, str]


def translated(obj, name):
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code, _label in settings.LANGUAGES}


def urls(obj):
    result = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            result[code] = obj.get_absolute_url()
    return result


class Pages(PageNumberPagination):
    """Page numbers with an upper bound, so no request asks the database for an absurd
    offset."""

    class PageNumber(Schema):
        page: int = Field(1, ge=1, le=100_000)

    Input = PageNumber

    def __init__(self, **kwargs):
        super().__init__(page_size=50, **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        offset = (pagination.page - 1) * self.page_size
        return {
            "items": queryset[offset : offset + self.page_size],
            "count": self._items_count(queryset),
        }


def require_known(queryset, field, values, parameter):
    """A 400 naming the values of `parameter` that match nothing, instead of an empty answer
    that looks like a real one."""
    values = {value for value in values if value}
    if not values:
        return
    known = set(queryset.filter(**{f"{field}__in": values}).values_list(field, flat=True))
    unknown = sorted(values - known)
    if unknown:
        raise HttpError(400, f"Unknown {parameter}: {', '.join(unknown)}")


# Parameters ---------------------------------------------------------------------------------


class NetworkFilters(Schema):
    programme: Slugs = []
    network_type: Slugs = []
    phase: Phases = []
    theme: Slugs = []
    country: Countries = []
    status: Statuses = []


class CityFilters(Schema):
    country: Countries = []


class EventFilters(Schema):
    network: OneSlug = None
    upcoming: bool = False


class Selection(Schema):
    programme: OneSlug = None
    network_type: OneSlug = None
    phase: OnePhase = None
    approved_on: OneDate = None
    country: OneCountry = None


# Schemas ------------------------------------------------------------------------------------


class NamedOut(Schema):
    slug: str
    name: Translated

    @staticmethod
    def resolve_name(obj):
        return (
            translated(obj, "name")
            if hasattr(obj, f"name_{settings.LANGUAGE_CODE}")
            else dict.fromkeys([code for code, _label in settings.LANGUAGES], obj.name)
        )


class TranslatedName(Schema):
    """A translated `name` field (modeltranslation's `name_<language>` columns)."""

    @staticmethod
    def resolve_name(obj):
        return translated(obj, "name")


class PublicPage(Schema):
    """The object's public page in each language."""

    @staticmethod
    def resolve_url(obj):
        return urls(obj)


class CountryOut(TranslatedName, PublicPage):
    code: str
    name: Translated
    cities: int
    url: Translated

    @staticmethod
    def resolve_cities(obj):
        return obj.city_count


class CityOut(TranslatedName, PublicPage):
    slug: str
    name: Translated
    country: str
    latitude: float | None
    longitude: float | None
    partnerships: int
    url: Translated

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_partnerships(obj):
        return obj.partnership_count


class NetworkOut(TranslatedName, PublicPage):
    slug: str
    name: Translated
    acronym: str
    programme: NamedOut
    network_type: NamedOut
    themes: list[str]
    status: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    actual_start: datetime.date | None
    actual_end: datetime.date | None
    partners: int
    url: Translated

    @staticmethod
    def resolve_themes(obj):
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_status(obj):
        return str(obj.status)

    @staticmethod
    def resolve_partners(obj):
        return obj.partner_count


class PartnerCityOut(TranslatedName):
    slug: str
    name: Translated
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class PartnerOut(Schema):
    city: PartnerCityOut
    organisation: str
    role: str
    newcomer: bool

    @staticmethod
    def resolve_newcomer(obj):
        return obj.is_newcomer


class PeriodOut(Schema):
    kind: str
    start: datetime.date
    end: datetime.date


class PhaseOut(Schema):
    number: int
    start: datetime.date
    end: datetime.date
    approved_on: datetime.date | None
    periods: list[PeriodOut]


class EventOut(PublicPage):
    slug: str
    title: Translated
    place: Translated
    start_date: datetime.date
    end_date: datetime.date
    precision: str
    networks: list[str]
    url: Translated

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")

    @staticmethod
    def resolve_place(obj):
        return translated(obj, "place")

    @staticmethod
    def resolve_networks(obj):
        return [network.slug for network in obj.networks.all()]


class GoodPracticeOut(Schema):
    title: Translated
    city: str

    @staticmethod
    def resolve_title(obj):
        return translated(obj, "title")

    @staticmethod
    def resolve_city(obj):
        return obj.city.slug


class NetworkDetailOut(NetworkOut):
    summary: Translated
    goals: Translated
    challenges: Translated
    lead_expert: str
    website: str
    good_practice: GoodPracticeOut | None
    memberships: list[PartnerOut]
    phases: list[PhaseOut]
    events: list[EventOut]

    @staticmethod
    def resolve_summary(obj):
        return translated(obj, "summary")

    @staticmethod
    def resolve_goals(obj):
        return translated(obj, "goals")

    @staticmethod
    def resolve_challenges(obj):
        return translated(obj, "challenges")

    @staticmethod
    def resolve_partners(obj):
        return len(obj.memberships.all())

    @staticmethod
    def resolve_memberships(obj):
        return list(obj.memberships.all())

    @staticmethod
    def resolve_phases(obj):
        return list(obj.phases.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class SelectionOut(Schema):
    programme: str | None
    network_type: str | None
    phase: int | None
    approved_on: datetime.date | None
    country: str | None


class FiguresOut(Schema):
    networks: int
    partners: int
    countries: int
    newcomers: int
    newcomer_share: float
    selection: SelectionOut


def _selection(selection):
    programme, network_type, phase = selection.programme, selection.network_type, selection.phase
    approved_on, country = selection.approved_on, selection.country
    require_known(Programme.objects, "slug", [programme], "programme")
    require_known(NetworkType.objects, "slug", [network_type], "network_type")
    country = country.upper() if country else None
    require_known(Country.objects, "code", [country], "country")
    return {
        "programme": programme,
        "network_type": network_type,
        "phase": phase,
        "approved_on": approved_on,
        "country": country,
    }


# Operations ---------------------------------------------------------------------------------


@api.get("/networks", response=list[NetworkOut], tags=["networks"])
@paginate(Pages)
def list_networks(request, filters: Query[NetworkFilters]):
    """Networks, filtered like the list page: several values of one filter are alternatives,
    different filters all apply."""
    require_known(Programme.objects, "slug", filters.programme, "programme")
    require_known(NetworkType.objects, "slug", filters.network_type, "network_type")
    require_known(Theme.objects, "slug", filters.theme, "theme")
    countries = [code.upper() for code in filters.country]
    require_known(Country.objects, "code", countries, "country")
    networks = Network.objects.select(
        programme=filters.programme,
        network_type=filters.network_type,
        phase=filters.phase,
        theme=filters.theme,
        country=countries,
        status=filters.status,
    ).select_related("programme", "network_type")
    return networks.with_partner_counts().prefetch_related("themes").order_by("slug")


@api.get(
    "/networks.csv",
    tags=["networks"],
    openapi_extra={
        "responses": {
            200: {
                "description": "One row per partner, in the import's columns.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def networks_csv(request, selection: Query[Selection]):
    """Networks with their partners as CSV, in the columns `import_networks` reads, for the
    same selection as the figures."""
    selection = _selection(selection)
    response = HttpResponse(
        export_csv(Network.objects.select(**selection)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="networks.csv"'
    return response


@api.get("/networks/{slug}", response=NetworkDetailOut, tags=["networks"])
def get_network(request, slug: Slug):
    """One network with its partners, phases and periods, and events."""
    return get_object_or_404(
        Network.objects.select_related(
            "programme", "network_type", "good_practice__city"
        ).prefetch_related(
            "themes",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("city__country").order_by(
                    "role", "order", "pk"
                ),
            ),
            Prefetch("phases", queryset=Phase.objects.prefetch_related("periods")),
            Prefetch("events", queryset=Event.objects.prefetch_related("networks")),
        ),
        slug=slug,
    )


@api.get("/cities", response=list[CityOut], tags=["cities"])
@paginate(Pages)
def list_cities(request, filters: Query[CityFilters]):
    """Cities, with how many network memberships each has."""
    countries = [code.upper() for code in filters.country]
    require_known(Country.objects, "code", countries, "country")
    cities = City.objects.select_related("country").annotate(partnership_count=Count("memberships"))
    if countries:
        cities = cities.filter(country__code__in=countries)
    return cities.order_by("country__code", "slug")


@api.get("/countries", response=list[CountryOut], tags=["cities"])
def list_countries(request):
    """Every country, with how many of its cities the portal knows."""
    return Country.objects.annotate(city_count=Count("cities")).order_by("code")


@api.get("/events", response=list[EventOut], tags=["events"])
@paginate(Pages)
def list_events(request, filters: Query[EventFilters]):
    """Events by date; `upcoming=true` keeps those not over yet."""
    network, upcoming = filters.network, filters.upcoming
    events = Event.objects.prefetch_related("networks")
    if network:
        require_known(Network.objects, "slug", [network], "network")
        events = events.filter(networks__slug=network)
    if upcoming:
        events = events.upcoming()
    return events.order_by("start_date", "slug")


@api.get("/figures", response=FiguresOut, tags=["figures"])
def figures(request, selection: Query[Selection]):
    """Headline figures for a selection: networks, partners, distinct countries of the
    partners, newcomers and their share (three decimals). Every parameter is optional;
    programme and network_type are slugs, country an ISO 3166-1 alpha-2 code."""
    selection = _selection(selection)
    return {**Network.objects.select(**selection).figures(), "selection": selection}
