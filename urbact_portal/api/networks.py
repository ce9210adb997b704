"""Networks: the list, one network in detail, and the CSV of networks with their partners."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from cities.models import Country
from networks.export import export_csv
from networks.models import Event, Membership, Network, NetworkType, Phase, Programme, Theme

from .params import NetworkFilters, Pages, Selection, Slug, _selection, require_known
from .schemas import PARAMETER_ERRORS, ErrorOut, NetworkDetailOut, NetworkOut, ValidationErrorOut

router = Router()


@router.get("/networks", response={200: list[NetworkOut], **PARAMETER_ERRORS}, tags=["networks"])
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


@router.get(
    "/networks.csv",
    response={200: None, **PARAMETER_ERRORS},
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


@router.get(
    "/networks/{slug}",
    response={200: NetworkDetailOut, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["networks"],
)
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
