from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from urbact_portal.crawl import client_fetch, crawl, http_fetch


class Command(BaseCommand):
    help = (
        "Follow every internal link of the public site in both languages; fail on a 500 or a "
        "broken internal link."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", help="Crawl a running server (e.g. http://127.0.0.1:8000) over HTTP."
        )
        parser.add_argument("--limit", type=int, default=3000, help="Addresses at most.")

    def handle(self, *args, url=None, limit=3000, **options):
        if url:
            if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
                raise CommandError("Crawl only a server on this machine (loopback).")
            fetch = http_fetch(url.rstrip("/"))
        else:
            fetch = client_fetch(Client(HTTP_HOST="127.0.0.1"))
        result = crawl(fetch, limit=limit)
        statuses = ", ".join(f"{code}: {count}" for code, count in sorted(result.statuses.items()))
        self.stdout.write(f"{result.visited} addresses ({statuses})")
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems:
            raise CommandError(f"{len(result.problems)} broken addresses")
