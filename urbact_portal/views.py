import datetime
import sys

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from calls.models import Call, CallStatus
from calls.views import with_status
from cities.models import Country
from cities.sharing import home_data
from core.views import BreadcrumbsMixin
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


HOME_EVENTS = 4
HOME_CALLS = 3
# Approvals of which the home page looks for one with a recorded network (their tallies are
# read in one query).
APPROVALS_LOOKED_AT = 5


class HomeView(BreadcrumbsMixin, TemplateView):
    template_name = "home.html"

    def figures(self):
        """The figures of the latest Monitoring Committee approval of which a network is
        recorded (the latest approval when none is; the few latest looked at), with what
        it announced, or of every network when no approval is recorded: all read from their
        tallies. The page names the approval, so the figures say what they count."""
        approvals = list(Approval.objects.latest_first()[:APPROVALS_LOOKED_AT])
        if not approvals:
            return {"approval": None, "figures": SelectionTally.figures(ALL)}
        counted = SelectionTally.figures_of_approvals(approvals)
        approval = next((a for a in approvals if counted[a]["networks"]), approvals[0])
        return {"approval": approval, "figures": approval.figures(counted[approval])}

    def our_networks(self, today):
        """The networks of our cities running on `today`; when none is, those that ended
        last (within a year of the latest end), latest first. Found from our cities'
        memberships, then read by key: as one query (`select(country=…)`) PostgreSQL read
        every network."""
        ours = Membership.objects.filter(city__country__code=settings.PORTAL_COUNTRY)
        networks = (
            Network.objects.filter(pk__in=list(ours.values_list("network_id", flat=True)))
            .select_related("programme", "network_type")
            .with_dates()
        )
        running = list(
            networks.ongoing(today)
            .prefetch_related(phases_with_periods())
            .order_by("-effective_start", "slug")
        )
        if running:
            return {"our_networks": running, "our_networks_running": True}
        ended = networks.closed(today).order_by("-effective_end", "slug")
        latest = ended.values_list("effective_end", flat=True).first()
        recent = (
            ended.filter(effective_end__gt=latest - datetime.timedelta(days=365))
            .prefetch_related(phases_with_periods())
            .order_by("-effective_end", "-effective_start", "slug")
            if latest
            else Network.objects.none()
        )
        return {"our_networks": recent, "our_networks_running": False}

    @staticmethod
    def events(today):
        """The next events; when none is ahead, the latest ones (shown as past)."""
        upcoming = list(Event.objects.upcoming(today)[:HOME_EVENTS])
        if upcoming:
            return {"events": upcoming, "events_are_past": False}
        latest = Event.objects.past(today).order_by("-start_date", "slug")[:HOME_EVENTS]
        return {"events": latest, "events_are_past": True}

    @staticmethod
    def calls(now):
        calls = with_status(
            Call.objects.published().with_facts().of_the_moment(now)[:HOME_CALLS], now
        )
        current = {CallStatus.OPEN, CallStatus.UPCOMING}
        return {"calls": calls, "calls_are_current": any(c.status_now in current for c in calls)}

    def get_context_data(self, **kwargs):
        language = self.request.LANGUAGE_CODE
        now = timezone.now()
        today = timezone.localdate(now)
        return {
            **super().get_context_data(**kwargs),
            "structured_data": home_data(self.request.build_absolute_uri),
            "articles": Article.objects.published().in_language(language)[:4],
            **self.figures(),
            "country": Country.objects.filter(code=settings.PORTAL_COUNTRY).first(),
            **self.our_networks(today),
            **self.events(today),
            **self.calls(now),
        }


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Called while the exception is handled: a database that cannot be reached gets the
    # designed 503 page, rendered without the database.
    if is_database_outage(sys.exception()):
        return database_unavailable(request)
    return render(request, "500.html", status=500)
