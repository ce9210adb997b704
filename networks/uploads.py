"""Checking and storing the files partner editors attach to progress updates.

A file is accepted by what it contains, not by what its name or the browser claims: a PDF must
look like a PDF, an office document must be the zip package its extension says, and a photo must
decode as an image. Photos are then re-encoded with Pillow, which drops anything hidden after
the image data and the camera's metadata (location included).
"""

import dataclasses
import io
import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import AttachmentKind

# (extension, content type) of each accepted document format. Office formats are the zip
# packages of OOXML and OpenDocument; macro-enabled variants and legacy binary formats are not
# accepted.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
PHOTO_FORMATS = {  # extension -> Pillow format
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
}
PHOTO_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PHOTO_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclasses.dataclass
class CheckedFile:
    kind: str
    content: ContentFile
    original_name: str
    content_type: str

    @property
    def size(self):
        return self.content.size


def accepted_extensions():
    return sorted({*DOCUMENT_TYPES, *PHOTO_FORMATS})


def check_upload(uploaded):
    """Return the checked file to store, or raise ValidationError saying what is wrong."""
    name = os.path.basename(uploaded.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in PHOTO_FORMATS:
        limit, kind = settings.UPDATE_PHOTO_MAX_BYTES, AttachmentKind.PHOTO
    elif extension in DOCUMENT_TYPES:
        limit, kind = settings.UPDATE_DOCUMENT_MAX_BYTES, AttachmentKind.DOCUMENT
    else:
        raise ValidationError(
            _("Files of this type cannot be attached. Accepted: %(extensions)s.")
            % {"extensions": ", ".join(accepted_extensions())},
            code="extension",
        )
    if uploaded.size is None or uploaded.size > limit:
        raise ValidationError(
            _("The file is larger than %(megabytes)s MB.") % {"megabytes": limit // (1024 * 1024)},
            code="size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    uploaded.seek(0)
    data = uploaded.read()
    if kind == AttachmentKind.PHOTO:
        return _checked_photo(data, name)
    _check_document(data, extension)
    return CheckedFile(
        kind=kind,
        content=ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}"),
        original_name=_safe_name(name),
        content_type=DOCUMENT_TYPES[extension],
    )


def _safe_name(name):
    stem, _dot, extension = name.rpartition(".")
    stem = get_valid_filename(stem)[:150] if stem else "file"
    return f"{stem}.{extension.lower()}"


def _not_what_it_claims():
    return ValidationError(
        _("The file's content does not match its type; it may be damaged."), code="content"
    )


def _check_document(data, extension):
    if extension == "pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise _not_what_it_claims()
        return
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        names = set(package.namelist())
        if extension in OOXML_MAIN_PART:
            if "[Content_Types].xml" not in names or OOXML_MAIN_PART[extension] not in names:
                raise _not_what_it_claims()
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(_("Documents with macros cannot be attached."), code="macros")
        else:  # OpenDocument: the first entry is "mimetype", holding the content type.
            first = package.infolist()[0] if package.infolist() else None
            if (
                first is None
                or first.filename != "mimetype"
                or first.file_size > 200
                or package.read("mimetype").decode("ascii", "replace").strip()
                != DOCUMENT_TYPES[extension]
            ):
                raise _not_what_it_claims()
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise _not_what_it_claims() from error


def _checked_photo(data, name):
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in PHOTO_CONTENT_TYPES:
            raise _not_what_it_claims()
        if width * height > settings.UPDATE_PHOTO_MAX_PIXELS:
            raise ValidationError(_("The photo has too many pixels."), code="pixels")
        # verify() leaves the image unusable: decode it again and write a fresh file.
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {"optimize": True}
            image.save(out, format=image_format, **options)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_what_it_claims() from None
    extension = PHOTO_EXTENSIONS[image_format]
    stem = name.rpartition(".")[0] or "photo"
    return CheckedFile(
        kind=AttachmentKind.PHOTO,
        content=ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"),
        original_name=_safe_name(f"{stem}.{extension}"),
        content_type=PHOTO_CONTENT_TYPES[image_format],
    )
