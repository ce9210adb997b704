"""Create the local admin account once: password from ADMIN_PASSWORD, else generated and
printed. An existing account is left as it is. With --welcome (the last step of `make run`)
it ends with what a newcomer needs: the site's and the admin's addresses, the account, and the
second factor the admin asks for."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account (username from ADMIN_USERNAME, default 'admin') if missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--welcome",
            action="store_true",
            help="End with the site's and the admin's addresses and how to sign in.",
        )

    def handle(self, *args, welcome=False, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(username=username).exists():
            account = (
                f"user '{username}' (made before; its password is unchanged: "
                f"python manage.py changepassword {username} sets a new one)"
            )
        else:
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email="", password=password)
            shown = "(from ADMIN_PASSWORD)" if os.environ.get("ADMIN_PASSWORD") else password
            account = f"user '{username}', password {shown}"
        if not welcome:
            self.stdout.write(self.style.SUCCESS(f"Admin account: {account}"))
            return
        site = f"http://127.0.0.1:{settings.PORT}/"
        if settings.STAFF_TWO_FACTOR:
            second_factor = (
                "At the first sign-in the admin asks you to add it to an authenticator app\n"
                "  (scan its QR code, type a code) and then asks for a code each time.\n"
                "  To turn that off on this machine: STAFF_TWO_FACTOR=false make run"
            )
        else:
            second_factor = "No second factor is asked for (STAFF_TWO_FACTOR=false)."
        lines = [
            "",
            "The portal is ready.",
            f"  Site:    {site}",
            f"  Admin:   {site}admin/",
            f"  Account: {account}",
            f"  {second_factor}",
            "",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
