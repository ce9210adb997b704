"""Keeping the search index current.

`SearchEntry` rows are worked out here from the indexed models: one row per object and
language, only for what a visitor may see (published articles and progress updates; every
network, city and output). Saving or deleting an indexed object queues it; the queue is
written once the transaction commits (`transaction.on_commit`), so a rolled-back edit never
reaches the index and a save inside a long transaction costs one write at its end.
`rebuild()` (the `rebuild_search_index` command) writes the whole index again, in batches.

Writes that skip the models' signals (`bulk_create`, `QuerySet.update`, raw SQL) do not
reach the index: call `queue()` after them, or run the command.
"""

import datetime
import logging
import threading
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from .models import Kind, SearchEntry
from .text import MAX_BODY_LENGTH, clean_text, normalise, plain_text

logger = logging.getLogger(__name__)

# Objects read per query and rows written per statement.
BATCH = 1000

# The text search configuration of each language on PostgreSQL (created by migration 0002):
# unaccented words, English ones stemmed; any other language uses the simple one.
SEARCH_CONFIGS = {"en": "portal_english"}
DEFAULT_SEARCH_CONFIG = "portal_simple"


def search_config(language):
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _translated(obj, field, code):
    """A translated field as the public page shows it in `code`: its own value, else the
    fallback languages' (modeltranslation's fallback does not apply to attribute reads of
    other languages)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
    for language in (code, *fallbacks):
        value = getattr(obj, build_localized_fieldname(field, language), None)
        if value:
            return value
    return ""


def _url(obj, code):
    with translation.override(code):
        return obj.get_absolute_url()


def _join(*parts, separator=" "):
    """The readable text of these parts (some fields hold HTML), one after the other."""
    return separator.join(plain_text(part) for part in parts if part)


# What each kind indexes ------------------------------------------------------------------


def _articles(ids):
    from networks.models import PublicationStatus
    from news.models import Article

    articles = Article.objects.filter(
        pk__in=ids, status=PublicationStatus.PUBLISHED, published_at__isnull=False
    )
    for article in articles:
        for code in languages():
            # An article is public only in the languages it is written in.
            if not article.has_language(code):
                continue
            yield (
                article.pk,
                code,
                getattr(article, build_localized_fieldname("title", code)),
                "",
                _join(
                    getattr(article, build_localized_fieldname("lead", code), ""),
                    getattr(article, build_localized_fieldname("body", code)),
                ),
                _url(article, code),
                article.published_at,
            )


def _networks(ids):
    from networks.models import Network

    for network in Network.objects.filter(pk__in=ids).select_related("good_practice"):
        practice = network.good_practice
        for code in languages():
            yield (
                network.pk,
                code,
                _translated(network, "name", code),
                network.acronym,
                _join(
                    _translated(network, "summary", code),
                    _translated(network, "goals", code),
                    _translated(network, "challenges", code),
                    practice and _translated(practice, "title", code),
                    practice and _translated(practice, "description", code),
                    network.lead_expert,
                ),
                _url(network, code),
                None,
            )


def _cities(ids):
    from cities.models import City

    for city in City.objects.filter(pk__in=ids).select_related("country"):
        names = [_translated(city, "name", code) for code in languages()]
        for code, name in zip(languages(), names, strict=True):
            # The city's names in the other languages find it too ("Hihona" finds Gijón).
            others = [other for other in dict.fromkeys(names) if other != name]
            yield (
                city.pk,
                code,
                name,
                " · ".join(others),
                _join(*others, _translated(city.country, "name", code), separator=" · "),
                _url(city, code),
                None,
            )


def _update_time(day):
    """A progress update is public from the start of its day (the portal's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _updates(ids):
    from networks.models import ProgressUpdate, PublicationStatus

    updates = ProgressUpdate.objects.filter(
        pk__in=ids, status=PublicationStatus.PUBLISHED
    ).select_related("network")
    for update in updates:
        for code in languages():
            yield (
                update.pk,
                code,
                _translated(update, "title", code),
                "",
                _join(_translated(update, "body", code)),
                _url(update, code),
                _update_time(update.date),
            )


def _output_url(output, code):
    with translation.override(code):
        try:
            if hasattr(output, "get_absolute_url"):
                return output.get_absolute_url()
            return output.href
        except NoReverseMatch:
            return output.network.get_absolute_url()


def _outputs(ids):
    from networks.models import Output

    outputs = Output.objects.filter(pk__in=ids).select_related("network", "membership__city")
    for output in outputs:
        city = output.membership.city if output.membership_id else None
        for code in languages():
            with translation.override(code):
                kind = str(output.get_kind_display())
            yield (
                output.pk,
                code,
                output.title,
                "",
                _join(
                    kind,
                    _translated(output.network, "name", code),
                    city and _translated(city, "name", code),
                    separator=" · ",
                ),
                _output_url(output, code),
                None,
            )


BUILDERS = {
    Kind.ARTICLE: _articles,
    Kind.NETWORK: _networks,
    Kind.CITY: _cities,
    Kind.UPDATE: _updates,
    Kind.OUTPUT: _outputs,
}


def _models():
    from cities.models import City
    from networks.models import Network, Output, ProgressUpdate
    from news.models import Article

    return {
        Kind.ARTICLE: Article,
        Kind.NETWORK: Network,
        Kind.CITY: City,
        Kind.UPDATE: ProgressUpdate,
        Kind.OUTPUT: Output,
    }


# Writing ----------------------------------------------------------------------------------


def _entry(kind, row):
    object_id, code, title, names, body, url, published_at = row
    title = clean_text(title)[:300]
    names = clean_text(names)[:600]
    body = body[:MAX_BODY_LENGTH]
    all_names = [normalise(name) for name in [title, *names.split(" · ")] if name]
    entry = SearchEntry(
        kind=kind,
        object_id=object_id,
        language=code,
        title=title,
        names=names,
        body=body,
        url=url[:500],
        published_at=published_at,
        match_title=f" {normalise(title)} "[:300],
        match_names="|" + "".join(f" {name} |" for name in all_names if name)[:999],
        match_text=f" {' '.join(all_names)} {normalise(body)} ",
    )
    if connection.vendor == "postgresql":
        # Computed by the database in the INSERT itself, in the language's configuration.
        config = search_config(code)
        entry.vector = SearchVector(
            Value(title), Value(names), weight="A", config=config
        ) + SearchVector(Value(body), weight="B", config=config)
    return entry


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def reindex(kind, ids):
    """Write the index rows of these objects of `kind` again: rows of objects that are gone
    or no longer public disappear. A few queries per thousand objects."""
    kind = Kind(kind)
    for chunk in _chunks(ids):
        with transaction.atomic():
            entries = [_entry(kind, row) for row in BUILDERS[kind](chunk)]
            SearchEntry.objects.of(kind, chunk).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


# PostgreSQL's search indexes of the table (migrations 0002 and 0004): a whole rebuild drops
# them and builds them once at the end, much faster than updating them row by row.
POSTGRESQL_INDEXES = {
    "search_entry_vector_gin": "USING gin (vector)",
    "search_entry_names_trgm_gist": "USING gist (match_title gist_trgm_ops) "
    "WHERE kind IN ('city', 'network')",
}


def rebuild(stdout=None):
    """The whole index again, kind by kind, reading the objects in batches by primary key.
    Returns the number of rows per kind."""
    counts = {}
    postgresql = connection.vendor == "postgresql"
    table = SearchEntry._meta.db_table
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if postgresql:
            with connection.cursor() as cursor:
                for name in POSTGRESQL_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
        for kind, model in _models().items():
            written, last = 0, 0
            while True:
                ids = list(
                    model.objects.filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:BATCH]
                )
                if not ids:
                    break
                entries = [_entry(kind, row) for row in BUILDERS[kind](ids)]
                SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
                written += len(entries)
                last = ids[-1]
            counts[kind] = written
            if stdout is not None:
                stdout.write(f"{kind.label}: {written}")
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for name, definition in POSTGRESQL_INDEXES.items():
                    cursor.execute(f"CREATE INDEX {name} ON {table} {definition}")
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    _content_changed()
    return counts


