"""Copy the SQLite database with SQLite's online backup API, safe while the site is running.

Lives in `web`, the app of site-wide concerns: the configuration package `trihub` is not a
Django app, and the backup covers every app's tables.
"""

import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH (a file, or a folder for a dated file) with SQLite's "
        "online backup API: a consistent copy, taken while the site keeps reading and writing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to create, or an existing folder")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias")

    def handle(self, *args, path, database, **options):
        connection = connections[database]
        if connection.vendor != "sqlite":
            raise CommandError(
                f"backup_db copies SQLite databases only; the {database!r} database is "
                f"{connection.vendor}: back it up with that server's own tools (e.g. pg_dump)."
            )
        if connection.in_atomic_block:
            # SQLite would wait forever for this connection's own transaction to end.
            raise CommandError("backup_db cannot run inside a database transaction.")
        target = Path(path)
        if target.is_dir():
            target = target / f"db-{timezone.now():%Y%m%d-%H%M%S}.sqlite3"
        if target.exists():
            raise CommandError(f"{target} already exists; choose a new file name.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")

        # Written beside the target, then renamed: a failed copy never leaves a partial file
        # under the name a restore would pick up.
        partial = target.with_name(f".{target.name}.partial")
        try:
            connection.ensure_connection()
            with sqlite3.connect(partial) as copy:
                # One step (pages=-1): a single consistent snapshot; in WAL mode writers go on.
                connection.connection.backup(copy, pages=-1)
                # The copy is one self-contained file, not a WAL database needing its -wal.
                copy.execute("PRAGMA journal_mode=DELETE")
                (result,) = copy.execute("PRAGMA quick_check").fetchone()
            copy.close()
            if result != "ok":
                raise CommandError(f"The copy failed SQLite's check: {result}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        self.stdout.write(f"Database copied to {target} ({size / 1_048_576:.1f} MB).")
