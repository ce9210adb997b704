from django.conf import settings
from django.core.management.base import BaseCommand

from subscriptions import services


class Command(BaseCommand):
    help = (
        "Delete the sign-ups whose address never confirmed, older than "
        "SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS (the privacy notice promises it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=settings.SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS
        )

    def handle(self, *args, days, **options):
        count = services.forget_unconfirmed(days)
        self.stdout.write(f"{count} unconfirmed sign-ups deleted.")
