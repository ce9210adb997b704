"""The content version: one number in the database (`core.models.ContentVersion`) that every
write of public content moves forward in its own transaction.

- Single saves, deletes and many-to-many changes of the content apps' models move it
  through their signals (`connect_invalidation`, called by each app's `ready()`); writes
  that send no signals (`bulk_create`, `QuerySet.update`/`delete`, an import, a restore) call
  `bump_content_version()` themselves (`tests/test_write_paths.py` goes through each).
  `loaddata` sends the signals.
- The value only moves forward: the later of now in microseconds and one more than the stored
  value, so a version made after another is higher even when the table was emptied or an
  older backup restored.
- Written in the transaction of the edit, it is committed or rolled back with it: an edit
  from another process (a management command, the shell) reaches the pages as soon as it
  commits, whatever state the cache is in.
- A scheduled publication (an article with a future publication time) moves the version
  when its time comes: a bump of a model that schedules publications (or a bulk write)
  stores the next such time (`schedule_publications`), and the first request after it
  moves the version once.
- A request reads it at most once; a process holds what it read for
  `CONTENT_VERSION_HOLD_SECONDS` (1), so another process's edit shows within that time.
  Each bump sends `content_changed` (the tallies of `networks.models.tallies` follow it).
"""

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, IntegrityError, router, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from .models import ContentVersion

logger = logging.getLogger(__name__)

ROW = 1

# Sent by every bump with the model written (None for a bulk write).
content_changed = Signal()

#: Functions giving the next moment some content goes public by itself (an article with a
#: future publication time), or None, and the models whose writes can move that moment: apps
#: add theirs from `ready()` through `schedule_publications`.
publication_schedules = []
scheduling_models = set()


def schedule_publications(find, model):
    """`find()` gives the next moment some of `model`'s rows go public (or change on the
    pages) by themselves; only a write of `model` (or a bulk write) can move it."""
    publication_schedules.append(find)
    scheduling_models.add(model)


def next_publication():
    """The next scheduled publication of any content, or None."""
    moments = [moment for find in publication_schedules if (moment := find()) is not None]
    return min(moments, default=None)


class _Held:
    """The version this process read last, and until when (monotonic) it holds it; `last`,
    the last one it read, which it falls back to while the database cannot be reached (no
    edit can be written then either)."""

    lock = threading.Lock()
    value = None
    next_publication = None
    until = 0.0
    last = None


def forget_held():
    with _Held.lock:
        _Held.value = _Held.last = None
        _Held.until = 0.0


def _now_microseconds():
    return time.time_ns() // 1000


def bump_content_version(sender=None, **kwargs):
    """Move the version forward in the current transaction (every write of content, through
    its signals or explicitly after a write that sends none)."""
    changes = {"value": Greatest(F("value") + 1, Value(_now_microseconds()))}
    # Worked out again only when the write may have moved it: a save of another model (most
    # writes; an import makes hundreds) leaves the stored moment as it was.
    if sender is None or sender in scheduling_models:
        changes["next_publication"] = next_publication()
    versions = ContentVersion.objects.using(router.db_for_write(ContentVersion))
    if not versions.filter(pk=ROW).update(**changes):
        _create_row(versions)
    forget_held()
    # Read again once the write is visible to every request of this process.
    transaction.on_commit(forget_held, robust=True)
    content_changed.send(sender=sender)


def _create_row(versions):
    try:
        with transaction.atomic(using=versions.db):
            versions.create(
                pk=ROW,
                value=_now_microseconds(),
                next_publication=next_publication(),
            )
    except IntegrityError:  # made by another request in the meantime
        versions.filter(pk=ROW).update(value=Greatest(F("value") + 1, Value(_now_microseconds())))


def connect_invalidation(app_config):
    """Every save and delete of a model of `app_config` moves the content version (and any
    change of a many-to-many relation): each app of content calls this from its `ready()`."""
    for model in app_config.get_models():
        if getattr(model, "content_derived", False):
            continue  # written from the content, on its bump
        uid = f"content-version-{model._meta.label}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-delete")
        # The model's own many-to-many relations only: a change of another app's relation
        # (a group's permissions, made while migrating) is no content.
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                bump_content_version, sender=through, dispatch_uid=f"{uid}-{field.name}-m2m"
            )


def content_version():
    """The current version, read from the database at most once a second in this process
    (never held while inside a transaction, which may see its own uncommitted bump). When a
    scheduled publication has come, the version moves once, by the first to notice."""
    now = time.monotonic()
    if _Held.value is not None and now < _Held.until:
        value, moment = _Held.value, _Held.next_publication
        if moment is None or moment > timezone.now():
            return value
        _publication_came(moment)
    try:
        value, moment = _read()
    except DatabaseError:
        if _Held.last is None:
            raise
        logger.warning("The database cannot be reached: pages stored under the last version read.")
        return _Held.last
    _Held.last = value
    if moment is not None and moment <= timezone.now():
        _publication_came(moment)
        value, moment = _read()
    if not transaction.get_connection().in_atomic_block:
        with _Held.lock:
            _Held.value, _Held.next_publication = value, moment
            _Held.until = now + settings.CONTENT_VERSION_HOLD_SECONDS
    return value


def _read():
    row = ContentVersion.objects.filter(pk=ROW).values_list("value", "next_publication").first()
    if row is None:
        bump_content_version()
        row = ContentVersion.objects.filter(pk=ROW).values_list("value", "next_publication")[0]
    return row


def _publication_came(moment):
    versions = ContentVersion.objects.using(router.db_for_write(ContentVersion))
    versions.filter(pk=ROW, next_publication=moment).update(
        value=Greatest(F("value") + 1, Value(_now_microseconds())),
        next_publication=next_publication(),
    )
    forget_held()
