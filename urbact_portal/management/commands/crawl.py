import json
from pathlib import Path

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
        parser.add_argument(
            "--save-html",
            metavar="FOLDER",
            help="Write every HTML page into FOLDER, with pages.json naming each file's address "
            "(for the Nu HTML Checker: make vnu).",
        )

    def handle(self, *args, url=None, limit=3000, save_html=None, **options):
        if url:
            if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
                raise CommandError("Crawl only a server on this machine (loopback).")
            fetch = http_fetch(url.rstrip("/"))
        else:
            fetch = client_fetch(Client(HTTP_HOST="127.0.0.1"))
        on_page = saved = None
        if save_html:
            folder = Path(save_html)
            folder.mkdir(parents=True, exist_ok=True)
            saved = {}

            def on_page(address, body):
                name = f"{len(saved):05}.html"
                (folder / name).write_text(body, encoding="utf-8")
                saved[name] = address

        result = crawl(fetch, limit=limit, on_page=on_page)
        if saved is not None:
            (folder / "pages.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
        statuses = ", ".join(f"{code}: {count}" for code, count in sorted(result.statuses.items()))
        self.stdout.write(f"{result.visited} addresses ({statuses})")
        for problem in result.problems:
            self.stderr.write(str(problem))
        if result.problems:
            raise CommandError(f"{len(result.problems)} broken addresses")
