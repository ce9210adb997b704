"""Keeping the search index current.

`SearchEntry` rows are worked out from the indexed models by `search.documents`; this module
writes them. Saving or deleting an indexed object queues it; the queue is written once the
transaction commits (`transaction.on_commit`), so a rolled-back edit never reaches the index
and a save inside a long transaction costs one write at its end.
`rebuild()` (the `rebuild_search_index` command) writes the whole index again, in batches.

Writes that skip the models' signals (`bulk_create`, `QuerySet.update`, raw SQL) do not
reach the index: call `queue()` after them, or run the command.
"""

import logging
import threading
from collections import defaultdict

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from core.signals import saved_in_bulk

from .documents import BUILDERS, _entry, _models, _url, languages, search_config
from .models import Kind, SearchEntry

# The public names; `languages` and `search_config` are defined in `search.documents`.
__all__ = [
    "connect_signals",
    "flush",
    "languages",
    "queue",
    "queue_objects",
    "rebuild",
    "reindex",
    "search_config",
]

logger = logging.getLogger(__name__)

# Objects read per query and rows written per statement.
BATCH = 1000

# Writing ----------------------------------------------------------------------------------


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
    index is written: bump it again, so that no search page rendered in between is kept.
    (It names the index as what was written: nothing derived from the content depends on it.)"""
    from core.cache import bump_content_version

    bump_content_version(sender=SearchEntry)


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
    if instance.good_practice_id:
        queue(Kind.PRACTICE, [instance.good_practice_id])  # its entry names the network
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
    # A city just made has no outputs or practices yet; a deleted one takes them along.
    if not kwargs.get("created") and kwargs.get("signal") is not post_delete:
        queue(
            Kind.OUTPUT,
            Output.objects.filter(membership__city=instance).values_list("pk", flat=True),
        )
        # A practice's entry names its city.
        queue(Kind.PRACTICE, instance.good_practices.values_list("pk", flat=True))


def _on_country(sender, instance, **kwargs):
    queue(Kind.CITY, instance.cities.values_list("pk", flat=True))


def _on_good_practice(sender, instance, **kwargs):
    # Before a deletion too: the networks' link is then cleared without a signal of theirs.
    queue(Kind.NETWORK, instance.networks.values_list("pk", flat=True))
    queue(Kind.PRACTICE, [instance.pk])


def _on_saved_in_bulk(sender, objects, **kwargs):
    queue_objects(objects)


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
    saved_in_bulk.connect(_on_saved_in_bulk, dispatch_uid="search-saved-in-bulk")


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
