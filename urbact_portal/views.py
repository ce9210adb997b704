from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from cities.models import Country
from networks.models import Event, Network
from news.models import Article


@never_cache
def language_redirect(request):
    """/ sends the visitor to the home page in their language (Latvian unless they prefer
    another one the portal has)."""
    language = get_language_from_request(request)
    return HttpResponseRedirect(f"/{language}/")


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        language = self.request.LANGUAGE_CODE
        country_code = settings.PORTAL_COUNTRY
        our_networks = (
            Network.objects.select(country=country_code)
            .select_related("programme", "network_type")
            .with_dates()
            .order_by("-effective_start", "slug")
        )
        return {
            **super().get_context_data(**kwargs),
            "articles": Article.objects.published().in_language(language)[:5],
            "figures": Network.objects.figures(),
            "country": Country.objects.filter(code=country_code).first(),
            "our_networks": our_networks,
            "events": Event.objects.upcoming()[:5],
        }


FLOOR_BODY = b"<!doctype html><title>floor</title>" + b"x" * 20_000


def benchmark_floor(request):
    """A fixed 20 KB page: what the framework, middleware and server cost on their own."""
    return HttpResponse(FLOOR_BODY)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
