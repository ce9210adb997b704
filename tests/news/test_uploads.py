"""Article images: real JPEG, PNG or WebP only (by content), size-limited, stored re-encoded."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import ReencodedImageFormField, reencode_image

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG", size=(40, 30), mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 60)[: len(mode)] if mode != "P" else 1).save(
        buffer, format=fmt, **save
    )
    return buffer.getvalue()


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("fmt", "name", "stored"),
    [("PNG", "karte.png", ".png"), ("JPEG", "foto.JPG", ".jpg"), ("WEBP", "x.webp", ".webp")],
)
def test_real_images_are_accepted_and_reencoded(fmt, name, stored):
    result = reencode_image(upload(name, image_bytes(fmt)))
    assert result.name.endswith(stored)
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.format == fmt
        assert image.size == (40, 30)


def test_jpeg_named_png_is_stored_as_what_it_is():
    result = reencode_image(upload("photo.png", image_bytes("JPEG")))
    assert result.name == "photo.jpg"
    assert result.content_type == "image/jpeg"


def test_html_appended_to_a_png_does_not_survive():
    polyglot = image_bytes("PNG") + b"<html><script>alert(1)</script></html>"
    result = reencode_image(upload("x.png", polyglot)).read()
    assert b"<script" not in result
    assert result.startswith(b"\x89PNG")


def test_metadata_is_dropped():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    data = image_bytes("JPEG", exif=exif.tobytes())
    assert b"Camera maker" in data
    assert b"Camera maker" not in reencode_image(upload("x.jpg", data)).read()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("notes.png", b"just some text, not an image", "not_an_image"),
        ("page.png", b"<html><body>hi</body></html>", "not_an_image"),
        ("truncated.png", None, "not_an_image"),
        ("anim.gif", None, "extension"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "extension",
        ),
        ("script.php", None, "extension"),
        ("noextension", None, "extension"),
        ("image.png", "GIF", "image_type"),
        ("image.png", "BMP", "image_type"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(name, data, code):
    if data is None:
        data = image_bytes("PNG")[:60] if name.startswith("truncated") else image_bytes("PNG")
    elif data in ("GIF", "BMP"):
        data = image_bytes(data, mode="RGB" if data == "BMP" else "P")
    with pytest.raises(ValidationError) as error:
        reencode_image(upload(name, data))
    assert error.value.code == code
    assert error.value.messages[0]


def test_size_limit(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    noise = Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 1000
    with pytest.raises(ValidationError) as error:
        reencode_image(upload("big.png", buffer.getvalue()))
    assert error.value.code == "file_size"
    assert "1000" in error.value.messages[0]


def test_pixel_limit(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        reencode_image(upload("wide.png", image_bytes("PNG", size=(20, 20))))
    assert error.value.code == "image_pixels"


def test_the_model_form_field_uses_the_check():
    from news.models import Article

    field = Article._meta.get_field("image").formfield()
    assert isinstance(field, ReencodedImageFormField)
    with pytest.raises(ValidationError):
        field.clean(upload("x.png", b"not an image"))
    cleaned = field.clean(upload("x.png", image_bytes("PNG")))
    assert cleaned.name == "x.png"
