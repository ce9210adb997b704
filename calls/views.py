from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import BreadcrumbsMixin

from .models import Call, CallStatus


def with_status(calls, now):
    """The calls as a list, each with `status` (a `CallStatus`) on the moment `now`."""
    calls = list(calls)
    for call in calls:
        call.status_now = call.status_on(now)
    return calls


class CallsSectionMixin(BreadcrumbsMixin):
    """The calls' pages: stored by the page cache under the content version, which also moves
    when a published call opens or closes (`calls.models.next_status_change`)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.now = timezone.now()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "section": "calls"}


class CallListView(CallsSectionMixin, TemplateView):
    """Open and upcoming calls first (the one closing soonest first), then closed and decided
    ones (the latest first)."""

    template_name = "calls/call_list.html"

    def get_breadcrumbs(self):
        return [(_("Calls for proposals"), None)]

    def get_context_data(self, **kwargs):
        calls = Call.objects.published().with_facts()
        return {
            **super().get_context_data(**kwargs),
            "current_calls": with_status(calls.current(self.now).soonest_first(), self.now),
            "past_calls": with_status(calls.finished(self.now).latest_first(), self.now),
        }


class CallDetailView(CallsSectionMixin, TemplateView):
    template_name = "calls/call_detail.html"

    def get_call(self):
        if not hasattr(self, "_call"):
            call = (
                Call.objects.published()
                .with_facts()
                .filter(slug=self.kwargs["slug"])
                .prefetch_related("links")
                .first()
            )
            if call is None:
                raise Http404
            call.status_now = call.status_on(self.now)
            self._call = call
        return self._call

    def get_breadcrumbs(self):
        call = self.get_call()
        return [(_("Calls for proposals"), reverse("calls:list")), (call.title, None)]

    def get_context_data(self, **kwargs):
        call = self.get_call()
        today = timezone.localdate(self.now)
        events = call.events.all()
        return {
            **super().get_context_data(**kwargs),
            "call": call,
            "approval_figures": call.approval.figures()
            if call.approval is not None and call.status_now == CallStatus.DECIDED
            else None,
            "links": list(call.links.all()),
            "upcoming_events": events.upcoming(today).order_by("start_date", "slug"),
            "past_events": events.past(today).order_by("-start_date", "slug"),
        }
