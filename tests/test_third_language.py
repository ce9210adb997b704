"""A third language is a settings change: `PORTAL_LANGUAGES=lv,en,lt`, a migration for the
new columns, and (not needed to run) its translations.

modeltranslation adds a column per language to every translated field when the models are
imported, so a real third language cannot be switched on inside this test process, where
the models were built with Latvian and English. The test runs the portal in a subprocess
with the environment variable set, as a deployment would, on a fresh SQLite file under
`tmp_path`:

- the project's migration packages are copied next to that file and the subprocess's
  settings point `MIGRATION_MODULES` at the copies, so that `makemigrations` can write the
  Lithuanian columns' migrations there (the deployment's step) without touching the
  checkout; every existing migration, data migrations included (the editor groups, the
  statement pages), then runs as it does in production, followed by the new ones;
- a script in the subprocess creates a network and an article with Lithuanian texts and asks
  the admin, the public pages and the API for them through Django's test client, and prints
  what it saw as JSON, which the assertions below read.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from core import languages
from core.country import country_name, country_name_after_in
from core.groups import NCP_EDITOR, PARTNER_EDITOR

PROJECT = Path(__file__).resolve().parent.parent
APPS_WITH_MIGRATIONS = ["urbact_portal", "cities", "networks", "news", "pages", "search", "calls"]

SETTINGS = """
from urbact_portal.settings import *  # noqa: F403

MIGRATION_MODULES = {{app: f"third_language_migrations.{{app}}" for app in {apps!r}}}
"""

SCRIPT = r"""
import json

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import timezone

from cities.models import Country
from networks.models import Network, NetworkType, Programme
from news.models import Article
from pages.models import Page

setup_test_environment()
Country.objects.create(code="LV", name_lv="Latvija", name_en="Latvia", name_lt="Latvija")
programme = Programme.objects.get(slug="urbact-iii")  # created by migrate
network_type = NetworkType.objects.get(slug="transfer-network")
network_type.name_lt = "Gerosios praktikos perdavimo tinklas"
network_type.save()
network = Network.objects.create(
    slug="active-ngos",
    acronym="ACTive NGOs",
    name_lv="Aktīvās NVO",
    name_en="Active NGOs",
    name_lt="Aktyvios NVO",
    summary_lt="<p>Rygos NVO namai perduodami partneriams.</p>",
    network_type=network_type,
    programme=programme,
)
article = Article.objects.create(
    slug="tinklai-patvirtinti",
    title_lv="Apstiprināti 23 tīkli",
    body_lv="<p>Teksts.</p>",
    title_en="23 networks approved",
    body_en="<p>Text.</p>",
    title_lt="Patvirtinti 23 tinklai",
    body_lt="<p>Stebėsenos komitetas patvirtino tinklus.</p>",
    status="published",
    published_at=timezone.now(),
)
article.networks.add(network)

visitor = Client()
editor = Client()
editor.force_login(
    get_user_model().objects.create_superuser("editor", "editor@example.org", "not-used-1")
)


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    return {"status": response.status_code, "html": response.content.decode()}


