"""Output files: checked by content when uploaded, served only by the portal.

An output's file goes through the same checks as a progress update's attachments
(uploads.check_upload: a document must be what its extension says, an image is re-encoded)
and is stored under a random name in the private store (storage.py), outside MEDIA_ROOT.
Outputs have no workflow, so every file is public: `serve_output_file` answers anyone, with
the attachments' headers (no type sniffing; documents as downloads named after the title).
"""

import os

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from .models import Output
from .uploads import DOCUMENT_TYPES, PHOTO_CONTENT_TYPES, PHOTO_FORMATS, check_upload

FILE_TYPES = {
    **DOCUMENT_TYPES,
    **{extension: PHOTO_CONTENT_TYPES[name] for extension, name in PHOTO_FORMATS.items()},
}


class _StoredFile:
    """What the file widget shows for a stored output: its public address and name (the
    private store has no URL of its own)."""

    def __init__(self, url, name):
        self.url = url
        self.name = name

    def __str__(self):
        return self.name


class OutputFileInput(forms.ClearableFileInput):
    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        instance = getattr(value, "instance", None)
        if self.is_initial(value) and instance is not None and instance.pk:
            return _StoredFile(instance.href, os.path.basename(value.name))
        return super().format_value(value)


class OutputForm(forms.ModelForm):
    """The admin's output form: an uploaded file is replaced by the checked one."""

    class Meta:
        model = Output
        fields = ["network", "membership", "kind", "title", "file", "url", "language"]
        widgets = {"file": OutputFileInput}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # unchanged, cleared or none
        return check_upload(uploaded).content


def download_name(output):
    extension = output.file_extension
    stem = slugify(output.title)[:100].strip("-") or "output"
    return f"{stem}.{extension}" if extension else stem


@require_safe
def serve_output_file(request, pk):
    output = get_object_or_404(Output.objects.exclude(file=""), pk=pk)
    content_type = FILE_TYPES.get(output.file_extension)
    if content_type is None:
        raise Http404  # stored before uploads were checked, of a type never served
    try:
        handle = output.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not (output.is_image and content_type.startswith("image/")),
        filename=download_name(output),
        content_type=content_type,
    )
    # Never let a browser guess another type (an "image" that is really HTML).
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=3600)
    return response
