"""Cities and countries."""

from django.db.models import Count
from ninja import Query, Router
from ninja.pagination import paginate

from cities.models import City, Country

from .params import CityFilters, Pages, require_known
from .schemas import PARAMETER_ERRORS, CityOut, CountryOut

router = Router()


@router.get("/cities", response={200: list[CityOut], **PARAMETER_ERRORS}, tags=["cities"])
@paginate(Pages)
def list_cities(request, filters: Query[CityFilters]):
    """Cities, with how many network memberships each has."""
    countries = [code.upper() for code in filters.country]
    require_known(Country.objects, "code", countries, "country")
    cities = City.objects.select_related("country").annotate(partnership_count=Count("memberships"))
    if countries:
        cities = cities.filter(country__code__in=countries)
    return cities.order_by("country__code", "slug")


@router.get("/countries", response=list[CountryOut], tags=["cities"])
def list_countries(request):
    """Every country, with how many of its cities the portal knows."""
    return Country.objects.annotate(city_count=Count("cities")).order_by("code")
