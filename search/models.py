from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a search result is, in the order the filter offers them."""

    ARTICLE = "article", _("articles")
    NETWORK = "network", _("networks")
    CITY = "city", _("cities")
    UPDATE = "update", _("progress updates")
    OUTPUT = "output", _("outputs")
    PRACTICE = "practice", _("good practices")


# What one result is called ("City" above one city; the filter offers "cities").
SINGULAR = {
    Kind.ARTICLE: _("article"),
    Kind.NETWORK: _("network"),
    Kind.CITY: _("city"),
    Kind.UPDATE: _("progress update"),
    Kind.OUTPUT: _("output"),
    Kind.PRACTICE: _("good practice"),
}


class SearchEntryQuerySet(models.QuerySet):
    def public(self, now=None):
        """Entries a visitor may find now: those without a publication time (networks,
        cities, outputs) and those whose time has come (a scheduled article appears then)."""
        now = now or timezone.now()
        return self.filter(Q(published_at__isnull=True) | Q(published_at__lte=now))

    def in_language(self, code):
        return self.filter(language=code)

    def of(self, kind, object_ids):
        return self.filter(kind=kind, object_id__in=object_ids)


class SearchEntry(models.Model):
    """One indexed object in one language: what the search page matches, ranks and shows.

    Rows are written by `search.index` whenever an indexed object is saved or deleted (once
    the transaction commits) and rebuilt whole by `manage.py rebuild_search_index`. Drafts,
    articles in review and unpublished progress updates have no row.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    object_id = models.BigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    names = models.CharField(
        _("other names"),
        max_length=600,
        blank=True,
        help_text=_("Found like the title: a city's names in other languages, an acronym."),
    )
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Found only from this time on; empty for what is always public."),
    )
    # The matching forms (see search.text.normalise): the words without accents or case,
    # between spaces, so that " jur" matches the start of a word. The accent-insensitive
    # match on SQLite, the misspelling suggestions on PostgreSQL (a trigram index on the
    # title); the title and other names as "| jurmala | ... |" to tell an exact name.
    match_title = models.CharField(_("title for matching"), max_length=300)
    match_names = models.CharField(_("names for matching"), max_length=1000, blank=True)
    match_text = models.TextField(_("text for matching"))
    # PostgreSQL only (empty on SQLite): the title and other names (weight A) and the text
    # (weight B) as a tsvector in the language's text search configuration, GIN-indexed.
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "object_id", "language"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_once_per_language"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="search_entry_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["language", "kind"], name="search_entry_language_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title} ({self.language})"

    def get_absolute_url(self):
        return self.url
