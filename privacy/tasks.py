"""Background work of the erasure, run once its transaction is committed."""

from django.db import connection
from django_tasks import task

from search.indexing import update_page


@task()
def reindex_erased_pages_task(page_ids):
    """The pages an erasure redacted, re-indexed (our index and the engine), then the
    full-text tables compacted so that the words taken out are gone from them too."""
    for page_id in page_ids:
        update_page(page_id)
    compact_full_text_tables()
    return len(page_ids)


def compact_full_text_tables():
    """Merge SQLite's full-text tables (ours and Wagtail's), dropping what was deleted.

    FTS5 keeps a deleted row's terms in its index segments (`*_data`) until they are
    merged; 'optimize' merges them all (a full rewrite of the index, which an erasure,
    a rare event, may afford). PostgreSQL's vectors are in the rows themselves."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE %s",
            ["CREATE VIRTUAL TABLE%USING fts5%"],
        )
        for (name,) in cursor.fetchall():
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"INSERT INTO {quoted}({quoted}) VALUES ('optimize')")
