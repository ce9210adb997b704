"""The outputs library: the lists with their filters, files checked on upload and served by
the portal with the attachments' headers, the admin's permissions, bounded queries."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from core.groups import NCP_EDITOR, PARTNER_EDITOR
from networks.models import Output, PartnerEditor
from networks.output_files import OutputForm
from networks.storage import private_storage
from tests.factories import (
    CityFactory,
    CountryFactory,
    MembershipFactory,
    NetworkFactory,
    OutputFactory,
)
from tests.networks.partners.files import PDF, docx_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    lv = CountryFactory(code="LV", name_en="Latvia")
    riga = CityFactory(name_lv="Rīga", name_en="Riga", slug="riga", country=lv)
    tartu = CityFactory(name_en="Tartu", slug="tartu", country=CountryFactory(code="EE"))
    active = NetworkFactory(slug="active-ngos", name_lv="Active NGOs", name_en="Active NGOs")
    card = NetworkFactory(slug="card4all", name_lv="Card4All", name_en="Card4All")
    riga_in_active = MembershipFactory(network=active, city=riga, role="lead_partner")
    tartu_in_card = MembershipFactory(network=card, city=tartu)
    return {
        "study": OutputFactory(
            network=active, kind="transferability_study", title="Transferability study"
        ),
        "riga_plan": OutputFactory(
            network=active, membership=riga_in_active, kind="transfer_plan", title="Riga plan",
            language="lv",
        ),
        "tartu_log": OutputFactory(
            network=card, membership=tartu_in_card, kind="learning_log", title="Tartu log",
            language="et",
        ),
        "card_product": OutputFactory(network=card, kind="final_product", title="Card handbook"),
    }  # fmt: skip


def _titles(response):
    return sorted(output.title for output in response.context["outputs"])


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_library_and_a_networks_outputs_answer_in_both_languages(client, library, language):
    with translation.override(language):
        urls = [reverse("outputs:list"), reverse("networks:outputs", args=["active-ngos"])]
    assert urls == [f"/{language}/outputs/", f"/{language}/networks/active-ngos/outputs/"]
    everything, active = (client.get(url) for url in urls)
    assert everything.status_code == active.status_code == 200
    assert len(everything.context["outputs"]) == 4
    assert _titles(active) == ["Riga plan", "Transferability study"]


def test_filters_by_kind_network_city_and_language(client, library):
    get = lambda query: _titles(client.get(f"/en/outputs/?{query}"))  # noqa: E731
    assert get("kind=learning_log") == ["Tartu log"]
    assert get("kind=learning_log&kind=transfer_plan") == ["Riga plan", "Tartu log"]
    assert get("network=card4all") == ["Card handbook", "Tartu log"]
    assert get("city=lv/riga") == ["Riga plan"]
    assert get("language=et") == ["Tartu log"]
    assert get("network=card4all&kind=final_product") == ["Card handbook"]
    assert get("network=active-ngos&city=ee/tartu") == []


def test_the_filters_offer_only_values_in_use_and_keep_the_selection(client, library):
    NetworkFactory(slug="no-outputs")
    html = client.get("/en/outputs/?kind=learning_log").content.decode()
    assert re.search(r'value="learning_log" id="id_kind_\d+" checked', html)
    assert not re.search(r'value="final_product" id="id_kind_\d+" checked', html)
    assert 'value="no-outputs"' not in html
    assert 'value="integrated_action_plan"' not in html
    assert "Estonian" in html  # the language filter names the languages
    # A network's page has no network filter and offers its own outputs' values only.
    html = client.get("/en/networks/active-ngos/outputs/").content.decode()
    assert 'name="network"' not in html
    assert 'value="ee/tartu"' not in html and 'value="lv/riga"' in html


@pytest.mark.parametrize(
    "query",
    [
        "kind=no-such-kind",
        "network=no-such-network&network=no-such-network",
        "city=riga",
        "city=lv/riga/extra",
        "city=%2F",
        "language=" + "x" * 3000,
        "kind=learning_log&kind=learning_log",
        "page=abc",
        "page=0",
        "page=99999999999999999999",
    ],
)
def test_bad_filter_values_give_a_page(client, library, query):
    for url in ("/en/outputs/", "/lv/networks/card4all/outputs/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, url


def test_an_unknown_network_has_no_outputs_page(client, library):
    response = client.get("/en/networks/no-such-network/outputs/")
    assert response.status_code == 404
    assert 'class="error-page"' in response.content.decode()


def test_the_list_is_paginated(client):
    network = NetworkFactory()
    for n in range(30):
        OutputFactory(network=network, title=f"Output {n:02d}")
    first = client.get("/en/outputs/")
    second = client.get("/en/outputs/?page=2")
    assert len(first.context["outputs"]) == 25
    assert len(second.context["outputs"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_an_empty_library_says_so(client):
    html = client.get("/lv/outputs/").content.decode()
    assert "<h1>" in html and 'class="notice"' in html


@pytest.mark.parametrize("count", [2, 20])
def test_the_lists_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    network = NetworkFactory(slug="busy")
    for _n in range(count):
        membership = MembershipFactory(network=network, city=CityFactory())
        OutputFactory(network=network, membership=membership, kind="learning_log")
        OutputFactory(network=NetworkFactory(), language="lv")
    # The stamp's publication lookups (articles, calls), four filters' choices (kinds,
    # cities, languages, networks), count and page.
    with django_assert_max_num_queries(8):
        response = client.get("/en/outputs/?kind=learning_log&language=en")
    assert len(response.context["outputs"]) == count
    # The network lookup, three filters' choices, count and page (and the stamp's lookup).
    with django_assert_max_num_queries(7):
        response = client.get("/en/networks/busy/outputs/")
    assert len(response.context["outputs"]) == count


# Files


def _stored_output(name, data, **fields):
    fields.setdefault("network", NetworkFactory())
    output = OutputFactory.build(url="", **fields)
    output.file.save(name, ContentFile(data), save=True)
    return output


def test_a_document_is_served_as_a_download_named_after_its_title(client):
    output = _stored_output("3f1a.pdf", PDF, title="Transfer plan: Rīga")
    assert private_storage.exists(output.file.name)  # outside MEDIA_ROOT
    response = client.get(f"/en/outputs/{output.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="transfer-plan-riga.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]


def test_an_image_opens_in_the_browser(client):
    output = _stored_output("poster.png", png_bytes(), title="Poster", kind="final_product")
    response = client.get(f"/lv/outputs/{output.pk}/file/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_of_an_unchecked_type_is_never_served(client):
    output = _stored_output("page.html", b"<script>alert(1)</script>")
    assert client.get(f"/en/outputs/{output.pk}/file/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_files_only_answer_reads(client, method):
    output = _stored_output("a.pdf", PDF)
    assert getattr(client, method)(f"/en/outputs/{output.pk}/file/").status_code == 405


def test_a_link_output_a_missing_file_and_an_unknown_id_are_404s(client, library):
    gone = _stored_output("gone.pdf", PDF)
    private_storage.delete(gone.file.name)
    for pk in (library["study"].pk, gone.pk, 999999):
        response = client.get(f"/en/outputs/{pk}/file/")
        assert response.status_code == 404


def test_the_list_links_files_through_the_portal_and_links_as_they_are(client):
    stored = _stored_output("a.pdf", PDF, title="Stored plan")
    linked = OutputFactory(title="Linked plan", url="https://urbact.eu/plan.pdf")
    html = client.get("/en/outputs/").content.decode()
    assert f'href="/en/outputs/{stored.pk}/file/"' in html
    assert f'href="{linked.url}"' in html
    # Never a link to the stored file itself (the page's social card may be a media file).
    assert 'href="/media/' not in html
    assert stored.file.name not in html


# Uploads


def _form(network, file, **fields):
    data = {"network": network.pk, "kind": "transfer_plan", "title": "Plan", "url": "",
            "language": "en", **fields}  # fmt: skip
    return OutputForm(data=data, files={"file": file})


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.html", b"<html><script>alert(1)</script></html>"),
        ("plan.pdf", b"<html>not a pdf</html>"),
        ("plan.docx", b"PK\x03\x04 broken"),
        ("plan.docm", docx_bytes()),
        ("plan.svg", b"<svg onload='alert(1)'/>"),
        ("poster.png", b"\x89PNG\r\n\x1a\n<html>"),
        ("empty.pdf", b""),
    ],
)
def test_bad_uploads_are_refused(name, data):
    form = _form(NetworkFactory(), upload(name, data))
    assert not form.is_valid()
    assert "file" in form.errors
    assert Output.objects.count() == 0


def test_a_good_upload_is_stored_checked_under_a_random_name():
    network = NetworkFactory()
    form = _form(network, upload("My plan.docx", docx_bytes()))
    assert form.is_valid(), form.errors
    output = form.save()
    assert output.file.name.startswith("outputs/")
    assert "My plan" not in output.file.name
    assert output.file_extension == "docx"
    assert private_storage.exists(output.file.name)


def test_an_image_upload_is_reencoded():
    data = png_bytes() + b"<script>alert(1)</script>"
    form = _form(NetworkFactory(), upload("poster.png", data))
    assert form.is_valid(), form.errors
    output = form.save()
    with output.file.open("rb") as handle:
        assert b"<script>" not in handle.read()


# Admin


@pytest.fixture
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="x-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.usefixtures("_fast_passwords")
def test_ncp_editors_upload_through_the_admin_with_the_checks(client, django_user_model):
    client.force_login(_staff(django_user_model, "ncp", NCP_EDITOR))
    network = NetworkFactory()
    data = {"network": network.pk, "kind": "transfer_plan", "title": "Plan", "language": "en",
            "url": ""}  # fmt: skip
    refused = client.post(
        "/admin/networks/output/add/", {**data, "file": upload("x.pdf", b"<html>")}
    )
    assert refused.status_code == 200
    assert Output.objects.count() == 0
    accepted = client.post("/admin/networks/output/add/", {**data, "file": upload("p.pdf", PDF)})
    assert accepted.status_code == 302
    output = Output.objects.get()
    change = client.get(f"/admin/networks/output/{output.pk}/change/")
    assert change.status_code == 200
    assert f'href="/lv/outputs/{output.pk}/file/"' in change.content.decode()


@pytest.mark.usefixtures("_fast_passwords")
def test_partner_editors_cannot_see_or_change_outputs(client, django_user_model, library):
    partner = _staff(django_user_model, "partner", PARTNER_EDITOR)
    network = library["study"].network
    PartnerEditor.objects.create(user=partner, network=network)
    client.force_login(partner)
    output = library["study"]
    for url in (
        "/admin/networks/output/",
        "/admin/networks/output/add/",
        f"/admin/networks/output/{output.pk}/change/",
        f"/admin/networks/output/{library['tartu_log'].pk}/change/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        f"/admin/networks/output/{output.pk}/change/",
        {"network": network.pk, "kind": "transfer_plan", "title": "Changed", "language": "en",
         "url": "https://example.org/"},
    )  # fmt: skip
    assert response.status_code == 403
    output.refresh_from_db()
    assert output.title == "Transferability study"


def test_the_file_help_text_names_the_limits_the_checks_apply(settings):
    from django.utils import translation

    from networks.models import Output

    with translation.override("en"):
        help_text = str(Output._meta.get_field("file").help_text)
    documents = settings.UPDATE_DOCUMENT_MAX_BYTES // (1024 * 1024)
    images = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
    assert f"(up to {documents} MB), or a JPEG" in help_text
    assert f"image (up to {images} MB)" in help_text
