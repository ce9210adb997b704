"""Calls for proposals."""

from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate

from calls.models import Call

from .params import CallFilters, Pages
from .schemas import PARAMETER_ERRORS, CallOut

router = Router()


@router.get("/calls", response={200: list[CallOut], **PARAMETER_ERRORS}, tags=["calls"])
@paginate(Pages)
def list_calls(request, filters: Query[CallFilters]):
    """Published calls, the latest to close first, each with its status at the time of the
    request; `status` keeps those in one status (upcoming, open, closed, decided)."""
    now = timezone.now()
    calls = Call.objects.published().with_facts().prefetch_related("events", "links")
    if filters.status:
        calls = calls.with_status(filters.status, now)
    return calls.latest_first()
