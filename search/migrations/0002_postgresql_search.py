"""PostgreSQL's side of the search index: the unaccent and pg_trgm extensions, a text search
configuration per kind of language that removes accents ("Jūrmala" and "JURMALA" both give
the lexeme "jurmala"), a GIN index on the stored vectors and a trigram index on the titles
(for "did you mean" suggestions). Nothing happens on other databases."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    # Languages without a stemmer in PostgreSQL (Latvian): words as written, unaccented.
    "CREATE TEXT SEARCH CONFIGURATION portal_simple (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION portal_simple "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    # English: unaccented, then stemmed ("networks" finds "network").
    "CREATE TEXT SEARCH CONFIGURATION portal_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION portal_english "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_entry_match_title_trgm ON search_searchentry "
    "USING gin (match_title gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_match_title_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_english",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_simple",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Both do nothing on databases other than PostgreSQL.
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
