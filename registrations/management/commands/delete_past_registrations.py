from django.core.management.base import BaseCommand

from registrations import services


class Command(BaseCommand):
    help = (
        "Delete the registrants of events that ended more than REGISTRATIONS_KEEP_DAYS days ago "
        "(the privacy notice promises it)."
    )

    def handle(self, *args, **options):
        count = services.delete_past()
        self.stdout.write(f"{count} registrations deleted.")
