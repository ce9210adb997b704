"""Headline figures for a selection of networks."""

from ninja import Query, Router

from networks.models import Network

from .params import Selection, _selection
from .schemas import PARAMETER_ERRORS, FiguresOut

router = Router()


@router.get("/figures", response={200: FiguresOut, **PARAMETER_ERRORS}, tags=["figures"])
def figures(request, selection: Query[Selection]):
    """Headline figures for a selection: networks, partners, distinct countries of the
    partners, newcomers and their share (three decimals). Every parameter is optional;
    programme and network_type are slugs, country an ISO 3166-1 alpha-2 code."""
    selection = _selection(selection)
    return {**Network.objects.select(**selection).figures(), "selection": selection}
