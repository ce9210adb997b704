"""python manage.py import_networks FILE.csv: networks and partners, one row per membership."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from networks.importer import COLUMNS, ImportFailed, import_networks


class Command(BaseCommand):
    help = (
        "Import networks and their partners from a UTF-8 CSV file with the columns "
        + ",".join(COLUMNS)
        + ". A bad row stops the import and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, one row per partner")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and list what would change."
        )

    def handle(self, *args, **options):
        try:
            data = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from None
        try:
            result = import_networks(data, dry_run=options["dry_run"])
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{options['file']}: {len(failure.errors)} error(s); nothing was imported."
            ) from None
        if options["verbosity"] > 1 or options["dry_run"]:
            for line in result.changes:
                self.stdout.write(line)
        summary = ", ".join(
            [f"{count} {name} created" for name, count in sorted(result.created.items())]
            + [f"{count} {name} updated" for name, count in sorted(result.updated.items())]
        )
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rows read; {verb}: {summary}"
                if result.has_changes
                else f"{result.rows} rows read; nothing to change."
            )
        )
