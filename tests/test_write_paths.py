"""Every write path moves the content version: a page cached before the write shows the
change after it. One test per path: the admin's saves, deletes and actions, the import (its
function, its command and its admin page), the management commands, loaddata, and the
services that write in bulk. A last test reads the code for writes that send no signal
(`bulk_create`, `bulk_update`, `QuerySet.update`, raw SQL) and asks that each such module
bumps the version."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from core.cache import content_version
from networks.admin_import import SESSION_KEY
from networks.importer.apply import import_networks
from networks.models import Network, PartnerEditor, Programme
from news.models import Article
from tests.csvdata import phase2_rows, to_csv, transfer_network_template
from tests.factories import (
    ArticleFactory,
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/en/networks/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def listed():
    latvia = CountryFactory(code="LV", name_en="Latvia")
    network = NetworkFactory(slug="active-ngos", name_en="Active NGOs")
    MembershipFactory(network=network, city=CityFactory(country=latvia), role="lead_partner")
    other = NetworkFactory(slug="re-growcity", name_en="Re-growCity")
    MembershipFactory(network=other, city=CityFactory(country=latvia), role="lead_partner")
    return network


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    return client


def cached(visitor, url):
    """The page as a visitor sees it, after making sure it is served from the cache."""
    first = visitor.get(url)
    again = visitor.get(url)
    assert again["X-Page-Cache"] == "hit"
    return first.content.decode()


def fresh(visitor, url):
    response = visitor.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the admin -----------------------------------------------------------------------------


def test_an_admin_save(visitor, superuser_client, listed):
    assert "URBACT III" in cached(visitor, "/en/networks/active-ngos/")
    programme = Programme.objects.get(slug="urbact-iii")
    response = superuser_client.post(
        f"/admin/networks/programme/{programme.pk}/change/",
        {"name": "URBACT Three", "slug": "urbact-iii", "start_year": 2014, "end_year": 2020},
    )
    assert response.status_code == 302
    assert "URBACT Three" in fresh(visitor, "/en/networks/active-ngos/")


def test_an_admin_delete(visitor, superuser_client, listed):
    assert "Re-growCity" in cached(visitor, LIST)
    other = Network.objects.get(slug="re-growcity")
    response = superuser_client.post(f"/admin/networks/network/{other.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "Re-growCity" not in fresh(visitor, LIST)


def test_the_admins_bulk_delete(visitor, superuser_client, listed):
    assert "Re-growCity" in cached(visitor, LIST)
    other = Network.objects.get(slug="re-growcity")
    response = superuser_client.post(
        "/admin/networks/network/",
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Network.objects.filter(pk=other.pk).exists()
    assert "Re-growCity" not in fresh(visitor, LIST)


def test_the_admins_publish_action(visitor, superuser_client, listed):
    article = ArticleFactory(title_en="Waiting in review", status="in_review")
    assert "Waiting in review" not in cached(visitor, "/en/")
    response = superuser_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).status == "published"
    assert "Waiting in review" in fresh(visitor, "/en/")


def test_a_link_between_rows(visitor, listed):
    theme = ThemeFactory(slug="shrinking", name_en="Shrinking cities")
    assert "Shrinking cities" not in cached(visitor, "/en/networks/active-ngos/")
    listed.themes.add(theme)  # m2m_changed
    assert "Shrinking cities" in fresh(visitor, "/en/networks/active-ngos/")


# --- the import ----------------------------------------------------------------------------


def new_network_csv():
    return to_csv(phase2_rows(networks=1, partners_per_network=2, newcomers=0))


def test_the_import_function(visitor, listed):
    transfer_network_template()
    assert "Network 01" not in cached(visitor, LIST)
    import_networks(new_network_csv())
    assert "Network 01" in fresh(visitor, LIST)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_import_bumps_once_after_its_transaction(listed, monkeypatch):
    from core import cache

    transfer_network_template()
    calls = []
    advance = cache.advance_content_version

    def counted():
        calls.append(Network.objects.filter(slug="network-01").exists())
        return advance()

    monkeypatch.setattr(cache, "advance_content_version", counted)
    from networks.importer import apply as importer

    importer_bumps = []
    bump = importer.bump_content_version
    monkeypatch.setattr(
        importer, "bump_content_version", lambda: importer_bumps.append(1) or bump()
    )
    import_networks(new_network_csv())
    # The import bumps once for the whole file (the search index, written after it, may
    # bump again), and every bump comes after the commit: the new rows were there to be seen.
    assert importer_bumps == [1]
    assert calls and all(calls)


def test_a_dry_run_or_an_unchanged_file_does_not_bump(listed):
    transfer_network_template()
    import_networks(new_network_csv())
    before = content_version()
    import_networks(new_network_csv(), dry_run=True)
    import_networks(new_network_csv())  # the same file again: nothing changes
    assert content_version() == before


def test_the_import_command(visitor, listed, tmp_path):
    transfer_network_template()
    assert "Network 01" not in cached(visitor, LIST)
    path = tmp_path / "networks.csv"
    path.write_text(new_network_csv(), encoding="utf-8")
    call_command("import_networks", str(path), stdout=io.StringIO())
    assert "Network 01" in fresh(visitor, LIST)


def test_the_import_in_the_admin(visitor, superuser_client, listed):
    transfer_network_template()
    assert "Network 01" not in cached(visitor, LIST)
    upload = SimpleUploadedFile("n.csv", new_network_csv().encode(), content_type="text/csv")
    url = "/admin/networks/network/import/"
    assert superuser_client.post(url, {"file": upload}).status_code == 200
    digest = superuser_client.session[SESSION_KEY]["digest"]
    assert superuser_client.post(url, {"confirm": "1", "digest": digest}).status_code == 302
    assert "Network 01" in fresh(visitor, LIST)


# --- commands, fixtures, services ----------------------------------------------------------


def test_load_demo(visitor):
    assert "/en/networks/active-ngos/" not in cached(visitor, LIST)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert "/en/networks/active-ngos/" in fresh(visitor, LIST)


def test_create_partner_editor(listed):
    before = content_version()
    call_command(
        "create_partner_editor", "anna@example.org", "--network", "active-ngos",
        stdout=io.StringIO(),
    )  # fmt: skip
    assert PartnerEditor.objects.exists()
    assert content_version() > before


def test_loaddata(visitor, listed, tmp_path):
    assert "Loaded from a fixture" not in cached(visitor, LIST)
    fixture = tmp_path / "network.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "networks.network",
                    "fields": {
                        "name_lv": "Ielādēts no datnes",
                        "name_en": "Loaded from a fixture",
                        "slug": "loaded",
                        "network_type": listed.network_type_id,
                        "programme": listed.programme_id,
                        "planned_start": "2019-01-01",
                        "planned_end": "2020-12-31",
                    },
                }
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert "Loaded from a fixture" in fresh(visitor, LIST)


def test_a_phase_from_its_template_with_milestones_in_bulk(listed):
    from django.db.models.signals import post_save

    from networks.models import MilestoneTemplate, Period
    from networks.services import create_phase_from_template

    template = transfer_network_template()
    MilestoneTemplate.objects.create(
        template=template, month=3, title_lv="Pārneses plāns", title_en="Transfer plan"
    )
    seen = []

    def after_period(**kwargs):
        seen.append(content_version())

    post_save.connect(after_period, sender=Period, dispatch_uid="test-after-period")
    try:
        phase = create_phase_from_template(listed, 2, datetime.date(2019, 1, 1))
    finally:
        post_save.disconnect(dispatch_uid="test-after-period", sender=Period)
    assert phase.milestones.count() == 1
    # The milestones came after the last signal (a period's), in bulk: the version moved again.
    assert content_version() > seen[-1]


# --- the code: every write without signals is followed by a bump ---------------------------

BULK_WRITE = re.compile(
    r"\.(bulk_create|bulk_update)\(|objects(\.\w+\([^()]*\))*\.update\(|\.raw\(|\.execute\("
)
BUMPS = ("bump_content_version(", "_content_changed(")
# Writes that touch no public content: the health check's SELECT 1, the editors' recovery
# codes of the second factor; and the tallies, written from the content on its bump.
READ_ONLY = {
    "networks/models/tallies.py",
    "urbact_portal/system_views.py",
    "urbact_portal/two_factor.py",
}


def test_every_module_that_writes_without_signals_bumps_the_version():
    root = Path(settings.BASE_DIR)
    offenders = []
    for app in ("cities", "networks", "news", "pages", "search", "urbact_portal"):
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" in relative or relative in READ_ONLY:
                continue
            source = path.read_text(encoding="utf-8")
            if BULK_WRITE.search(source) and not any(bump in source for bump in BUMPS):
                offenders.append(relative)
    assert offenders == []
