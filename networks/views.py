from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from .models import Event, Membership, Network, Phase, ProgressUpdate


class NetworkListView(ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        return (
            Network.objects.select_related("programme", "network_type")
            .with_partner_counts()
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "figures": self.get_queryset().figures()}


class NetworkDetailView(DetailView):
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return Network.objects.select_related(
            "programme", "network_type", "good_practice__city__country"
        ).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("city__country").order_by(
                    "-role", "order", "pk"
                ),
            ),
            Prefetch("phases", queryset=Phase.objects.prefetch_related("periods", "milestones")),
        )

    def get_context_data(self, **kwargs):
        network = self.object
        return {
            **super().get_context_data(**kwargs),
            "today": timezone.localdate(),
            "updates": ProgressUpdate.objects.published().for_network(network)[:5],
            "events": Event.objects.filter(network=network),
        }


class UpdateDetailView(DetailView):
    template_name = "networks/update_detail.html"
    context_object_name = "update"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ProgressUpdate.objects.published().select_related("network"),
            network__slug=self.kwargs["network_slug"],
            slug=self.kwargs["slug"],
        )


class EventListView(ListView):
    template_name = "networks/event_list.html"
    context_object_name = "events"
    queryset = Event.objects.select_related("network")


class EventDetailView(DetailView):
    template_name = "networks/event_detail.html"
    context_object_name = "event"
    queryset = Event.objects.select_related("network")
