"""python manage.py backup FOLDER: the database, the media and the private media."""

from django.core.management.base import BaseCommand, CommandError

from urbact_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, dumpdata otherwise), the media and the "
        "private media into FOLDER, with a manifest of the row counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where the backup is written (created if missing)")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        files = sum(manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows ({manifest['database_file']}) and {files} files "
                f"to {folder}."
            )
        )
