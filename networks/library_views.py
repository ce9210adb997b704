"""The good-practice pages and the outputs library: lists with filters in the query string
(several values per filter, unknown values dropped, empty options hidden) and a page per good
practice. Each page runs the same few queries whatever the data size."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.cache import kept
from core.views import BreadcrumbsMixin, LenientPaginationMixin

from .filters import (
    GoodPracticeFilterForm,
    OutputFilterForm,
    good_practice_filter_choices,
    output_filter_choices,
)
from .models import GoodPractice, Membership, Network, Output, Role
from .views import NetworkSectionMixin


class FilteredListMixin(LenientPaginationMixin):
    form_class = None

    def filter_choices(self):
        raise NotImplementedError

    @cached_property
    def form(self):
        return self.form_class(self.request.GET or None, choices=self.filter_choices())

    @cached_property
    def selection(self):
        return self.form.selection()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "form": self.form,
            "is_filtered": bool(self.selection),
        }


def _transferring_networks():
    return Network.objects.select_related("programme", "network_type").by_name()


class GoodPracticeListView(BreadcrumbsMixin, FilteredListMixin, ListView):
    template_name = "networks/good_practice_list.html"
    context_object_name = "practices"
    paginate_by = 20
    form_class = GoodPracticeFilterForm

    def filter_choices(self):
        return kept(self.request, "good practice filter choices", (), good_practice_filter_choices)

    def get_breadcrumbs(self):
        return [(_("Good practices"), None)]

    def get_queryset(self):
        return (
            GoodPractice.objects.select(**self.selection)
            .select_related("city__country")
            .prefetch_related(Prefetch("networks", queryset=_transferring_networks()))
            .by_title()
        )


class GoodPracticeDetailView(BreadcrumbsMixin, DetailView):
    template_name = "networks/good_practice_detail.html"
    context_object_name = "practice"

    def get_object(self, queryset=None):
        partners = Membership.objects.select_related("city__country").order_by(
            "role", "order", "pk"
        )
        return get_object_or_404(
            GoodPractice.objects.select_related("city__country").prefetch_related(
                Prefetch(
                    "networks",
                    queryset=_transferring_networks().prefetch_related(
                        "themes", Prefetch("memberships", queryset=partners)
                    ),
                )
            ),
            slug=self.kwargs["slug"],
        )

    def get_breadcrumbs(self):
        return [(_("Good practices"), reverse("good_practices:list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        practice = self.object
        networks = list(practice.networks.all())
        adopters = [
            membership
            for network in networks
            for membership in network.memberships.all()
            if membership.city_id != practice.city_id
        ]
        outputs = Output.objects.filter(network__in=[network.pk for network in networks])
        return {
            **super().get_context_data(**kwargs),
            "networks": networks,
            "adopters": adopters,
            "outputs": outputs.for_listing().order_by("kind", "title", "pk") if networks else [],
            "lead_role": Role.LEAD_PARTNER,
        }


class OutputListView(BreadcrumbsMixin, FilteredListMixin, ListView):
    """The outputs library: every output of every network (outputs have no workflow, so all
    are public)."""

    template_name = "networks/output_list.html"
    context_object_name = "outputs"
    paginate_by = 25
    form_class = OutputFilterForm

    def filter_choices(self):
        return kept(self.request, "output filter choices", (), output_filter_choices)

    def get_breadcrumbs(self):
        return [(_("Outputs"), None)]

    def get_queryset(self):
        return (
            Output.objects.select(**self.selection)
            .for_listing()
            .order_by("network__slug", "kind", "title", "pk")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "list_url": reverse("outputs:list")}


class NetworkOutputListView(NetworkSectionMixin, FilteredListMixin, ListView):
    """One network's outputs, filtered like the library but without the network filter."""

    template_name = "networks/output_list.html"
    context_object_name = "outputs"
    paginate_by = 25
    form_class = OutputFilterForm

    def filter_choices(self):
        network = self.get_network()
        return kept(
            self.request,
            "network output filter choices",
            network.pk,
            lambda: output_filter_choices(network),
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Outputs"), None)]

    def get_queryset(self):
        network = self.get_network()
        selection = {key: value for key, value in self.selection.items() if key != "network"}
        return (
            Output.objects.filter(network=network)
            .select(**selection)
            .select_related("membership__city__country")
            .order_by("kind", "title", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.get_network()
        for output in context["outputs"]:
            output.network = network  # already loaded
        return {
            **context,
            "list_url": reverse("networks:outputs", args=[network.slug]),
        }
