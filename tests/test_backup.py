"""`make backup` and `make restore`: a portal with content, media and private media is backed
up, restored into an empty database and empty folders, and compared model by model.

Each step runs as the operator would run it: `make` in a separate process, with the database
and folders given by the environment (SQLite files, and on PostgreSQL databases of their own
on the local server)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

POPULATE = """
import datetime
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import translation
from networks.models import UpdateAttachment
from tests.factories import (
    ArticleFactory, CityFactory, CountryFactory, EventFactory, MembershipFactory,
    NetworkFactory, PhaseFactory, ProgressUpdateFactory, ThemeFactory,
)

with translation.override("lv"):
    latvia = CountryFactory(code="LV", name_lv="Latvija", name_en="Latvia")
    riga = CityFactory(country=latvia, slug="riga", name_lv="Rīga", name_en="Riga")
    network = NetworkFactory(slug="active-ngos", name_lv="Aktīvas NVO", name_en="Active NGOs")
    network.themes.add(ThemeFactory(), ThemeFactory())
    MembershipFactory(network=network, city=riga, role="lead_partner")
    for _ in range(3):
        MembershipFactory(network=network)
    PhaseFactory(network=network)
    update = ProgressUpdateFactory(network=network, slug="kick-off")
    UpdateAttachment.objects.create(
        update=update, kind="document", file=ContentFile(b"%PDF-1.4 report", name="report.pdf"),
        original_name="report.pdf", content_type="application/pdf", size=15,
    )
    EventFactory(network=network)
    article = ArticleFactory(slug="zina", title_lv="Ziņa", title_en="News")
    article.networks.add(network)
    article.image_alt_lv, article.image_alt_en = "Vāks", "The cover"
    article.image.save("cover.png", ContentFile(b"not really a png"), save=True)
    editor = User.objects.create_user("editor", "e@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get(name="NCP editor"))
"""

COUNTS = """
import json
from urbact_portal.backup import row_counts
print("COUNTS " + json.dumps(row_counts()))
"""


def run(arguments, environment, check=True):
    result = subprocess.run(
        arguments, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(environment, *arguments):
    return run([PYTHON, "manage.py", *arguments], environment)


def make(environment, target, folder, check=True):
    # -o: never reinstall the virtualenv from a test.
    return run(
        ["make", "-o", ".venv/.installed", target, f"BACKUP_DIR={folder}"], environment, check
    )


def counts(environment):
    output = manage(environment, "shell", "-c", COUNTS).stdout
    line = next(line for line in output.splitlines() if line.startswith("COUNTS "))
    return json.loads(line.removeprefix("COUNTS "))


def files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def portal(tmp_path, name, database_url):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "REDIS_URL", "DATABASE_URL"))
    }
    environment.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / name / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / name / "private"),
        DEBUG="true",
    )
    return environment


def _postgres_available():
    if shutil.which("psql") is None or shutil.which("pg_dump") is None:
        return False
    probe = subprocess.run(
        ["psql", PG_SERVER + "/postgres", "-Atc", "select 1"], capture_output=True, text=True
    )
    return probe.returncode == 0


def _fresh_pg_database(name):
    for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", statement], check=True)
    return f"{PG_SERVER}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    # On the database the suite runs on: CI runs the suite on each at the same time, and the
    # two runs would otherwise share the PostgreSQL databases below.
    if request.param != connection.vendor:
        pytest.skip(f"the {request.param} backup runs with the suite on {request.param}")
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    if not _postgres_available():
        pytest.skip("no PostgreSQL server on 127.0.0.1")
    names = ["urbact_backup_source", "urbact_backup_empty"]
    yield tuple(_fresh_pg_database(name) for name in names)
    for name in names:
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"])


def test_a_backup_restores_into_an_empty_database(tmp_path, databases):
    source_url, empty_url = databases
    source = portal(tmp_path, "source", source_url)
    manage(source, "migrate", "--no-input", "-v", "0")
    manage(source, "shell", "-c", POPULATE)
    before = counts(source)
    assert before["networks.Network"] == 1 and before["networks.UpdateAttachment"] == 1
    assert before["networks.HistoricalNetwork"] >= 1  # the history goes too

    folder = tmp_path / "backup"
    make(source, "backup", folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"] == before
    assert manifest["files"] == {"media": 1, "private_media": 1}
    dump = "database.pgdump" if source_url.startswith("postgres") else "database.json"
    assert (folder / dump).is_file()

    target = portal(tmp_path, "target", empty_url)
    result = make(target, "restore", folder)
    assert "every model has its row count" in result.stdout
    after = counts(target)
    assert after == before
    for store in ("media", "private"):
        assert files(tmp_path / "target" / store) == files(tmp_path / "source" / store)
        assert files(tmp_path / "target" / store)

    # A second restore over the restored database gives the same again.
    make(target, "restore", folder)
    assert counts(target) == before


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    target = portal(tmp_path, "target", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    (tmp_path / "nothing").mkdir()
    result = make(target, "restore", tmp_path / "nothing", check=False)
    assert result.returncode != 0
    assert "not a backup" in result.stderr


def test_the_targets_ask_for_the_folder(tmp_path):
    environment = portal(tmp_path, "x", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = run(["make", "-o", ".venv/.installed", "backup"], environment, check=False)
    assert result.returncode != 0
    assert "BACKUP_DIR=" in result.stdout