print(json.dumps({
    "languages": [code for code, _name in settings.LANGUAGES],
    "modeltranslation": list(settings.MODELTRANSLATION_LANGUAGES),
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "statement_pages": Page.objects.count(),
    "root": visitor.get("/", headers={"accept-language": "lt"}).headers.get("Location"),
    "pages": {
        path: get(visitor, path)
        for path in [
            "/lt/",
            "/lv/",
            "/lt/networks/",
            "/lt/networks/active-ngos/",
            "/lt/news/",
            "/lt/news/tinklai-patvirtinti/",
            "/lt/search/?q=stebesenos",
            "/lt/countries/lv/",
        ]
    },
    "admin": {
        name: get(editor, path)
        for name, path in [
            ("network", f"/admin/networks/network/{network.pk}/change/"),
            ("new network", "/admin/networks/network/add/"),
            ("article", f"/admin/news/article/{article.pk}/change/"),
            ("new country", "/admin/cities/country/add/"),
        ]
    },
    "api": json.loads(visitor.get("/api/v1/networks").content),
}))
"""


@pytest.fixture(scope="module")
def third_language(tmp_path_factory):
    """What the portal answers with PORTAL_LANGUAGES=lv,en,lt (see the module's docstring),
    and the migrations `makemigrations` wrote for it."""
    work = tmp_path_factory.mktemp("third_language")
    migrations = work / "third_language_migrations"
    migrations.mkdir()
    (migrations / "__init__.py").write_text("")
    for app in APPS_WITH_MIGRATIONS:
        shutil.copytree(
            PROJECT / app / "migrations",
            migrations / app,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    before = {app: set(os.listdir(migrations / app)) for app in APPS_WITH_MIGRATIONS}

    def checkout_migrations():
        return {
            app: set((PROJECT / app / "migrations").glob("*.py")) for app in APPS_WITH_MIGRATIONS
        }

    checkout = checkout_migrations()
    (work / "third_language_settings.py").write_text(SETTINGS.format(apps=APPS_WITH_MIGRATIONS))
    (work / "check.py").write_text(SCRIPT)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PORTAL_", "PYTEST_"))
    } | {
        "DJANGO_SETTINGS_MODULE": "third_language_settings",
        "PYTHONPATH": os.pathsep.join([str(work), str(PROJECT)]),
        "PORTAL_LANGUAGES": "lv,en,lt",
        "DATABASE_URL": f"sqlite:///{work / 'portal.sqlite3'}",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "DEBUG": "true",
        "STAFF_TWO_FACTOR": "false",
        "PAGE_CACHE_SECONDS": "0",
    }

    def run(*args):
        result = subprocess.run(
            [sys.executable, *args],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage = str(PROJECT / "manage.py")
    run(manage, "makemigrations", "--no-input", "-v", "0")
    run(manage, "migrate", "--no-input", "-v", "0")
    seen = json.loads(run(str(work / "check.py")).splitlines()[-1])
    seen["new_migrations"] = {
        app: sorted(set(os.listdir(migrations / app)) - before[app] - {"__pycache__"})
        for app in APPS_WITH_MIGRATIONS
    }
    seen["checkout_untouched"] = checkout == checkout_migrations()
    seen["migration_texts"] = {
        app: [(migrations / app / name).read_text() for name in names]
        for app, names in seen["new_migrations"].items()
    }
    return seen


@pytest.mark.own_database
def test_the_settings_follow_the_variable(third_language):
    assert third_language["languages"] == ["lv", "en", "lt"]
    assert third_language["modeltranslation"] == ["lv", "en", "lt"]


CONSTRAINT_OPERATION = re.compile(
    r"^        migrations\.(?:Remove|Add)Constraint\(.*?^        \),\n",
    flags=re.MULTILINE | re.DOTALL,
)
CONSTRAINT_NAME = re.compile(r"(?<!\w)name='(\w+)'")


@pytest.mark.own_database
def test_the_deployment_migration_adds_only_the_new_columns(third_language):
    assert third_language["checkout_untouched"]
    new = third_language["new_migrations"]
    # Every app with translated fields gets one migration; the others none.
    translated = {"calls", "cities", "networks", "news", "pages"}
    assert {app for app, names in new.items() if names} == translated
    for texts in third_language["migration_texts"].values():
        for text in texts:
            # A picture's description is required in every language: that check is made again
            # with the new language's column, and is the only other change.
            for operation in CONSTRAINT_OPERATION.findall(text):
                (name,) = CONSTRAINT_NAME.findall(operation)
                assert name.endswith("_image_described"), text
            text = CONSTRAINT_OPERATION.sub("", text)
            operations = re.findall(r"^        migrations\.(\w+)\(", text, flags=re.MULTILINE)
            operations = [name for name in operations if name != "swappable_dependency"]
            added = re.findall(r"^\s+name='(\w+)',$", text, flags=re.MULTILINE)
            # The new columns, and the index of the networks' order in the new language.
            indexes = re.findall(r"index=models\.Index\(.*, name='(\w+)'\),$", text, flags=re.M)
            assert set(operations) <= {"AddField", "AddIndex"}, text
            assert len(added) == operations.count("AddField"), text
            assert len(indexes) == operations.count("AddIndex"), text
            assert all(name.endswith("_lt") for name in added + indexes), text
    # The existing data migrations ran as in production: the editor groups, the statements.
    assert third_language["groups"] == sorted([NCP_EDITOR, PARTNER_EDITOR])
    assert third_language["statement_pages"] >= 2


@pytest.mark.own_database
def test_the_admin_forms_have_a_lithuanian_tab_for_every_translated_field(third_language):
    network_form = third_language["admin"]["network"]
    assert network_form["status"] == 200
    for field in ["name", "summary", "goals", "challenges"]:
        for code in ["lv", "en", "lt"]:
            assert f'name="{field}_{code}"' in network_form["html"]
    assert 'value="Aktyvios NVO"' in network_form["html"]
    assert 'name="name_lt"' in third_language["admin"]["new network"]["html"]
    article_form = third_language["admin"]["article"]
    assert article_form["status"] == 200
    assert 'name="title_lt"' in article_form["html"] and 'name="body_lt"' in article_form["html"]
    assert 'value="Patvirtinti 23 tinklai"' in article_form["html"]
    assert 'name="name_lt"' in third_language["admin"]["new country"]["html"]


@pytest.mark.own_database
def test_the_public_pages_answer_in_lithuanian(third_language):
    pages = third_language["pages"]
    for path, page in pages.items():
        assert page["status"] == 200, path
    for path in [path for path in pages if path.startswith("/lt/")]:
        assert '<html lang="lt">' in pages[path]["html"], path
    assert "Patvirtinti 23 tinklai" in pages["/lt/"]["html"]
    assert "Patvirtinti 23 tinklai" in pages["/lt/news/tinklai-patvirtinti/"]["html"]
    assert "Aktyvios NVO" in pages["/lt/networks/active-ngos/"]["html"]
    assert "Rygos NVO namai" in pages["/lt/networks/active-ngos/"]["html"]
    assert 'property="og:locale" content="lt_LT"' in pages["/lt/"]["html"]
    # The search index holds the Lithuanian text, found without its accents.
    assert "Patvirtinti 23 tinklai" in pages["/lt/search/?q=stebesenos"]["html"]
    # Latvian stays as it was.
    assert '<html lang="lv">' in pages["/lv/"]["html"]
    assert "Apstiprināti 23 tīkli" in pages["/lv/"]["html"]


@pytest.mark.own_database
def test_the_language_switcher_and_the_alternates_offer_lithuanian(third_language):
    home = third_language["pages"]["/lv/"]["html"]
    assert '<a href="/lt/" hreflang="lt" lang="lt">Lietuviškai</a>' in home
    assert '<link rel="alternate" hreflang="lt" href="http://testserver/lt/">' in home
    article = third_language["pages"]["/lt/news/tinklai-patvirtinti/"]["html"]
    assert '<span aria-current="true" lang="lt">Lietuviškai</span>' in article
    # A visitor whose browser prefers Lithuanian is sent there.
    assert third_language["root"] == "/lt/"


@pytest.mark.own_database
def test_the_api_gives_every_language(third_language):
    network = third_language["api"]["items"][0]
    assert network["name"] == {"lv": "Aktīvās NVO", "en": "Active NGOs", "lt": "Aktyvios NVO"}


# The helpers, in this process (Latvian and English) ------------------------------------


def test_field_lists_follow_the_languages():
    assert languages.codes() == ["lv", "en"]
    assert languages.localized("name", "city__name") == [
        "name_lv",
        "name_en",
        "city__name_lv",
        "city__name_en",
    ]
    assert languages.in_default_language("title") == "title_lv"
    assert languages.in_programme_language("title") == "title_en"


def test_open_graph_locales():
    assert [languages.open_graph_locale(code) for code in ["lv", "en", "lt"]] == [
        "lv_LV",
        "en_GB",
        "lt_LT",
    ]


def test_the_country_is_named_from_the_setting(settings):
    with translation.override("lv"):
        assert (country_name(), country_name_after_in()) == ("Latvija", "Latvijā")
    with translation.override("en"):
        assert (country_name(), country_name_after_in()) == ("Latvia", "Latvia")
    settings.PORTAL_COUNTRY = "LT"
    with translation.override("lv"):
        # No Latvian locative of Lithuania in the catalogue: the name as it is.
        assert (country_name(), country_name_after_in()) == ("Lietuva", "Lietuva")
    with translation.override("en"):
        assert country_name_after_in() == "Lithuania"


def test_the_home_page_names_the_configured_country(client, db, settings):
    assert '<h1 id="page-title">URBACT Latvijā</h1>' in client.get("/lv/").content.decode()
    settings.PORTAL_COUNTRY = "EE"
    assert '<h1 id="page-title">URBACT in Estonia</h1>' in client.get("/en/").content.decode()
    assert "<title>URBACT in Estonia · URBACT</title>" in client.get("/en/").content.decode()


@pytest.mark.parametrize("value", ["lv,xx", "lv,en,lv", "zh-cn"])
def test_a_language_django_does_not_know_is_refused(value):
    result = subprocess.run(
        [sys.executable, "-c", "import urbact_portal.settings"],
        cwd=PROJECT,
        env=os.environ | {"PORTAL_LANGUAGES": value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert ImproperlyConfigured.__name__ in result.stderr and "PORTAL_LANGUAGES" in result.stderr


def test_the_default_languages_are_latvian_and_english():
    assert [code for code, _name in settings.LANGUAGES] == ["lv", "en"]
    assert settings.LANGUAGE_CODE == settings.MODELTRANSLATION_DEFAULT_LANGUAGE == "lv"
