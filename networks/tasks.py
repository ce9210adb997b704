"""Background tasks of the networks app (Django's tasks framework; `manage.py db_worker`)."""

from django.tasks import task


@task
def run_import_job(job_id):
    """Check or write a large import (networks.importer.background)."""
    from .importer.background import run_job

    return run_job(job_id)