# The queue --------------------------------------------------------------------------------

_queue = threading.local()


def queue(kind, ids):
    """Index these objects once the current transaction commits (at once without one)."""
    pending = getattr(_queue, "pending", None)
    if pending is None:
        pending = _queue.pending = defaultdict(set)
    pending[Kind(kind)].update(ids)
    # Every call registers the flush: after a rollback (whose callbacks Django drops) the
    # next commit still writes what is queued. Objects are read again when written, so an
    # object queued by a rolled-back transaction is written as it now stands.
    transaction.on_commit(flush, robust=True)


def flush():
    pending = getattr(_queue, "pending", None)
    if not pending:
        return
    _queue.pending = None
    for kind, ids in pending.items():
        reindex(kind, ids)
    _content_changed()


def _content_changed():
    """The page cache keys pages by a content version that every save bumps, before the
    index is written: bump it again, so that no search page rendered in between is kept."""
    from urbact_portal.cache import bump_content_version

    bump_content_version()


# Signals ----------------------------------------------------------------------------------


def _on_article(sender, instance, **kwargs):
    queue(Kind.ARTICLE, [instance.pk])


def _on_update(sender, instance, **kwargs):
    queue(Kind.UPDATE, [instance.pk])


def _on_output(sender, instance, **kwargs):
    queue(Kind.OUTPUT, [instance.pk])


