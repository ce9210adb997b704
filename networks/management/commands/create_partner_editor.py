from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from networks.models import Network
from networks.services import create_partner_editor


class Command(BaseCommand):
    help = (
        "Make EMAIL a partner editor of the networks given by --network (created when new); "
        "a new user gets an email with a link to choose a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--network",
            action="append",
            required=True,
            metavar="SLUG",
            help="a network's slug; repeat for several networks",
        )

    def handle(self, *args, email, network, **options):
        networks = list(Network.objects.filter(slug__in=network))
        unknown = sorted(set(network) - {n.slug for n in networks})
        if unknown:
            raise CommandError(f"Unknown network: {', '.join(unknown)}")
        try:
            with transaction.atomic():
                user, created = create_partner_editor(email, networks)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        what = "Created" if created else "Updated"
        names = ", ".join(n.slug for n in networks)
        self.stdout.write(f"{what} partner editor {user.get_username()} of {names}.")
        if not user.has_usable_password():
            self.stdout.write(f"A link to choose a password was emailed to {user.email}.")
