"""The sitemap: /sitemap.xml is an index of one file per kind of page (/sitemap-<kind>.xml),
each of at most 50,000 addresses (the protocol's limit; more make pages, `?p=2`), every public
page in each language with hreflang alternates, and `lastmod` wherever the content has a date
of change. Index and files are kept whole under the content stamp (core.cache), so an
edit renews them and nothing else does."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.views.decorators.http import require_safe

from cities.models import City, Country
from core.cache import kept_response
from networks.models import Event, GoodPractice, Network, ProgressUpdate
from news.models import Article
from pages.models import Page


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Addresses per file: each language's address of an item counts as one.
    limit = 50_000
    # The field that dates a change of an item, for `lastmod`.
    lastmod_field = None

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        """The index's date of the whole file, in one query (Django's own asks every item)."""
        if not self.lastmod_field:
            return None
        return self.items().order_by().aggregate(latest=Max(self.lastmod_field))["latest"]


class PagesSitemap(PortalSitemap):
    priority = 1.0

    def items(self):
        return [
            "home",
            "networks:list",
            "events:list",
            "news:list",
            "good_practices:list",
            "outputs:list",
        ]

    def location(self, item):
        return reverse(item)


def last_revision():
    """The date of a network's latest revision (django-simple-history), as an annotation."""
    revisions = Network.history.model.objects.filter(id=OuterRef("pk"))
    return Subquery(revisions.order_by("-history_date").values("history_date")[:1])


class NetworkSitemap(PortalSitemap):
    lastmod_field = "last_revision"

    def items(self):
        return Network.objects.annotate(last_revision=last_revision()).order_by("slug")

    def get_latest_lastmod(self):
        return Network.history.model.objects.aggregate(latest=Max("history_date"))["latest"]


class UpdateSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return ProgressUpdate.objects.published().select_related("network").order_by("pk")


class EventSitemap(PortalSitemap):
    def items(self):
        return Event.objects.order_by("slug")


class CitySitemap(PortalSitemap):
    def items(self):
        return City.objects.select_related("country").order_by("pk")


class CountrySitemap(PortalSitemap):
    def items(self):
        return Country.objects.order_by("code")


class GoodPracticeSitemap(PortalSitemap):
    def items(self):
        return GoodPractice.objects.order_by("slug")


class NetworkOutputsSitemap(PortalSitemap):
    """A network's outputs page, for the networks that have outputs."""

    def items(self):
        return Network.objects.filter(outputs__isnull=False).distinct().order_by("slug")

    def location(self, network):
        return reverse("networks:outputs", args=[network.slug])


class StatementSitemap(PortalSitemap):
    """The accessibility statement and the privacy notice."""

    priority = 0.3

    lastmod_field = "updated_at"

    def items(self):
        return Page.objects.order_by("kind")


class ArticleSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Article.objects.published().order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "networks": NetworkSitemap,
    "updates": UpdateSitemap,
    "events": EventSitemap,
    "cities": CitySitemap,
    "countries": CountrySitemap,
    "news": ArticleSitemap,
    "good-practices": GoodPracticeSitemap,
    "outputs": NetworkOutputsSitemap,
    "statements": StatementSitemap,
}


@require_safe
def sitemap_index(request):
    return kept_response(
        request,
        "sitemap-index",
        lambda: sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section"),
    )


@require_safe
def sitemap_section(request, section):
    return kept_response(
        request,
        "sitemap-section",
        lambda: sitemap_views.sitemap(request, SITEMAPS, section=section),
    )
