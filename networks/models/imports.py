"""An import of a networks CSV that runs in the background: a large file is checked (the
preview) and then written (the confirmation) by a task of Django's tasks framework, so that no
request waits on it longer than a proxy allows. The file stays here between the two steps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Step(models.TextChoices):
        PREVIEW = "preview", _("checking")
        IMPORT = "import", _("importing")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    # The editor's language: the task writes its summary and errors in it.
    language = models.CharField(_("language"), max_length=10)
    data = models.BinaryField(_("content"))
    digest = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    step = models.CharField(_("step"), max_length=10, choices=Step, default=Step.PREVIEW)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    # What ImportResult or ImportFailed said, kept short enough to show on one page.
    summary = models.JSONField(_("summary"), default=list, blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    change_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.file_name

    @property
    def finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def previewed(self):
        """Checked with no errors: ready to be confirmed."""
        return self.step == self.Step.PREVIEW and self.status == self.Status.DONE

    @property
    def imported(self):
        return self.step == self.Step.IMPORT and self.status == self.Status.DONE
