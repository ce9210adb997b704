"""Running a search: the same results page on PostgreSQL (full-text search over the stored
vectors, ranked, with highlighted snippets and trigram suggestions) and on SQLite (an
accent-insensitive match over the stored normalised text, title matches first)."""

import dataclasses
import difflib

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramDistance,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Func, Q, Value, When
from django.utils import timezone

from .index import search_config
from .models import SINGULAR, Kind, SearchEntry
from .text import MARK_END, MARK_START, highlight, marked_html, normalise, query_words

PER_PAGE = 20
# The most matches a query ranks and counts: a query found in more entries ranks the first
# ones found, so that a word found everywhere costs what a rare one does. The page says so.
MAX_CANDIDATES = 1000
# A suggestion must be at least this similar (pg_trgm's similarity, 0 to 1).
MIN_SIMILARITY = 0.3
# Suggestions come from the names of these kinds only.
SUGGESTED_KINDS = (Kind.CITY, Kind.NETWORK)
# Names compared in Python on SQLite (those sharing the query's first two letters).
SQLITE_SUGGESTION_CANDIDATES = 500


class KnownCountPaginator(Paginator):
    """A paginator told the number of results (counted with the per-kind counts), so that
    paginating costs no query of its own."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


@dataclasses.dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: str
    published_at: object

    @property
    def kind_label(self):
        return SINGULAR[Kind(self.kind)]


@dataclasses.dataclass
class Results:
    counts: dict  # kind -> number of results (among the first MAX_CANDIDATES found)
    page: object  # a Page of Result
    suggestion: str | None
    capped: bool = False  # more matches than MAX_CANDIDATES

    @property
    def total(self):
        return sum(self.counts.values())


def search(query, language, *, kind=None, page=1, now=None):
    """Results of `query` (already cleaned, see search.text.clean_query) among the entries in
    `language`, optionally of one `kind`, page `page` (any value: out of range gives the last
    page). Three queries at most."""
    words = query_words(query)
    if not words:
        # Only punctuation or symbols: nothing can match.
        return Results({}, KnownCountPaginator([], PER_PAGE, 0).get_page(1), None)
    entries = SearchEntry.objects.public(now or timezone.now()).in_language(language)
    backend = _postgresql if connection.vendor == "postgresql" else _sqlite
    return backend(entries, query, words, language, kind, page)


def _bounded(matches):
    """The first MAX_CANDIDATES matches found, as a queryset to rank and count."""
    candidates = matches.order_by().values("pk")[:MAX_CANDIDATES]
    return SearchEntry.objects.filter(pk__in=candidates)


def _counts(matches):
    rows = matches.order_by().values_list("kind").annotate(n=Count("pk"))
    found = dict(rows)
    return {kind: found[kind] for kind in Kind.values if found.get(kind)}


def _page(matches, counts, kind, page):
    total = counts.get(kind, 0) if kind else sum(counts.values())
    if kind:
        matches = matches.filter(kind=kind)
    return KnownCountPaginator(matches, PER_PAGE, total).get_page(page)


def _exact_title(query):
    """Whether the title or another name is the query itself, accents and case aside: a city
    or network searched by its name comes first."""
    return Case(
        When(match_names__contains=f"| {normalise(query)} |", then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


# PostgreSQL ------------------------------------------------------------------------------


class TitleMatches(Func):
    """Whether the query matches the title alone: the vector's weight-A lexemes."""

    template = "(ts_filter(%(expressions)s, '{a}'::\"char\"[]) @@ %(query)s)"
    output_field = BooleanField()

    def __init__(self, vector, query, **extra):
        super().__init__(vector, **extra)
        self.query = query

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        resolved.query = self.query.resolve_expression(*args, **kwargs)
        return resolved

    def as_sql(self, compiler, connection, **extra_context):
        query_sql, query_params = compiler.compile(self.query)
        sql, params = super().as_sql(compiler, connection, query=query_sql, **extra_context)
        return sql, (*params, *query_params)


def _postgresql(entries, query, words, language, kind, page):
    config = search_config(language)
    tsquery = SearchQuery(query, search_type="websearch", config=config)
    matches = _bounded(entries.filter(vector=tsquery))
    counts = _counts(matches)
    ranked = matches.annotate(
        exact=_exact_title(query),
        title_hit=TitleMatches(F("vector"), tsquery),
        rank=SearchRank(F("vector"), tsquery),
        headline=SearchHeadline(
            "body",
            tsquery,
            config=config,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    ).order_by("-exact", "-title_hit", "-rank", F("published_at").desc(nulls_last=True), "pk")
    found = _page(ranked, counts, kind, page)
    found.object_list = [
        Result(e.kind, e.title, e.url, marked_html(e.headline), e.published_at)
        for e in found.object_list
    ]
    total = sum(counts.values())
    suggestion = _trigram_suggestion(query) if not total else None
    return Results(counts, found, suggestion, total >= MAX_CANDIDATES)


def _trigram_suggestion(query):
    """The city or network name (in any language) most like the query, when it is like it
    enough and not the query itself. The nearest name by trigram distance, found through a
    GiST index on these kinds' titles: one index walk whatever the number of names."""
    target = normalise(query)
    if not target or len(target) > 60:
        return None
    best = (
        SearchEntry.objects.filter(kind__in=SUGGESTED_KINDS)
        .annotate(distance=TrigramDistance("match_title", target))
        .order_by("distance")
        .values_list("title", "match_title", "distance")
        .first()
    )
    if best is None or best[2] > 1 - MIN_SIMILARITY or best[1].strip() == target:
        return None
    return best[0]


# SQLite ----------------------------------------------------------------------------------


def _sqlite(entries, query, words, language, kind, page):
    matches = entries
    title_match = Q()
    for word in words:
        # Words are matched at the start of a word: " jur" finds " jurmala ".
        matches = matches.filter(match_text__contains=f" {word}")
        title_match &= Q(match_names__contains=f" {word}")
    matches = _bounded(matches)
    counts = _counts(matches)
    ordered = matches.annotate(
        exact=_exact_title(query),
        title_hit=Case(When(title_match, then=Value(True)), default=Value(False)),
    ).order_by("-exact", "-title_hit", F("published_at").desc(nulls_first=True), "title", "pk")
    found = _page(ordered.only("kind", "title", "url", "body", "published_at"), counts, kind, page)
    found.object_list = [
        Result(e.kind, e.title, e.url, highlight(e.body, words), e.published_at)
        for e in found.object_list
    ]
    total = sum(counts.values())
    suggestion = _close_suggestion(query) if not total else None
    return Results(counts, found, suggestion, total >= MAX_CANDIDATES)


def _close_suggestion(query):
    """The city or network name most like the query, among those that share its first two
    letters (compared in Python; a bounded number of names)."""
    target = normalise(query)
    if len(target) < 3 or len(target) > 60:
        return None
    candidates = dict(
        SearchEntry.objects.filter(
            kind__in=SUGGESTED_KINDS, match_title__startswith=f" {target[:2]}"
        )
        .order_by("pk")
        .values_list("match_title", "title")[:SQLITE_SUGGESTION_CANDIDATES]
    )
    names = {key.strip(): title for key, title in candidates.items()}
    close = difflib.get_close_matches(target, names, n=1, cutoff=0.75)
    if not close or close[0] == target:
        return None
    return names[close[0]]
