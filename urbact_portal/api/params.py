"""Query parameters: their types, the filters of each list, pagination, and the check that a
value names something that exists."""

import datetime
from typing import Annotated

from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from pydantic import BeforeValidator, StringConstraints

from calls.models import CallStatus
from cities.models import Country
from networks.models import NetworkType, Programme, Status


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


class CallFilters(Schema):
    status: CallStatus | None = None


class EventFilters(Schema):
    network: OneSlug = None
    upcoming: bool = False


class Selection(Schema):
    programme: OneSlug = None
    network_type: OneSlug = None
    phase: OnePhase = None
    approved_on: OneDate = None
    country: OneCountry = None


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
