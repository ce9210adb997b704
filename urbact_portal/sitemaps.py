"""/sitemap.xml: every public page in each language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from calls.models import Call
from cities.models import City, Country
from networks.models import Event, GoodPractice, Network, ProgressUpdate
from news.models import Article
from pages.models import Page


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PortalSitemap):
    priority = 1.0

    def items(self):
        return [
            "home",
            "networks:list",
            "events:list",
            "calls:list",
            "news:list",
            "good_practices:list",
            "outputs:list",
        ]

    def location(self, item):
        return reverse(item)


class NetworkSitemap(PortalSitemap):
    def items(self):
        return Network.objects.order_by("slug")


class UpdateSitemap(PortalSitemap):
    def items(self):
        return ProgressUpdate.objects.published().select_related("network").order_by("pk")

    def lastmod(self, update):
        return update.updated_at


class EventSitemap(PortalSitemap):
    def items(self):
        return Event.objects.order_by("slug")


class CallSitemap(PortalSitemap):
    def items(self):
        return Call.objects.published().order_by("slug")

    def lastmod(self, call):
        return call.updated_at


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

    def items(self):
        return Page.objects.order_by("kind")

    def lastmod(self, page):
        return page.updated_at


class ArticleSitemap(PortalSitemap):
    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "networks": NetworkSitemap,
    "updates": UpdateSitemap,
    "events": EventSitemap,
    "calls": CallSitemap,
    "cities": CitySitemap,
    "countries": CountrySitemap,
    "news": ArticleSitemap,
    "good-practices": GoodPracticeSitemap,
    "outputs": NetworkOutputsSitemap,
    "statements": StatementSitemap,
}
