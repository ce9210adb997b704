"""Every uploaded image, an article's or a progress update's photo, goes through one check and
one re-encoding: the same limits, upright, and without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from core.images import reencode_image
from networks.uploads import check_upload
from tests.networks.partners.files import upload

ORIENTATION = 0x0112


def article_image(name, data):
    return reencode_image(upload(name, data)).read()


def update_photo(name, data):
    return check_upload(upload(name, data)).content.read()


both = pytest.mark.parametrize("store", [article_image, update_photo])


def jpeg(size=(40, 20), **save):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(out, format="JPEG", **save)
    return out.getvalue()


@both
def test_the_camera_orientation_is_applied_then_dropped(store):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # taken turned: shown rotated a quarter turn
    with Image.open(io.BytesIO(store("turned.jpg", jpeg(exif=exif.tobytes())))) as image:
        assert image.size == (20, 40)
        assert ORIENTATION not in image.getexif()


@both
def test_comments_and_colour_profiles_are_dropped(store):
    data = jpeg(comment=b"<script>alert(1)</script>", icc_profile=b"profile-bytes")
    assert b"<script>" in data and b"profile-bytes" in data
    stored = store("commented.jpg", data)
    assert b"<script>" not in stored and b"profile-bytes" not in stored


@both
def test_a_palette_png_keeps_its_transparency(store):
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 0, 255])
    image.putpixel((0, 0), 1)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    with Image.open(io.BytesIO(store("palette.png", out.getvalue()))) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((5, 5))[3] == 0
        assert stored.getpixel((0, 0)) == (0, 0, 255, 255)


def test_one_size_limit_for_every_image(settings):
    data = jpeg()
    settings.IMAGE_UPLOAD_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as error:
        reencode_image(upload("photo.jpg", data))
    assert error.value.code == "file_size"
    with pytest.raises(ValidationError) as error:
        check_upload(upload("photo.jpg", data))
    assert error.value.code == "size"
    settings.IMAGE_UPLOAD_MAX_BYTES = len(data)
    assert reencode_image(upload("photo.jpg", data)).size
    assert check_upload(upload("photo.jpg", data)).size
