"""Events."""

from ninja import Query, Router
from ninja.pagination import paginate

from networks.models import Event, Network

from .params import EventFilters, Pages, require_known
from .schemas import PARAMETER_ERRORS, EventOut

router = Router()


@router.get("/events", response={200: list[EventOut], **PARAMETER_ERRORS}, tags=["events"])
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
