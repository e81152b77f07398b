"""The full-text table of the embedded backend, on SQLite (FTS5)."""

from django.db import migrations


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # Terms arrive folded and stemmed (search.text); unicode61 only splits them.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts "
            "USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
        )


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_fts, drop_fts)]
