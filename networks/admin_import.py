"""The CSV import in the admin: upload, see what would change, confirm.

NetworkAdmin takes it as a mixin; the changelist shows an "Import CSV" button to staff who may
add and change networks and partners. The uploaded file waits in the session between the
preview and the confirmation, and is checked again when it is confirmed. A file of more than
IMPORT_BACKGROUND_ROWS rows is checked and written in the background instead
(networks.importer.background): the editor follows its page, which renews itself.
"""

import base64
import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importer.apply import import_networks
from .importer.background import confirm_job, progress_of, row_count, start_job
from .importer.columns import COLUMNS
from .importer.rows import ImportFailed
from .models import ImportJob

SESSION_KEY = "network_import"
PREVIEW_LINES = 300
IMPORT_PERMISSIONS = [
    "networks.add_network",
    "networks.change_network",
    "networks.add_membership",
    "networks.change_membership",
]


class NetworkImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "UTF-8, one row per partner, with the columns %(columns)s."
        ) % {"columns": ", ".join(COLUMNS)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": settings.IMPORT_FILE_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class NetworkImportMixin:
    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="networks_network_import",
            ),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name="networks_network_import_job",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return request.user.has_perms(IMPORT_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import_networks": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm_import(request)
        form = NetworkImportForm(request.POST or None, request.FILES or None)
        context = {"form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            if row_count(data) - 1 > settings.IMPORT_BACKGROUND_ROWS:
                job = start_job(data, file_name=upload.name, user=request.user)
                return redirect("admin:networks_network_import_job", job_id=job.pk)
            try:
                result = import_networks(data, dry_run=True)
            except ImportFailed as failure:
                context["errors"] = failure.errors
            else:
                digest = hashlib.sha256(data).hexdigest()
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "digest": digest,
                    "data": base64.b64encode(data).decode(),
                }
                context.update(
                    result=result,
                    digest=digest,
                    file_name=upload.name,
                    changes=result.changes[:PREVIEW_LINES],
                    more_changes=max(0, len(result.changes) - PREVIEW_LINES),
                )
        return self._render(request, context)

    def _job(self, request, job_id):
        """One of the editor's own import jobs."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        jobs = ImportJob.objects.defer("data").filter(created_by=request.user)
        return get_object_or_404(jobs, pk=job_id)

    def import_job_view(self, request, job_id):
        job = self._job(request, job_id)
        if request.method == "POST" and "confirm" in request.POST:
            if job.previewed:
                confirm_job(job)
            return redirect("admin:networks_network_import_job", job_id=job.pk)
        progress = None if job.finished else progress_of(job)
        return self._render(
            request,
            {
                "job": job,
                "progress": progress,
                "more_changes": max(0, job.change_count - len(job.changes)),
                "more_errors": max(0, job.error_count - len(job.errors)),
                "refresh_seconds": None if job.finished else 3,
            },
            template="admin/networks/network/import_job.html",
        )

    def _confirm_import(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["digest"] != request.POST.get("digest"):
            messages.error(request, _("The file to import was not found; upload it again."))
            return redirect("admin:networks_network_import")
        data = base64.b64decode(stored["data"])
        try:
            result = import_networks(data)
        except ImportFailed as failure:  # the database changed since the preview
            return self._render(request, {"form": NetworkImportForm(), "errors": failure.errors})
        del request.session[SESSION_KEY]
        if result.has_changes:
            messages.success(
                request,
                _("%(file)s imported: %(count)d change(s).")
                % {"file": stored["name"], "count": len(result.changes)},
            )
        else:
            messages.info(request, _("%(file)s changed nothing.") % {"file": stored["name"]})
        return redirect(reverse("admin:networks_network_changelist"))

    def _render(self, request, context, template="admin/networks/network/import.html"):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "title": _("Import networks and partners"),
                "opts": self.model._meta,
                "columns": COLUMNS,
                **context,
            },
        )
