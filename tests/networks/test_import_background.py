"""A large import runs in the background (Django's tasks framework): the request that uploads or
confirms it only queues a task, so no proxy's timeout is ever met; the editor follows the job's
page, which renews itself, and sees the same preview, errors and outcome as for a small file.
All or nothing still holds."""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from networks.importer.background import progress_of
from networks.models import ImportJob, Membership, Network
from tests.csvdata import phase2_rows, to_csv
from tests.networks.test_admin_import import URL, editor, upload  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.IMPORT_BACKGROUND_ROWS = 10


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Tasks are queued once the job's row is committed: run those callbacks, as a request
    would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def big_file(changes=None):
    rows = phase2_rows(networks=3, partners_per_network=5, newcomers=2)
    for index, values in (changes or {}).items():
        rows[index].update(values)
    return to_csv(rows)


def job_page(client, job):
    return client.get(f"{URL}{job.pk}/")


def run_worker():
    """The worker's batch, in this process. A real worker is a process of its own that
    closes its stale connections; here the connection is the test's, so it stays open."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


@override_settings(TASKS=DATABASE)
def test_the_upload_only_queues_the_check(editor, committed):  # noqa: F811
    with committed():
        response = editor.post(URL, {"file": upload(big_file())})
    job = ImportJob.objects.get()
    assert response["Location"] == f"{URL}{job.pk}/"
    assert job.status == ImportJob.Status.QUEUED and job.rows == 15
    assert DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).exists()
    page = job_page(editor, job).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "<script>" not in page
    assert Network.objects.count() == 0

    # The worker checks it; the page shows the preview and stops renewing itself.
    run_worker()
    job.refresh_from_db()
    assert job.previewed
    page = job_page(editor, job).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Network 01" in page and 'name="confirm"' in page
    assert Network.objects.count() == 0  # a preview writes nothing

    with committed():
        editor.post(f"{URL}{job.pk}/", {"confirm": "1"})
    job.refresh_from_db()
    assert job.step == ImportJob.Step.IMPORT and job.status == ImportJob.Status.QUEUED
    assert Membership.objects.count() == 0
    run_worker()
    job.refresh_from_db()
    assert job.imported and bytes(job.data) == b""
    assert Membership.objects.count() == 15


@override_settings(TASKS=IMMEDIATE)
def test_a_bad_row_of_a_large_file_names_row_and_column(editor, committed):  # noqa: F811
    with committed():
        editor.post(URL, {"file": upload(big_file({12: {"country": "XX"}}))})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    page = job_page(editor, job).content.decode()
    assert "<td>14</td><td>country</td>" in page
    assert 'name="confirm"' not in page
    # Confirming a refused file does nothing.
    editor.post(f"{URL}{job.pk}/", {"confirm": "1"})
    assert Network.objects.count() == 0


@override_settings(TASKS=IMMEDIATE)
def test_all_or_nothing_when_the_writing_fails(editor, committed):  # noqa: F811
    with committed():
        editor.post(URL, {"file": upload(big_file())})
    job = ImportJob.objects.get()
    assert job.previewed
    refused = IntegrityError("duplicate key value violates unique constraint")
    with (
        mock.patch.object(Membership.objects, "bulk_create", side_effect=refused),
        committed(),
    ):
        editor.post(f"{URL}{job.pk}/", {"confirm": "1"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.step == ImportJob.Step.IMPORT
    assert "duplicate key" in job.errors[0]["message"]
    assert Network.objects.count() == 0  # the networks written before were rolled back


def test_the_progress_is_shown_while_it_runs(editor, settings):  # noqa: F811
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    user = get_user_model().objects.get(username="editor")
    job = ImportJob.objects.create(
        created_by=user, file_name="big.csv", language="lv", data=b"x", digest="d", rows=100000
    )
    cache.set(f"networks:import-job:{job.pk}:progress", ("checking", 42000, 100000))
    assert progress_of(job) == ("checking", 42000, 100000)
    page = job_page(editor, job).content.decode()
    assert '<progress max="100000" value="42000">' in page


def test_only_its_editor_sees_a_job(editor, django_user_model, client):  # noqa: F811
    other = django_user_model.objects.create_user("other", is_staff=True, is_superuser=True)
    job = ImportJob.objects.create(
        created_by=other, file_name="big.csv", language="lv", data=b"x", digest="d"
    )
    assert job_page(editor, job).status_code == 404
    client.force_login(other)
    assert job_page(client, job).status_code == 200


def test_a_small_file_is_still_checked_at_once(editor):  # noqa: F811
    response = editor.post(
        URL, {"file": upload(to_csv(phase2_rows(networks=1, partners_per_network=3)))}
    )
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
