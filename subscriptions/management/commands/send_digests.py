from django.core.management.base import BaseCommand

from subscriptions import services, tasks


class Command(BaseCommand):
    help = (
        "Send subscribers what is due now: calls and events at once, the rest in their daily or "
        "weekly digest. Safe to run as often as wanted, also after a run that stopped half-way."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the sending to the tasks worker (manage.py db_worker) instead.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            tasks.send_digests.enqueue()
            self.stdout.write("Queued for the tasks worker.")
            return
        sent = services.send_due()
        self.stdout.write(f"{sent} emails sent.")
