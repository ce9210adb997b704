"""Suggestions for misspelt names through a GiST trigram index on the titles of cities and
networks only: the nearest name is one index walk (ORDER BY distance LIMIT 1) whatever the
number of entries, where the GIN index had to visit every title sharing a trigram.
Nothing happens on other databases."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS search_entry_match_title_trgm",
    "CREATE INDEX search_entry_names_trgm_gist ON search_searchentry "
    "USING gist (match_title gist_trgm_ops) WHERE kind IN ('city', 'network')",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_names_trgm_gist",
    "CREATE INDEX search_entry_match_title_trgm ON search_searchentry "
    "USING gin (match_title gin_trgm_ops)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_names")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
