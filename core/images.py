"""Uploaded images, for every app: only real JPEG, PNG or WebP images, checked by their
content and within one size and one pixel limit, stored re-encoded by Pillow so that nothing
but pixels reaches the storage (nothing appended to the image data, no metadata: no camera,
no location, no comment).

The camera's orientation is applied before its metadata is dropped, so a photo taken upright
stays upright. The limits are settings: IMAGE_UPLOAD_MAX_BYTES and IMAGE_UPLOAD_MAX_PIXELS.
"""

import dataclasses
import io
import warnings
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core import languages

# Accepted extensions and the Pillow format each names; the content decides what is stored.
EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
# Pillow format -> (extension stored, content type)
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# One quality for the lossy formats. PNG is written at zlib's default level: `optimize`
# takes about a minute for a 12-megapixel photo, too long for a request.
QUALITY = 85
SAVE_OPTIONS = {
    "JPEG": {"quality": QUALITY, "optimize": True},
    "PNG": {},
    "WEBP": {"quality": QUALITY},
}

# Modes written as they are (grey and 16-bit grey included); palettes and the rest are
# converted to RGB for JPEG, to RGBA (keeping transparency) for PNG and WebP.
KEPT_MODES = {
    "JPEG": {"RGB", "L"},
    "PNG": {"RGB", "RGBA", "L", "LA", "I;16", "I"},
    "WEBP": {"RGB", "RGBA"},
}


class NotAnImage(ValidationError):
    """The content is not an image of an accepted type (whatever the file's name says)."""


@dataclasses.dataclass(frozen=True)
class Reencoded:
    data: bytes
    format: str  # Pillow's name of it, a key of FORMATS

    @property
    def extension(self):
        return FORMATS[self.format][0]

    @property
    def content_type(self):
        return FORMATS[self.format][1]


def _too_large():
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    return ValidationError(
        _("Images may be at most %(limit)s."),
        code="file_size",
        params={"limit": filesizeformat(limit)},
    )


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels: at most %(millions)s million."),
        code="image_pixels",
        params={"millions": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000},
    )


def _open(data):
    """Open and fully decode `data`; raise ValidationError unless it is an accepted image
    within the pixel limit."""
    try:
        # Pillow refuses an image of over twice its own pixel limit while opening it (and
        # warns above it): that is an image with too many pixels, not a damaged file.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()  # a truncated or corrupt file fails here
            # verify() leaves the image unusable: open it again to decode it.
            image = Image.open(io.BytesIO(data))
        if image.format not in FORMATS:
            raise NotAnImage(
                _("Images must be JPEG, PNG or WebP files; this one is %(format)s."),
                code="image_type",
                params={"format": image.format or _("unknown")},
            )
        if image.width * image.height > settings.IMAGE_UPLOAD_MAX_PIXELS:
            raise _too_many_pixels()
        image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise NotAnImage(
            _("This file is not an image, or it is damaged. Upload a JPEG, PNG or WebP image."),
            code="not_an_image",
        ) from error


def _pixels_only(image, image_format):
    """The image upright, in a mode its format writes without side information (a palette's
    transparency, say), and with no metadata left to write."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in KEPT_MODES[image_format]:
        image = image.convert("RGB" if image_format == "JPEG" else "RGBA")
    elif "transparency" in image.info:  # a colour of an RGB or grey PNG meant as transparent
        image = image.convert("RGBA")
    image.info = {}  # savers read an ICC profile, a JPEG comment and the like from here
    return image


def reencode(data):
    """Check the bytes of an uploaded image and return them re-encoded (a Reencoded).

    Raises ValidationError with a message for the editor: more bytes or pixels than the
    limits (codes "file_size", "image_pixels"), or NotAnImage when the content is not a JPEG,
    PNG or WebP image, or is damaged ("not_an_image", "image_type").
    """
    if len(data) > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise _too_large()
    image = _open(data)
    image_format = image.format
    try:
        image = _pixels_only(image, image_format)
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    except (OSError, ValueError) as error:
        raise NotAnImage(
            _("This file is not an image, or it is damaged. Upload a JPEG, PNG or WebP image."),
            code="not_an_image",
        ) from error
    return Reencoded(buffer.getvalue(), image_format)


def reencode_image(uploaded):
    """Check an uploaded file and return a fresh upload holding only the re-encoded image,
    named as uploaded with the extension of what it is.

    Refuses, besides what `reencode` refuses, a name whose extension is not accepted.
    """
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    extension = Path(uploaded.name or "").suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Files ending in “.%(extension)s” are not accepted; upload a .jpg, .png or .webp."),
            code="extension",
            params={"extension": extension or "?"},
        )
    uploaded.seek(0)
    image = reencode(uploaded.read(limit + 1))
    stem = Path(uploaded.name).stem[:80] or "image"
    return SimpleUploadedFile(
        f"{stem}.{image.extension}", image.data, content_type=image.content_type
    )


class ReencodedImageFormField(forms.FileField):
    """A form field accepting only real images, handing the model a re-encoded copy."""

    default_error_messages = {"invalid_image": _("Upload a valid image.")}

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        return reencode_image(uploaded)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(content_type for _ext, content_type in FORMATS.values())
        return attrs


class ReencodedImageField(models.ImageField):
    """An ImageField whose forms accept only real JPEG, PNG or WebP images and store them
    re-encoded. Migrations see a plain ImageField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ReencodedImageFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


