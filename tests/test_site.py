"""The portal answers in both languages, the admin opens, production refuses to start
without a secret."""

import os
import subprocess
import sys

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from networks.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client):
    assert client.get("/").headers["Location"] == "/lv/"
    assert client.get("/", headers={"accept-language": "en"}).headers["Location"] == "/en/"


PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/news/",
    "/{lang}/news/23-labas-prakses-parneses-projekti-uzsak-otro-fazi/",
    "/{lang}/networks/",
    "/{lang}/networks/active-ngos/",
    "/{lang}/events/",
    "/{lang}/events/transfer-networks-phase-2-kick-off/",
    "/{lang}/cities/lv/riga/",
    "/{lang}/countries/lv/",
]


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_answer_in_both_languages(client, demo, lang, page):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_home_shows_the_article_in_each_language(client, demo):
    assert "23 labās prakses pārneses projekti" in client.get("/lv/").content.decode()
    assert "23 Transfer Networks start the second phase" in client.get("/en/").content.decode()


def test_latvian_pages_use_the_latvian_interface(client, demo):
    page = client.get("/lv/").content.decode()
    assert "Jaunākās ziņas" in page
    assert "Latest news" not in page


@pytest.mark.parametrize(
    "url", ["/lv/networks/no-such-network/", "/en/cities/zz/nowhere/", "/lv/countries/xyz/"]
)
def test_unknown_addresses_get_the_designed_404(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "site-header" in response.content.decode()


def test_drafts_are_not_public(client, demo):
    from tests.factories import ProgressUpdateFactory

    draft = ProgressUpdateFactory(status="draft", network__slug="draft-net")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not ProgressUpdate.objects.published().filter(pk=draft.pk).exists()


def test_security_headers_and_csp(client, demo):
    response = client.get("/lv/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_editor_groups_exist_after_migrate():
    ncp = Group.objects.get(name="NCP editor")
    partner = Group.objects.get(name="Partner editor")
    assert ncp.permissions.filter(codename="change_article").exists()
    assert ncp.permissions.filter(codename="add_membership").exists()
    codes = set(partner.permissions.values_list("codename", flat=True))
    assert "add_progressupdate" in codes
    assert not codes & {"change_network", "change_membership", "change_article", "add_city"}


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", password="x-very-secret-1")
    client.force_login(user)
    client.user = user
    return client


def test_every_admin_list_and_add_page_opens(staff_client, demo, rf):
    request = rf.get("/admin/")
    request.user = staff_client.user
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        views = ["changelist"]
        # Records written by the portal itself (the background tasks' results) have no add page.
        if model_admin.has_add_permission(request):
            views.append("add")
        for view in views:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            response = staff_client.get(url)
            assert response.status_code == 200, url


def test_admin_change_pages_open_for_demo_objects(staff_client, demo):
    from networks.models import Network

    network = Network.objects.get(slug="active-ngos")
    response = staff_client.get(reverse("admin:networks_network_change", args=[network.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "vendor/jquery-ui/jquery-ui.min.js" in page
    assert "ajax.googleapis.com" not in page


def test_admin_creates_a_phase_from_the_template(staff_client, demo):
    from networks.models import Network, Phase

    network = Network.objects.get(slug="active-ngos")
    url = reverse("admin:networks_network_changelist")
    data = {"action": "create_phase_from_template", "_selected_action": [network.pk]}
    assert staff_client.post(url, data).status_code == 200  # the form
    response = staff_client.post(url, {**data, "apply": "1", "number": "3", "start": "2021-01-01"})
    assert response.status_code == 302
    assert not Phase.objects.filter(network=network, number=3).exists()  # no template for 3
    Phase.objects.filter(network=network, number=2).delete()
    staff_client.post(url, {**data, "apply": "1", "number": "2", "start": "2019-01-01"})
    assert Phase.objects.get(network=network, number=2).periods.count() == 2


def test_known_interface_string_is_translated():
    with translation.override("lv"):
        assert translation.gettext("Latest news") == "Jaunākās ziņas"


def run_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "urbact_portal.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "urbact_portal.settings", "DEBUG": "false"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60}).returncode == 0
