"""The files attached to a progress update, as an inline of its change form."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .admin_updates import still_editable
from .models import UpdateAttachment
from .uploads import check_upload


class AttachmentForm(forms.ModelForm):
    """An uploaded file is checked by its content (uploads.check_upload); the stored file is
    the checked one (photos re-encoded) under a random name."""

    class Meta:
        model = UpdateAttachment
        fields = ["file", "title", "order"]
        widgets = {"file": forms.FileInput}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # the file already stored, unchanged
        checked = check_upload(uploaded)
        self.instance.kind = checked.kind
        self.instance.original_name = checked.original_name
        self.instance.content_type = checked.content_type
        self.instance.size = checked.size
        return checked.content


class UpdateAttachmentInline(TranslationTabularInline):
    model = UpdateAttachment
    form = AttachmentForm
    extra = 1
    fields = ["file", "file_link", "kind", "title", "order"]
    readonly_fields = ["file_link", "kind"]
    view_on_site = False  # the file link serves the file

    @admin.display(description=_("current file"))
    def file_link(self, obj):
        if not obj.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)

    # The parent update decides: attachments change only while the update may be edited.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and still_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and still_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and still_editable(request, obj)