IMAGE_HELP = _("A JPEG, PNG or WebP image of at most 5 MB.")


def described_image_fields(upload_to, help_text=IMAGE_HELP):
    """The fields of a picture with its description, in their order: `image` (re-encoded,
    its size kept in) `image_width` and `image_height`, and `image_alt`. An article, an
    update and an event each have them: `image, image_width, image_height, image_alt =
    described_image_fields(...)` in the model's body."""
    return (
        ReencodedImageField(
            _("image"),
            upload_to=upload_to,
            blank=True,
            width_field="image_width",
            height_field="image_height",
            help_text=help_text,
        ),
        models.PositiveIntegerField(_("image width"), null=True, blank=True, editable=False),
        models.PositiveIntegerField(_("image height"), null=True, blank=True, editable=False),
        models.CharField(
            _("image description"),
            max_length=250,
            blank=True,
            help_text=_("What the image shows, for readers who cannot see it."),
        ),
    )


def described_image_constraint(name, image="image", alt="image_alt"):
    """A check that a row with an image describes it in every language of the portal
    (`<alt>_lv`, `<alt>_en`, ... : modeltranslation's columns, nullable whatever the field
    says, hence both tests). For a model's Meta.constraints; `DescribedImageMixin.clean`
    says the same to an editor, field by field."""
    described = models.Q()
    for column in languages.localized(alt):
        described &= models.Q(**{f"{column}__isnull": False}) & ~models.Q(**{column: ""})
    return models.CheckConstraint(
        condition=models.Q(**{image: ""}) | described,
        name=name,
        violation_error_message=_("Describe the image in every language."),
    )


class DescribedImageMixin:
    """A model whose `image` needs its `image_alt` in every language (see
    `described_image_constraint`): `clean` names each language that lacks it."""

    def clean(self):
        super().clean()
        if not self.image:
            return
        missing = {
            column: _("Describe the image for readers who cannot see it.")
            for column in languages.localized("image_alt")
            if not (getattr(self, column, "") or "").strip()
        }
        if missing:
            raise ValidationError(missing)


def random_image_path(folder, filename):
    """A random name for an image in `folder/<year>/` (for an `upload_to`), so that no
    image's address can be guessed before its page is published."""
    import secrets

    from django.utils import timezone

    extension = Path(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y}/{secrets.token_urlsafe(12)}{extension}"


# The widths of the smaller copies a page offers beside an image (`srcset`), so a phone or a
# card in a list loads a few tens of kilobytes instead of the whole upload.
RENDITION_WIDTHS = (480, 960)


def rendition_url(image, width):
    """The address of a copy of `image` (an ImageField's file) at most `width` pixels wide, in
    its own format, made the first time it is asked for (`renditions/<name>-<width>w.<ext>`)."""
    from django.core.files.base import ContentFile

    stem, _dot, extension = image.name.rpartition(".")
    target = f"renditions/{stem}-{width}w.{extension}"
    storage = image.storage
    if not storage.exists(target):
        with storage.open(image.name, "rb") as source, Image.open(source) as picture:
            image_format = picture.format
            picture.thumbnail((width, width * 10), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            picture.save(buffer, format=image_format, **SAVE_OPTIONS.get(image_format, {}))
        storage.save(target, ContentFile(buffer.getvalue()))
    return storage.url(target)


def srcset(image, width):
    """A `srcset` of `image` (`width` its own width): the smaller copies, then the image."""
    if not image or not width:
        return ""
    candidates = [
        f"{rendition_url(image, smaller)} {smaller}w"
        for smaller in RENDITION_WIDTHS
        if smaller < width
    ]
    return ", ".join([*candidates, f"{image.url} {width}w"])
