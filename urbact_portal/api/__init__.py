"""Read-only open data under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and the
documentation at /api/v1/docs.

Translated fields come as one object per language ({"lv": ..., "en": ...}). Every parameter is
checked against the schema, so a bad one gets a 4xx with a message, never a 500.
"""

from ninja import NinjaAPI

from core.views import kept_whole

from .cities import router as cities_router
from .events import router as events_router
from .figures import router as figures_router
from .networks import router as networks_router


class OpenDataAPI(NinjaAPI):
    """Operation ids name the view alone, so moving a view between the package's modules
    leaves the published schema (and clients generated from it) unchanged. The API is
    read-only and every answer depends on its address and the content alone, so each is
    kept whole per address and content stamp (`core.views.kept_whole`)."""

    def get_openapi_operation_id(self, operation):
        return f"urbact_portal_api_{operation.view_func.__name__}"

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = kept_whole(pattern.callback, f"api.{pattern.name}")
        return patterns, app_name, namespace


api = OpenDataAPI(
    title="URBACT National Contact Point: open data",
    version="1",
    description=(
        "Networks, partners, cities, countries, events and figures, read-only. "
        "CSV of networks with partners: /api/v1/networks.csv (the import's columns)."
    ),
    urls_namespace="api",
)

api.add_router("", networks_router)
api.add_router("", cities_router)
api.add_router("", events_router)
api.add_router("", figures_router)
