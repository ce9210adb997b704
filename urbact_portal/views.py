import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from cities.models import Country
from cities.sharing import home_data
from core.views import KeptPageMixin
from networks.models import (
    Approval,
    Event,
    Membership,
    Network,
    SelectionTally,
    phases_with_periods,
)
from networks.models.tallies import ALL
from news.models import Article

from .system_views import database_unavailable, is_database_outage


@never_cache
def language_redirect(request):
    """/ sends the visitor to the home page in their language (Latvian unless they prefer
    another one the portal has)."""
    language = get_language_from_request(request)
    return HttpResponseRedirect(f"/{language}/")


class HomeView(KeptPageMixin, TemplateView):
    template_name = "home.html"

    def figures(self):
        """The figures of the latest Monitoring Committee approval (with what it announced),
        or of every network when none is recorded: both read from their tallies."""
        approval = Approval.objects.latest_first().first()
        if approval is None:
            return {"approval": None, "figures": SelectionTally.figures(ALL)}
        return {"approval": approval, "figures": approval.figures()}

    def get_context_data(self, **kwargs):
        language = self.request.LANGUAGE_CODE
        country_code = settings.PORTAL_COUNTRY
        # The networks of our cities' memberships, then those networks by key: as one query
        # (`select(country=…)`) PostgreSQL read every network.
        ours = Membership.objects.filter(city__country__code=country_code).values_list(
            "network_id", flat=True
        )
        our_networks = (
            Network.objects.filter(pk__any_of=list(ours))
            .select_related("programme", "network_type")
            .prefetch_related(phases_with_periods())
            .with_dates()
            .order_by("-effective_start", "slug")
        )
        return {
            **super().get_context_data(**kwargs),
            "structured_data": home_data(self.request.build_absolute_uri),
            "articles": Article.objects.published().in_language(language)[:4],
            **self.figures(),
            "country": Country.objects.filter(code=country_code).first(),
            "our_networks": our_networks,
            "events": Event.objects.upcoming()[:4],
        }


FLOOR_BODY = b"<!doctype html><title>floor</title>" + b"x" * 20_000


def benchmark_floor(request):
    """A fixed 20 KB page: what the framework, middleware and server cost on their own."""
    return HttpResponse(FLOOR_BODY)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Called while the exception is handled: a database that cannot be reached gets the
    # designed 503 page, rendered without the database.
    if is_database_outage(sys.exception()):
        return database_unavailable(request)
    return render(request, "500.html", status=500)
