from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Prefetch,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from cities.sharing import share_context
from core.languages import localized
from core.views import (
    BreadcrumbsMixin,
    CountedPaginator,
    nearest_page,
    page_context,
)

from .filters import NetworkFilterForm, filter_choices, filter_groups
from .map_points import city_map_points, listed_partners, map_points, with_addresses
from .models import (
    CountryTally,
    Event,
    Membership,
    Network,
    Phase,
    ProgressUpdate,
    Role,
    SelectionTally,
    phases_with_periods,
)
from .models.tallies import ALL
from .sharing import event_card, event_data, network_card, network_data

LATEST_UPDATES = 5
RELATED_NEWS = 5


class NetworkListView(BreadcrumbsMixin, TemplateView):
    """The networks in the visitor's selection, 25 a page (as a country's cities: a phase's
    networks, 23 in phase 2, fit one), with the selection's figures, partner countries and
    a map of the partner cities of the networks on the page. Unfiltered, its figures and
    country counts are read from the tallies. What it shows of each network and country
    beyond their columns (addresses, lead partners) is read as plain rows, one query or one
    `reverse` for all of them."""

    template_name = "networks/network_list.html"
    paginate_by = 25

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()

    def get_breadcrumbs(self):
        return [(_("Networks"), None)]

    def get_form(self):
        if not hasattr(self, "_form"):
            choices = filter_choices(self.today)
            self._form = NetworkFilterForm(self.request.GET or None, choices=choices)
        return self._form

    def get_selection(self):
        return self.get_form().selection()

    def get_queryset(self):
        return (
            Network.objects.select(**self.get_selection(), today=self.today)
            .select_related("programme", "network_type")
            .defer(*localized("summary", "goals", "challenges"))  # not shown in the list
            .prefetch_related(phases_with_periods())
            .with_partner_counts()
            .by_name()
        )

    def get_context_data(self, **kwargs):
        selection = self.get_selection()
        if selection:
            selected = Network.objects.select(**selection, today=self.today)
            figures, country_counts = selected.figures(), selected.country_counts()
            paginator = Paginator(self.get_queryset(), self.paginate_by)
        else:
            figures, country_counts = SelectionTally.figures(ALL), CountryTally.country_counts()
            paginator = CountedPaginator(self.get_queryset(), self.paginate_by, figures["networks"])
        page = nearest_page(paginator, self.request.GET.get("page"))
        networks = list(page.object_list)
        partners = listed_partners(networks)
        address = Network.addresses()
        for network in networks:
            network.url = address(network.slug)
        groups = filter_groups(self.get_form())
        return {
            **super().get_context_data(**kwargs),
            "networks": networks,
            **page_context(page),
            "form": self.get_form(),
            "filter_groups": groups,
            # Said on the folded filters' summary, so a phone shows what is chosen.
            "chosen_filters": sum(
                option["checked"] for group in groups for option in group["options"]
            ),
            "is_filtered": bool(selection),
            "selection_labels": selection_labels(self.get_form()),
            "figures": figures,
            "country_counts": with_addresses(country_counts),
            # The partner cities of the networks listed on this page: all of them while the
            # list fits one page, and never more than a page's worth as data grow.
            "map_points": city_map_points(partners),
            "map_is_one_page": not page.has_other_pages(),
            "map_tile_url": settings.MAP_TILE_URL,
        }


