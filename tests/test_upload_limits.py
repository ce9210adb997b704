"""The last bad uploads: office documents that unpack to far more than their size (ZIP
bombs), and images with more pixels than Pillow opens, each refused with its own message in
both languages."""

import io
import random
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image

from core.images import reencode_image
from networks import uploads
from networks.uploads import check_upload
from tests.networks.partners.files import docx_bytes, upload

MB = 1024 * 1024


def bomb(name, size, extension="docx"):
    """An office package whose one extra entry is `size` bytes of zeros, deflated at the
    highest level (about a thousandth of its size)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        if extension == "odt":
            package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", "<office:document-content/>")
        else:
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", "<document/>")
        with package.open(name, "w") as entry:
            zeros = bytes(MB)
            for _megabyte in range(size // MB):
                entry.write(zeros)
    return out.getvalue()


def test_a_zip_bomb_document_is_refused_with_a_clear_message():
    data = bomb("word/media/padding.bin", 200 * MB)
    assert len(data) < 300 * 1024  # about 200 KB that unpack to 200 MB
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_upload(upload("report.docx", data))
    assert error.value.code == "unpacked_size"
    assert "unpacks to more than 100 MB" in error.value.messages[0]


def test_an_opendocument_bomb_is_refused_too():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("report.odt", bomb("Pictures/padding.bin", 120 * MB, "odt")))
    assert error.value.code == "unpacked_size"


def test_a_document_packed_far_tighter_than_office_documents_is_refused():
    # 8 MB of zeros: under the absolute limit, but a thousand times its packed size.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_upload(upload("report.docx", bomb("word/padding.bin", 8 * MB)))
    assert error.value.code == "unpacked_size"
    assert "more than 100 times its size" in error.value.messages[0]


def test_an_entry_that_holds_more_than_it_declares_is_refused_as_damaged():
    data = bytearray(bomb("word/padding.bin", 1 * MB))
    # Make the package declare a 1 KB entry: the local header and the central directory.
    real = struct.pack("<I", MB)
    for offset in [i for i in range(len(data)) if data[i : i + 4] == real]:
        data[offset : offset + 4] = struct.pack("<I", 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("report.docx", bytes(data)))
    assert error.value.code == "content"


def test_a_package_of_too_many_files_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "DOCUMENT_MAX_ENTRIES", 3)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("report.docx", docx_bytes(extra=[("a", "1"), ("b", "2")])))
    assert error.value.code == "entries"


def test_real_documents_still_pass():
    rng = random.Random(2018)
    words = ["transfer", "plan", "network", "partners", "city", "learning", "period", "NGO"]
    text = " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(300_000))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", f"<w:t>{text}</w:t>")  # 3 MB of text
        package.writestr("word/media/photo.jpg", rng.randbytes(MB))  # packs no smaller
    checked = check_upload(upload("plan.docx", out.getvalue()))
    assert checked.kind == "document"


def test_the_zip_bomb_message_is_in_latvian():
    with translation.override("lv"), pytest.raises(ValidationError) as error:
        check_upload(upload("report.docx", bomb("word/padding.bin", 8 * MB)))
    assert "izpakojas vairāk nekā 100 reizes" in error.value.messages[0]


def png_header(width, height):
    """A PNG that declares `width` × `height` pixels (one row of data is all it holds)."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * (width // 8 + 2)))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "size",
    [
        (20_000, 20_000),  # over twice Pillow's limit: it refuses to open it
        (10_000, 10_000),  # over Pillow's limit: it warns
    ],
)
def test_a_photo_with_too_many_pixels_says_so(size):
    assert size[0] * size[1] > Image.MAX_IMAGE_PIXELS
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_upload(upload("huge.png", png_header(*size)))
    assert error.value.code == "image_pixels"
    assert "too many pixels" in error.value.messages[0]
    with translation.override("lv"), pytest.raises(ValidationError) as error:
        check_upload(upload("huge.png", png_header(*size)))
    assert "pārāk daudz pikseļu" in error.value.messages[0]


@pytest.mark.parametrize("size", [(20_000, 20_000), (10_000, 10_000), (8_000, 6_000)])
def test_an_article_image_with_too_many_pixels_says_so(size):
    with pytest.raises(ValidationError) as error:
        reencode_image(upload("huge.png", png_header(*size)))
    assert error.value.code == "image_pixels"
    # The message is translated when it is shown, in the language of the page.
    with translation.override("en"):
        assert "too many pixels" in error.value.messages[0]
    with translation.override("lv"):
        assert "pārāk daudz pikseļu" in error.value.messages[0]


def test_a_damaged_image_is_still_called_damaged():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("broken.png", png_header(40, 30)[:30]))
    assert error.value.code == "content"
