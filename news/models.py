import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.fields import SanitizedHTMLField
from core.images import (
    DescribedImageMixin,
    described_image_constraint,
    described_image_fields,
)
from core.publication import PublicationStatus

WORDS_PER_MINUTE = 200


def read_time_minutes(html):
    """Minutes to read a text: words / 200, rounded up, at least 1."""
    words = len(strip_tags(html or "").split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(
            status=PublicationStatus.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def scheduled(self, now=None):
        return self.filter(
            status=PublicationStatus.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def in_review(self):
        return self.filter(status=PublicationStatus.IN_REVIEW)

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def in_language(self, code):
        """Articles that have a title and body in language `code`."""
        return self.exclude(_missing_language(code))

    def missing_translation(self):
        """Articles lacking the title or text in at least one of the portal's languages."""
        condition = Q()
        for code, _name in settings.LANGUAGES:
            condition |= _missing_language(code)
        return self.filter(condition)

    def mentioning_network(self, network):
        return self.filter(networks=network)

    def mentioning_city(self, city):
        return self.filter(cities=city)

    def from_year(self, year):
        return self.filter(published_at__year=year)

    def years(self):
        """The years in which these articles were published, latest first."""
        return (
            self.filter(published_at__isnull=False)
            .annotate(year=ExtractYear("published_at"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def with_links(self):
        """What an article page shows besides the article itself, in a fixed number of queries."""
        from cities.models import City

        return self.select_related("author").prefetch_related(
            "networks",
            models.Prefetch("cities", queryset=City.objects.select_related("country")),
            "events",
            "themes",
        )


def _missing_language(code):
    title, body = (build_localized_fieldname(name, code) for name in ("title", "body"))
    return (
        Q(**{f"{title}__isnull": True})
        | Q(**{title: ""})
        | Q(**{f"{body}__isnull": True})
        | Q(**{body: ""})
    )


class Article(DescribedImageMixin, models.Model):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lead = models.TextField(_("lead"), blank=True)
    body = SanitizedHTMLField(_("text"))
    image, image_width, image_height, image_alt = described_image_fields("news/%Y/")
    seo_description = models.CharField(
        _("description for search engines"), max_length=300, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("May lie in the future: the article then appears at that time."),
    )
    edited_at = models.DateTimeField(
        _("edited on"), default=timezone.now, help_text=_("The last substantive edit.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    networks = models.ManyToManyField(
        "networks.Network", blank=True, related_name="articles", verbose_name=_("networks")
    )
    cities = models.ManyToManyField(
        "cities.City", blank=True, related_name="articles", verbose_name=_("cities")
    )
    events = models.ManyToManyField(
        "networks.Event", blank=True, related_name="articles", verbose_name=_("events")
    )
    themes = models.ManyToManyField(
        "networks.Theme", blank=True, related_name="articles", verbose_name=_("themes")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The published list, its neighbours and the feed: newest public articles first.
            models.Index(fields=["status", "-published_at"], name="article_status_published_idx"),
            # The admin's list: every article, newest first, a page at a time.
            models.Index(fields=["-published_at", "-id"], name="article_newest_first_idx"),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish articles"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "published"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publication time."),
            ),
            described_image_constraint("article_image_described"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def read_time(self):
        return read_time_minutes(self.body)

    def has_language(self, code):
        """Whether the article has its own title and text in language `code`."""
        return all(
            getattr(self, build_localized_fieldname(name, code), None) for name in ("title", "body")
        )

    @property
    def missing_languages(self):
        return [code for code, _name in settings.LANGUAGES if not self.has_language(code)]

    @property
    def available_languages(self):
        return [code for code, _name in settings.LANGUAGES if self.has_language(code)]

    @property
    def is_scheduled(self):
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_public(self):
        return (
            self.status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def next_publication():
    """When the next scheduled article goes public, or None: pages cached before then are
    not served after it (`core.cache.next_publication`)."""
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