class NetworkDetailView(BreadcrumbsMixin, DetailView):
    """The network's section front page: the view fetches the network with everything the
    page shows (`get_context_data`)."""

    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Network.objects.select_related(
                "programme", "network_type", "good_practice__city__country"
            ),
            slug=self.kwargs["slug"],
        )

    def get_breadcrumbs(self):
        return [(_("Networks"), reverse("networks:list")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        """The network with its themes, partners and phases, and its latest updates, events
        and news: everything the page shows, fetched here."""
        network = self.object
        prefetch_related_objects(
            [network],
            "themes",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("city__country").order_by(
                    "role", "order", "pk"
                ),
            ),
            Prefetch("phases", queryset=Phase.objects.prefetch_related("periods", "milestones")),
        )
        memberships = network.memberships.all()
        return {
            **super().get_context_data(**kwargs),
            **share_context(
                self.request,
                network_card(network, memberships),
                lambda image, absolute: network_data(network, memberships, image, absolute),
            ),
            "network": network,
            "lead": next((m for m in memberships if m.role == Role.LEAD_PARTNER), None),
            "map_points": map_points(memberships),
            "updates": list(
                ProgressUpdate.objects.published()
                .for_network(network)
                .select_related("network")[:LATEST_UPDATES]
            ),
            "events": list(network.events.all()),
            # The outputs library is linked only where there is something in it.
            "has_outputs": network.outputs.exists(),
            "articles": list(
                network.articles.published().in_language(get_language())[:RELATED_NEWS]
            ),
            "map_tile_url": settings.MAP_TILE_URL,
        }


def selection_labels(form):
    """What the figures of a filtered list count: each filter in use, by its label, with the
    labels of its chosen values."""
    return [
        (group["label"], [option["label"] for option in group["options"] if option["checked"]])
        for group in filter_groups(form)
        if any(option["checked"] for option in group["options"])
    ]


class NetworkSectionMixin(BreadcrumbsMixin):
    """Pages inside a network's section: the network comes from the `network_slug`."""

    def get_network(self):
        if not hasattr(self, "network"):
            self.network = get_object_or_404(
                Network.objects.only("pk", "slug", *_name_fields()),
                slug=self.kwargs["network_slug"],
            )
        return self.network

    def get_breadcrumbs(self):
        network = self.get_network()
        return [
            (_("Networks"), reverse("networks:list")),
            (network.name, network.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "network": self.get_network()}


def _name_fields():
    return localized("name")


class UpdateListView(NetworkSectionMixin, ListView):
    template_name = "networks/update_list.html"
    context_object_name = "updates"
    paginate_by = 10

    def get_queryset(self):
        return (
            ProgressUpdate.objects.published()
            .for_network(self.get_network())
            .select_related("network")
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Progress updates"), None)]


class UpdateDetailView(NetworkSectionMixin, DetailView):
    template_name = "networks/update_detail.html"
    context_object_name = "update"

    def get_object(self, queryset=None):
        network = self.get_network()
        update = get_object_or_404(
            ProgressUpdate.objects.published().for_network(network), slug=self.kwargs["slug"]
        )
        update.network = network  # already loaded: its attachments' links need its slug
        return update

    def get_context_data(self, **kwargs):
        attachments = list(self.object.attachments.photos_first())
        return {**super().get_context_data(**kwargs), "attachments": attachments}

    def get_breadcrumbs(self):
        network = self.get_network()
        return [
            *super().get_breadcrumbs(),
            (_("Progress updates"), reverse("networks:updates", args=[network.slug])),
            (self.object.title, None),
        ]


class EventListView(BreadcrumbsMixin, ListView):
    """Upcoming events first (soonest first), then past ones (latest first)."""

    template_name = "networks/event_list.html"
    context_object_name = "events"
    queryset = Event.objects.upcoming()

    def get_breadcrumbs(self):
        return [(_("Events"), None)]

    def get_context_data(self, **kwargs):
        past = Event.objects.past().order_by("-start_date", "slug")
        return {**super().get_context_data(**kwargs), "past_events": past}


# What apps above networks add to an event's page (its registration, say) without networks
# importing them: callables of the event giving more context, appended from their `ready()`.
EVENT_PAGE_EXTRAS = []


class EventDetailView(BreadcrumbsMixin, DetailView):
    template_name = "networks/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        # The networks' partner cities are the card's map.
        return Event.objects.select_related("city__country").prefetch_related(
            Prefetch(
                "networks",
                queryset=Network.objects.by_name().prefetch_related(
                    Prefetch("memberships", queryset=Membership.objects.select_related("city"))
                ),
            )
        )

    def get_context_data(self, **kwargs):
        event = self.object
        context = {
            **super().get_context_data(**kwargs),
            **share_context(
                self.request,
                event_card(event, list(event.networks.all())),
                lambda image, absolute: event_data(event, image, absolute),
            ),
        }
        for extra in EVENT_PAGE_EXTRAS:
            context.update(extra(event))
        return context

    def get_breadcrumbs(self):
        return [(_("Events"), reverse("events:list")), (self.object.title, None)]
