"""Checking and storing the files partner editors attach to progress updates.

A file is accepted by what it contains, not by what its name or the browser claims: a PDF must
look like a PDF, an office document must be the zip package its extension says, and a photo must
decode as an image. Photos are then re-encoded as every uploaded image is
(core.images), which drops anything hidden after the image data and the camera's
metadata (location included).
"""

import dataclasses
import io
import os
import uuid
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core import images

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
PHOTO_FORMATS = images.EXTENSIONS  # extension -> Pillow format
PHOTO_CONTENT_TYPES = {name: content_type for name, (_ext, content_type) in images.FORMATS.items()}
# An office document is a ZIP package: its size says little about what it unpacks to (a ZIP
# bomb of 200 KB unpacks to 200 MB). Real documents unpack to a few times their size (text
# compresses about tenfold, photos not at all).
DOCUMENT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
DOCUMENT_MAX_RATIO = 100
DOCUMENT_MAX_ENTRIES = 10_000
UNPACK_CHUNK = 1024 * 1024


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
        limit, kind = settings.IMAGE_UPLOAD_MAX_BYTES, AttachmentKind.PHOTO
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
        _check_unpacked_size(package, len(data))
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
    # zlib.error: damaged data; NotImplementedError: an unknown compression; RuntimeError: an
    # encrypted entry.
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        EOFError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise _not_what_it_claims() from error


def _check_unpacked(unpacked, packed_size):
    if unpacked > DOCUMENT_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("The document unpacks to more than %(megabytes)s MB: it cannot be attached.")
            % {"megabytes": DOCUMENT_MAX_UNPACKED_BYTES // (1024 * 1024)},
            code="unpacked_size",
        )
    if unpacked > DOCUMENT_MAX_RATIO * max(packed_size, 1):
        raise ValidationError(
            _(
                "The document unpacks to more than %(ratio)s times its size, which office "
                "documents never do: it cannot be attached."
            )
            % {"ratio": DOCUMENT_MAX_RATIO},
            code="unpacked_size",
        )


def _check_unpacked_size(package, packed_size):
    """Refuse a package that unpacks to more than DOCUMENT_MAX_UNPACKED_BYTES, or to more
    than DOCUMENT_MAX_RATIO times its size. The sizes the package declares are checked
    first, then it is unpacked, counting and stopping at the limit: an entry holding more
    than it declares fails its checksum (as damaged) instead of unpacking further."""
    entries = package.infolist()
    if len(entries) > DOCUMENT_MAX_ENTRIES:
        raise ValidationError(
            _("The document holds more than %(count)s files: it cannot be attached.")
            % {"count": DOCUMENT_MAX_ENTRIES},
            code="entries",
        )
    _check_unpacked(sum(entry.file_size for entry in entries), packed_size)
    unpacked = 0
    for entry in entries:
        with package.open(entry) as member:
            while chunk := member.read(UNPACK_CHUNK):
                unpacked += len(chunk)
                _check_unpacked(unpacked, packed_size)


def _checked_photo(data, name):
    try:
        image = images.reencode(data)
    except images.NotAnImage:
        # One message for any file whose content is not what its extension says.
        raise _not_what_it_claims() from None
    except ValidationError as error:
        # In the language of this request, as every other message here.
        raise ValidationError(error.messages[0], code=error.code) from None
    stem = name.rpartition(".")[0] or "photo"
    return CheckedFile(
        kind=AttachmentKind.PHOTO,
        content=ContentFile(image.data, name=f"{uuid.uuid4().hex}.{image.extension}"),
        original_name=_safe_name(f"{stem}.{image.extension}"),
        content_type=image.content_type,
    )
