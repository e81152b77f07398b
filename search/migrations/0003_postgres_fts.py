"""The full-text column of the embedded backend on PostgreSQL.

A French configuration that also folds accents (unaccent, then the French snowball
stemmer), a tsvector column and its GIN index. Nothing happens on SQLite.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'trihub_french') THEN
        CREATE TEXT SEARCH CONFIGURATION trihub_french (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION trihub_french
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS search_vector tsvector;
CREATE INDEX IF NOT EXISTS search_document_vector_idx
    ON search_searchdocument USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS search_document_vector_idx;
ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector;
DROP TEXT SEARCH CONFIGURATION IF EXISTS trihub_french;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fts")]

    operations = [migrations.RunPython(create, drop)]
