"""Rows made once a run and written again in bulk for every later test that needs the same:
the demo for the tests that ask for it (`tests.conftest.demo`), and any data a test builds
the same way each time (`replay`).

Loading the demo saves some 400 objects one by one, each with its signals: seconds per test,
and 157 tests ask for it. The first time, what the making changed is recorded, table by table
(rows added, changed, removed), with the files it wrote; a later test that starts from the
same database (the same rows counted and the same highest key in every table) gets the same
rows written in bulk and the same files copied, then the content version moved as a save
moves it. A test that starts from another database (a row made by a fixture before the
demo) makes the data itself.
"""

import io
import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection


def _tables():
    """Every table of a model with its key column, and the models (for the sequences). Not
    the tables worked out from the content (the tallies): the bump after a replay has them
    worked out again, and their keys, taken anew by every test on PostgreSQL, would make
    every database look different."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if getattr(model, "content_derived", False):
            continue
        if meta.managed and not meta.proxy and meta.db_table not in found:
            found[meta.db_table] = (meta.pk.column, model)
    return found


def _quote(name):
    return connection.ops.quote_name(name)


def _adapt(value):
    """A value as read back, ready to be written (PostgreSQL's JSON comes back decoded)."""
    if connection.vendor == "postgresql" and isinstance(value, (dict, list)):
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return value


def _rows(cursor, table, key):
    cursor.execute(f"SELECT * FROM {_quote(table)}")
    columns = [column[0] for column in cursor.description]
    at = columns.index(key)
    return columns, {row[at]: row for row in cursor.fetchall()}


def _fingerprint(cursor, tables):
    found = []
    for table, (key, _model) in sorted(tables.items()):
        cursor.execute(
            f"SELECT COUNT(*), MAX(CAST({_quote(key)} AS VARCHAR(100))) FROM {_quote(table)}"
        )
        found.append((table, *cursor.fetchone()))
    return tuple(found)


class _Recorded:
    def __init__(self):
        self.vendor = None
        self.fingerprint = None
        self.changes = None  # table: (columns, added, changed, removed keys)
        self.media = None  # folder: a copy of what the making wrote to MEDIA_ROOT and private


_recordings = {}


def _media_roots():
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def load():
    """The demo in the test's database, as `load_demo` leaves it."""
    replay("demo", lambda: call_command("load_demo", verbosity=0, stdout=io.StringIO()))


def replay(name, make):
    """What `make()` writes, made by it the first time (and whenever the database differs
    from that first time's), written again from its rows otherwise."""
    recorded = _recordings.setdefault(name, _Recorded())
    tables = _tables()
    with connection.cursor() as cursor:
        fingerprint = _fingerprint(cursor, tables)
        if recorded.vendor == connection.vendor and recorded.fingerprint == fingerprint:
            _write(cursor, tables, recorded)
            return
        before = {table: _rows(cursor, table, key) for table, (key, _m) in tables.items()}
        make()
        if recorded.fingerprint is not None:
            return  # another starting point: made, not recorded over the first
        changes = {}
        for table, (key, _model) in tables.items():
            columns, after = _rows(cursor, table, key)
            old = before[table][1]
            added = [row for pk, row in after.items() if pk not in old]
            changed = [row for pk, row in after.items() if pk in old and old[pk] != row]
            removed = [pk for pk in old if pk not in after]
            if added or changed or removed:
                changes[table] = (columns, added, changed, removed)
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-media-"))
    for part, root in _media_roots().items():
        if root.exists():
            shutil.copytree(root, folder / part)
    recorded.vendor, recorded.fingerprint = connection.vendor, fingerprint
    recorded.changes, recorded.media = changes, folder


def _write(cursor, tables, recorded):
    from core.cache import bump_content_version

    for table, (columns, added, changed, removed) in recorded.changes.items():
        key = tables[table][0]
        quoted = _quote(table)
        if removed:
            marks = ", ".join(["%s"] * len(removed))
            cursor.execute(f"DELETE FROM {quoted} WHERE {_quote(key)} IN ({marks})", removed)
        at = columns.index(key)
        for row in changed:
            assignments = ", ".join(f"{_quote(column)} = %s" for column in columns)
            cursor.execute(
                f"UPDATE {quoted} SET {assignments} WHERE {_quote(key)} = %s",
                [*map(_adapt, row), row[at]],
            )
        if added:
            names = ", ".join(map(_quote, columns))
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quoted} ({names}) VALUES ({marks})",
                [list(map(_adapt, row)) for row in added],
            )
    models = [tables[table][1] for table in recorded.changes]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)
    for part, root in _media_roots().items():
        if (recorded.media / part).exists():
            shutil.copytree(recorded.media / part, root, dirs_exist_ok=True)
    # What the load's saves do besides their rows: the pages, the tallies and this process
    # learn that the content changed.
    bump_content_version()
