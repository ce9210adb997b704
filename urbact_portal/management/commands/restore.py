"""python manage.py restore FOLDER: replace the database's content and the media with a
backup made by `manage.py backup`."""

from django.core.management.base import BaseCommand, CommandError

from urbact_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the database, the media and the private media from a backup FOLDER, "
        "replacing what is there, then compare the row counts with the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by `manage.py backup`")

    def handle(self, *args, folder, **options):
        try:
            manifest, differences = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if differences:
            for label, (expected, found) in differences.items():
                self.stderr.write(f"{label}: {expected} rows in the backup, {found} now")
            raise CommandError(f"{len(differences)} model(s) differ from the backup.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created']}: "
                f"{sum(manifest['rows'].values())} rows, {sum(manifest['files'].values())} "
                "files; every model has its row count."
            )
        )
