"""Backing up and restoring the portal: the database, the media and the private media.

A backup is a folder: `manifest.json` (when, from which database, how many rows per model),
the database (`database.pgdump` from pg_dump's custom format on PostgreSQL, or
`database.json` from dumpdata elsewhere, which loads into any database) and the two file
stores as `media.tar.gz` and `private_media.tar.gz`. A restore replaces the database's
content and both stores with the backup's, then checks the row counts against the manifest.
"""

import datetime
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
JSON_DUMP = "database.json"
STORES = {"media": "MEDIA_ROOT", "private_media": "PRIVATE_MEDIA_ROOT"}
# Created again by `migrate` (content types, permissions), or rebuilt from the content after
# loading (the search index): not part of a dumpdata backup.
NOT_DUMPED = ["contenttypes", "auth.permission", "search.searchentry"]


class BackupError(Exception):
    pass


def row_counts():
    """Rows per model (many-to-many tables included), by label."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._base_manager.count()
    return dict(sorted(counts.items()))


def _pg_arguments():
    options = connection.settings_dict
    arguments = ["--dbname", options["NAME"]]
    if options.get("HOST"):
        arguments += ["--host", str(options["HOST"])]
    if options.get("PORT"):
        arguments += ["--port", str(options["PORT"])]
    if options.get("USER"):
        arguments += ["--username", options["USER"]]
    environment = {**os.environ}
    if options.get("PASSWORD"):
        environment["PGPASSWORD"] = options["PASSWORD"]
    return arguments, environment


def _run(command, environment):
    try:
        subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools).") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None


def _pack(source, target):
    with tarfile.open(target, "w:gz") as archive:
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                archive.add(path, arcname=path.relative_to(source).as_posix(), recursive=False)


def _unpack(archive_path, target):
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(target, filter="data")  # no absolute paths, links out or devices


def _file_count(folder):
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def backup(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        arguments, environment = _pg_arguments()
        _run(
            ["pg_dump", "--format=custom", "--file", str(folder / PG_DUMP), *arguments], environment
        )
        database_file = PG_DUMP
    else:
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=NOT_DUMPED,
            output=str(folder / JSON_DUMP),
            verbosity=0,
        )
        database_file = JSON_DUMP
    files = {}
    for name, setting in STORES.items():
        root = Path(getattr(settings, setting))
        _pack(root, folder / f"{name}.tar.gz")
        files[name] = _file_count(root)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "database_file": database_file,
        "rows": row_counts(),
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def restore(folder):
    """Replace the database's content and the file stores with the backup in `folder`.
    Returns the manifest and the models whose row counts differ from it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder / MANIFEST}: not a backup ({error}).") from None
    database_file = folder / manifest["database_file"]
    if not database_file.is_file():
        raise BackupError(f"{database_file} is missing.")
    for name in STORES:
        if not (folder / f"{name}.tar.gz").is_file():
            raise BackupError(f"{folder / f'{name}.tar.gz'} is missing.")
    if database_file.name == PG_DUMP and connection.vendor != "postgresql":
        raise BackupError("A pg_dump backup restores into PostgreSQL only.")
    # The files first: loading a picture's row reads its file for the picture's size.
    for name, setting in STORES.items():
        _unpack(folder / f"{name}.tar.gz", Path(getattr(settings, setting)))
    if database_file.name == PG_DUMP:
        connection.close()
        arguments, environment = _pg_arguments()
        _run(
            [
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                "--single-transaction", *arguments, str(database_file),
            ],
            environment,
        )  # fmt: skip
        call_command("migrate", interactive=False, verbosity=0)  # a backup of older code
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(database_file), verbosity=0, stdout=io.StringIO())
        if "rebuild_search_index" in _commands():
            call_command("rebuild_search_index", stdout=io.StringIO())
    from core.cache import bump_content_version

    bump_content_version()  # pg_restore sends no signals: pages cached before are stale
    counts = row_counts()
    differences = {
        label: (expected, counts.get(label))
        for label, expected in manifest["rows"].items()
        if counts.get(label) != expected
    }
    return manifest, differences


def _commands():
    from django.core.management import get_commands

    return get_commands()
