"""The Monitoring Committee's approvals: each with the figures of its recorded networks and
how many of those it announced are recorded ("22 of the 23 approved networks")."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.views import BreadcrumbsMixin

from .map_points import listed_partners
from .models import Approval, Network, phases_with_periods


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


class ApprovalListView(BreadcrumbsMixin, ListView):
    """Every approval, latest first, each with its figures (two queries an approval: the
    programme approves a few networks' calls a year)."""

    template_name = "networks/approval_list.html"
    context_object_name = "approvals"

    def get_queryset(self):
        return Approval.objects.latest_first()

    def get_breadcrumbs(self):
        return [(_("Networks"), reverse("networks:list")), (_("Approvals"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["approvals"] = [
            {"approval": approval, "figures": approval.figures()}
            for approval in context["approvals"]
        ]
        return context


class ApprovalDetailView(BreadcrumbsMixin, DetailView):
    """One approval: the figures of its recorded networks, how complete the record is, and
    the networks with their lead partners."""

    template_name = "networks/approval_detail.html"
    context_object_name = "approval"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Approval.objects.select_related("programme", "network_type"),
            programme__slug=self.kwargs["programme"],
            network_type__slug=self.kwargs["network_type"],
            approved_on=_day(self.kwargs["approved_on"]),
            phase=self.kwargs.get("phase"),
        )

    def get_breadcrumbs(self):
        return [
            (_("Networks"), reverse("networks:list")),
            (_("Approvals"), reverse("approvals:list")),
            (str(self.object.network_type), None),
        ]

    def get_context_data(self, **kwargs):
        approval = self.object
        networks = list(
            approval.networks()
            .select_related("programme", "network_type")
            .prefetch_related(phases_with_periods())
            .with_partner_counts()
            .by_name()
        )
        listed_partners(networks)
        address = Network.addresses()
        for network in networks:
            network.url = address(network.slug)
        return {
            **super().get_context_data(**kwargs),
            "figures": approval.figures(),
            "networks": networks,
        }
