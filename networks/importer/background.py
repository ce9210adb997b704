"""Large imports in the background: beyond IMPORT_BACKGROUND_ROWS rows the check (the preview)
and the writing (the confirmation) each run as a task of Django's tasks framework
(networks.tasks.run_import_job), so that no request outlives a proxy's timeout. The editor
follows an ImportJob's page; its progress is in the cache while it runs (a cache that does not
answer only hides the count), its outcome in the database. The rules are those of any import:
all or nothing, and the row and column of the first errors."""

import hashlib
import logging

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation

from ..models import ImportJob
from .apply import import_networks
from .rows import ImportFailed, RowError

logger = logging.getLogger("networks.import")
KEPT_CHANGES = 300  # lines of the preview's detail
KEPT_ERRORS = 50  # the first errors shown


def row_count(data):
    """Lines in the file, counted without parsing it (an upper bound of its rows)."""
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def start_job(data, *, file_name, user):
    """An ImportJob checking `data`, queued."""
    job = ImportJob.objects.create(
        created_by=user,
        file_name=file_name,
        language=translation.get_language(),
        data=data,
        digest=hashlib.sha256(data).hexdigest(),
        rows=max(row_count(data) - 1, 0),
    )
    enqueue(job)
    return job


def confirm_job(job):
    """Write a previewed job's file, queued."""
    job.step, job.status, job.finished_at = ImportJob.Step.IMPORT, ImportJob.Status.QUEUED, None
    job.save(update_fields=["step", "status", "finished_at"])
    enqueue(job)
    return job


def enqueue(job):
    from ..tasks import run_import_job

    # After the job's row is committed, so that the worker finds it.
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))


def _progress_key(job_id):
    return f"networks:import-job:{job_id}:progress"


def progress_of(job):
    """(step, rows done, rows in all) of a running job, or None if unknown."""
    try:
        return caches["default"].get(_progress_key(job.pk))
    except Exception:  # the cache is down: the page shows the job without a count
        return None


def _report(job_id):
    def report(step, done, total):
        try:
            caches["default"].set(_progress_key(job_id), (step, done, total), 3600)
        except Exception as error:
            logger.warning("Import %s: the cache does not answer (%s).", job_id, error)

    return report


def run_job(job_id):
    """The task's body: run the job's step and keep its outcome."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # run already (a task delivered twice)
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    preview = job.step == ImportJob.Step.PREVIEW
    with translation.override(job.language):
        try:
            result = import_networks(bytes(job.data), dry_run=preview, progress=_report(job.pk))
        except ImportFailed as failure:
            _keep_errors(job, failure.errors)
        except Exception:
            logger.exception("Import %s failed.", job.pk)
            _keep_errors(job, [RowError(None, None, _unexpected())])
        else:
            job.status = ImportJob.Status.DONE
            job.rows = result.rows
            job.summary = [str(line) for line in result.summary]
            job.changes = [str(line) for line in result.changes[:KEPT_CHANGES]]
            job.change_count = len(result.changes)
    job.finished_at = timezone.now()
    if not job.previewed:
        job.data = b""  # imported or refused: the file is no longer needed
    job.save()
    return job.status


def _unexpected():
    from django.utils.translation import gettext

    return gettext("The import stopped on an unexpected error; nothing was written.")


def _keep_errors(job, errors):
    job.status = ImportJob.Status.FAILED
    job.errors = [
        {"row": error.row, "column": error.column, "message": str(error.message)}
        for error in errors[:KEPT_ERRORS]
    ]
    job.error_count = len(errors)
