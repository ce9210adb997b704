from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Write the search index again from the published content (after loading data with "
        "bulk inserts, or to repair it). Reads and writes in batches."
    )

    def handle(self, *args, **options):
        counts = rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        total = sum(counts.values())
        if options["verbosity"]:
            self.stdout.write(f"Search index rebuilt: {total} entries.")
