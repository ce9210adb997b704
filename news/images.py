"""Uploaded images: only real images of an allowed type, checked by their content, and stored
re-encoded so that nothing but pixels (no trailing HTML, no metadata) reaches the media folder."""

import io
import warnings
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow format -> (extension stored, format written)
ALLOWED_FORMATS = {"JPEG": ("jpg", "JPEG"), "PNG": ("png", "PNG"), "WEBP": ("webp", "WEBP")}
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels: at most %(millions)s million."),
        code="image_pixels",
        params={"millions": MAX_PIXELS // 1_000_000},
    )


def _open_image(data):
    """Open and fully decode `data`; raise ValidationError unless it is an allowed image."""
    try:
        # Pillow refuses an image of over twice its own pixel limit while opening it (and
        # warns above it): that is an image with too many pixels, not a damaged file.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()  # a truncated or corrupt file fails here
            image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Images must be JPEG, PNG or WebP files; this one is %(format)s."),
                code="image_type",
                params={"format": image.format or _("unknown")},
            )
        if image.width * image.height > MAX_PIXELS:
            raise _too_many_pixels()
        image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("This file is not an image, or it is damaged. Upload a JPEG, PNG or WebP image."),
            code="not_an_image",
        ) from error


def reencode_image(uploaded):
    """Check an uploaded file and return a fresh upload holding only the re-encoded image.

    Refuses (ValidationError with a message for the editor): a file larger than the limit, a
    name whose extension is not allowed, and content that is not a JPEG, PNG or WebP image
    (whatever its name says). The result is encoded anew by Pillow, which drops anything
    appended to the image and its metadata (EXIF location included).
    """
    if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            code="file_size",
            params={
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    extension = Path(uploaded.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files ending in “.%(extension)s” are not accepted; upload a .jpg, .png or .webp."),
            code="extension",
            params={"extension": extension or "?"},
        )
    uploaded.seek(0)
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Images may be at most %(limit)s."),
            code="file_size",
            params={"limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    image = _open_image(data)
    stored_extension, output_format = ALLOWED_FORMATS[image.format]
    if output_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    save_options = {"quality": 88, "optimize": True} if output_format == "JPEG" else {}
    image.save(buffer, format=output_format, **save_options)
    stem = Path(uploaded.name).stem[:80] or "image"
    return SimpleUploadedFile(
        f"{stem}.{stored_extension}",
        buffer.getvalue(),
        content_type=Image.MIME[output_format],
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
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class ReencodedImageField(models.ImageField):
    """An ImageField whose forms accept only real JPEG, PNG or WebP images and store them
    re-encoded. Migrations see a plain ImageField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ReencodedImageFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