def _on_network(sender, instance, **kwargs):
    from networks.models import Output, ProgressUpdate

    queue(Kind.NETWORK, [instance.pk])
    if kwargs.get("signal") is post_delete:
        return  # its updates and outputs go with it, each with its own signal
    # Outputs name their network; updates' addresses carry its slug.
    queue(Kind.OUTPUT, Output.objects.filter(network=instance).values_list("pk", flat=True))
    if kwargs.get("created") is False and _address_changed(Kind.NETWORK, instance):
        queue(
            Kind.UPDATE,
            ProgressUpdate.objects.filter(network=instance).values_list("pk", flat=True),
        )


def _address_changed(kind, instance):
    stored = (
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk)
        .values_list("language", "url")
        .order_by()
    )
    return any(url != _url(instance, code) for code, url in stored) or not stored


def _on_city(sender, instance, **kwargs):
    from networks.models import Output

    queue(Kind.CITY, [instance.pk])
    if kwargs.get("signal") is not post_delete:
        queue(
            Kind.OUTPUT,
            Output.objects.filter(membership__city=instance).values_list("pk", flat=True),
        )


def _on_country(sender, instance, **kwargs):
    queue(Kind.CITY, instance.cities.values_list("pk", flat=True))


def _on_good_practice(sender, instance, **kwargs):
    # Before a deletion too: the networks' link is then cleared without a signal of theirs.
    queue(Kind.NETWORK, instance.networks.values_list("pk", flat=True))


def connect_signals():
    from cities.models import City, Country
    from networks.models import GoodPractice, Network, Output, ProgressUpdate
    from news.models import Article

    handlers = [
        (Article, _on_article),
        (ProgressUpdate, _on_update),
        (Output, _on_output),
        (Network, _on_network),
        (City, _on_city),
    ]
    for model, handler in handlers:
        uid = f"search-{model._meta.label}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_on_country, sender=Country, dispatch_uid="search-country-save")
    post_save.connect(_on_good_practice, sender=GoodPractice, dispatch_uid="search-practice-save")
    pre_delete.connect(
        _on_good_practice, sender=GoodPractice, dispatch_uid="search-practice-delete"
    )


def queue_objects(objects):
    """Queue saved instances of the indexed models (others are ignored): for writes made in
    bulk, which send no signals."""
    kinds = {model: kind for kind, model in _models().items()}
    by_kind = defaultdict(set)
    for obj in objects:
        kind = kinds.get(type(obj))
        if kind is not None and obj.pk is not None:
            by_kind[kind].add(obj.pk)
    for kind, ids in by_kind.items():
        queue(kind, ids)
