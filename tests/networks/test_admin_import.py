"""The import in the admin: a preview of what would change, then the import on confirmation;
errors with row and column; only staff who may change networks and partners."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from networks.admin_import import SESSION_KEY
from networks.models import Membership, Network
from tests.csvdata import phase2_rows, to_csv, transfer_network_template

pytestmark = pytest.mark.django_db

URL = "/admin/networks/network/import/"


@pytest.fixture
def editor(client, django_user_model):
    transfer_network_template()
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="networks",
            codename__in=["view_network", "add_network", "change_network", "add_membership",
                          "change_membership"],
        )
    )  # fmt: skip
    client.force_login(user)
    return client


def upload(text, name="networks.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_changelist_offers_the_import(editor):
    page = editor.get("/admin/networks/network/").content.decode()
    assert URL in page


def test_a_preview_then_the_import(editor):
    text = to_csv(phase2_rows(networks=2, partners_per_network=3, newcomers=1))
    response = editor.post(URL, {"file": upload(text)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "New network: Network 01" in page or "Jauns tīkls: Network 01" in page
    assert Network.objects.count() == 0  # a preview writes nothing

    digest = editor.session[SESSION_KEY]["digest"]
    response = editor.post(URL, {"confirm": "1", "digest": digest})
    assert response.status_code == 302
    assert response["Location"] == "/admin/networks/network/"
    assert Membership.objects.count() == 6
    assert SESSION_KEY not in editor.session


def test_a_bad_file_shows_row_column_and_reason(editor):
    rows = phase2_rows(networks=1, partners_per_network=3)
    rows[2]["role"] = "coordinator"
    page = editor.post(URL, {"file": upload(to_csv(rows))}).content.decode()
    assert "<td>4</td><td>role</td>" in page
    assert "coordinator" in page
    assert SESSION_KEY not in editor.session
    assert Network.objects.count() == 0


def test_a_confirmation_without_its_preview_imports_nothing(editor):
    response = editor.post(URL, {"confirm": "1", "digest": "0" * 64})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert Network.objects.count() == 0


def test_staff_without_the_permissions_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("partner", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_network"))
    client.force_login(user)
    assert client.get(URL).status_code == 403
    text = to_csv(phase2_rows(networks=1))
    assert client.post(URL, {"file": upload(text)}).status_code == 403
    assert URL not in client.get("/admin/networks/network/").content.decode()


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
