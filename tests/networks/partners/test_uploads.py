"""Attachments are accepted by their content and size, photos re-encoded, and served with
headers that stop a browser from running them."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from networks.services import add_attachment
from networks.uploads import check_upload
from tests.factories import ProgressUpdateFactory
from tests.networks.partners.files import (
    PDF,
    docx_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf,
    photo,
    png_bytes,
    upload,
    zip_bytes,
)


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type"),
    [
        ("report.pdf", PDF, "document", "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("plan.odt", odt_bytes(), "document", "application/vnd.oasis.opendocument.text"),
        ("Foto.PNG", png_bytes(), "photo", "image/png"),
        ("meeting.jpeg", jpeg_bytes(), "photo", "image/jpeg"),
    ],
)
def test_accepted_files(name, data, kind, content_type):
    checked = check_upload(upload(name, data))
    assert (checked.kind, checked.content_type) == (kind, content_type)
    assert checked.content.name != name  # stored under a random name
    assert checked.original_name.rsplit(".", 1)[-1] in {"pdf", "docx", "odt", "png", "jpg"}


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "extension"),
        ("tool.exe", b"MZ\x90\x00", "extension"),
        ("image.svg", b"<svg onload=alert(1)></svg>", "extension"),
        ("macro.docm", docx_bytes(), "extension"),
        ("noextension", PDF, "extension"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "content"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj", "content"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "content"),
        ("other.docx", zip_bytes([("hello.txt", "hi")]), "content"),
        ("sheet.xlsx", docx_bytes(), "content"),  # a Word package named as a spreadsheet
        ("macros.docx", docx_bytes(extra=[("word/vbaProject.bin", "x")]), "macros"),
        ("wrong.odt", odt_bytes("application/vnd.oasis.opendocument.spreadsheet"), "content"),
        ("fake.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "content"),
        ("photo.jpg", PDF, "content"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_files(name, data, code):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data))
    assert error.value.code == code


def test_sizes_are_limited(settings):
    settings.UPDATE_DOCUMENT_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError) as error:
        check_upload(pdf())
    assert error.value.code == "size"
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        check_upload(photo())
    assert error.value.code == "image_pixels"


def test_a_photo_is_re_encoded_without_what_was_hidden_in_it():
    # A real PNG followed by HTML passes a naive check; re-encoding drops the HTML.
    polyglot = png_bytes() + b"<html><script>alert(1)</script></html>"
    checked = check_upload(upload("trick.png", polyglot))
    data = checked.content.read()
    assert b"<script" not in data
    assert Image.open(io.BytesIO(data)).size == (40, 30)


def test_camera_metadata_is_dropped():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="JPEG", exif=exif)
    data = check_upload(upload("gps.jpg", out.getvalue())).content.read()
    assert b"SecretCam" not in data


@pytest.fixture
def published_update(db):
    return ProgressUpdateFactory(status="published")


def test_published_document_is_served_as_a_download(client, published_update, django_user_model):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    attachment = add_attachment(published_update, pdf("Atskaite 2019.pdf"), by=editor)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "Atskaite_2019.pdf" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_published_photo_is_served_inline(client, published_update, django_user_model):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    attachment = add_attachment(published_update, photo(), by=editor, title_lv="Sanāksme")
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "public" in response.headers["Cache-Control"]


def test_only_get_and_head(client, published_update, django_user_model):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    attachment = add_attachment(published_update, pdf(), by=editor)
    assert client.post(attachment.get_absolute_url()).status_code == 405


def test_a_future_dated_update_keeps_its_files_private(client, django_user_model):
    import datetime

    from django.utils import timezone

    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    update = ProgressUpdateFactory(
        status="published", date=timezone.localdate() + datetime.timedelta(days=3)
    )
    attachment = add_attachment(update, pdf(), by=editor)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("count", [1, 6])
def test_update_page_queries_do_not_grow_with_attachments(
    client, published_update, django_user_model, django_assert_num_queries, count
):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    for number in range(count):
        add_attachment(published_update, pdf(f"doc{number}.pdf"), by=editor)
        add_attachment(published_update, photo(f"photo{number}.png"), by=editor)
    with django_assert_num_queries(3):  # the network, the update, its attachments
        response = client.get(published_update.get_absolute_url())
    assert response.text.count("<figure") == count


def test_deleting_an_update_removes_its_files(
    published_update, django_user_model, django_capture_on_commit_callbacks
):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    attachment = add_attachment(published_update, pdf(), by=editor)
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        published_update.delete()
    assert not storage.exists(name)


def test_update_page_lists_documents_without_an_empty_photo_block(
    client, published_update, django_user_model
):
    editor = django_user_model.objects.create_superuser("boss", password="x-secret-pw-1")
    assert "update-attachments" not in client.get(published_update.get_absolute_url()).text
    add_attachment(published_update, pdf("plans.pdf"), by=editor, title_lv="Plāns")
    text = client.get(published_update.get_absolute_url()).text
    assert "update-attachments__documents" in text and "Plāns" in text
    assert "update-attachments__photos" not in text
