"""python manage.py import_networks FILE.csv: networks and partners, one row per membership."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from networks.importer.apply import import_networks
from networks.importer.columns import COLUMNS
from networks.importer.rows import ImportFailed


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
                _("%(file)s: %(count)d error(s); nothing was imported.")
                % {"file": options["file"], "count": len(failure.errors)}
            ) from None
        if options["verbosity"] > 1 or options["dry_run"]:
            for line in result.changes:
                self.stdout.write(line)
        if not result.has_changes:
            message = _("%(rows)d rows read; nothing to change.")
        elif options["dry_run"]:
            message = _("%(rows)d rows read; would change: %(summary)s")
        else:
            message = _("%(rows)d rows read; changed: %(summary)s")
        self.stdout.write(
            self.style.SUCCESS(
                message % {"rows": result.rows, "summary": "; ".join(result.summary)}
            )
        )
