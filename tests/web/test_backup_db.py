"""backup_db: a consistent, self-contained copy of the SQLite database; other databases refused."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from knowledge.models import Priority

needs_sqlite = pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="copies the SQLite test database"
)


def names_in(backup):
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        return {row[0] for row in copy.execute(f"SELECT name FROM {Priority._meta.db_table}")}
    finally:
        copy.close()


@needs_sqlite
# backup_db refuses to run in a transaction. No serialized rollback: restoring the
# serialized rows collides with the content types an earlier transactional test's flush
# recreated (in another order of keys than the migrations gave them), and this test
# needs none of the migrations' rows. The serialized test that needs them
# (tests/desk/test_project_migration.py) runs before it.
@pytest.mark.django_db(transaction=True)
def test_backup_copies_the_database_to_a_file_or_a_dated_file_in_a_folder(tmp_path):
    Priority.objects.create(name="Sauvegarde", slug="sauvegarde")
    target = tmp_path / "backup.sqlite3"
    out = StringIO()

    call_command("backup_db", str(target), stdout=out)
    call_command("backup_db", str(tmp_path), stdout=out)

    assert f"Database copied to {target}" in out.getvalue()
    (dated,) = tmp_path.glob("db-*.sqlite3")
    assert "Sauvegarde" in names_in(target)
    assert "Sauvegarde" in names_in(dated)
    assert sorted(tmp_path.iterdir()) == sorted([target, dated])  # no partial file left


@needs_sqlite
def test_backup_never_overwrites_and_needs_an_existing_folder(tmp_path):
    existing = tmp_path / "db.sqlite3"
    existing.write_bytes(b"earlier backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_db", str(existing))
    assert existing.read_bytes() == b"earlier backup"

    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup_db", str(tmp_path / "missing" / "db.sqlite3"))


@needs_sqlite
@pytest.mark.django_db
def test_backup_refuses_to_run_inside_a_transaction(tmp_path):
    with pytest.raises(CommandError, match="transaction"):
        call_command("backup_db", str(tmp_path / "db.sqlite3"))
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def postgres_alias():
    """A PostgreSQL database alias; never connected to, the command must refuse it first."""
    connections.settings["warehouse"] = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "tri",
    }
    yield "warehouse"
    del connections["warehouse"]
    del connections.settings["warehouse"]


def test_backup_refuses_other_databases(postgres_alias, tmp_path):
    with pytest.raises(CommandError, match="SQLite databases only.*pg_dump"):
        call_command("backup_db", str(tmp_path / "db.sqlite3"), database=postgres_alias)
    assert list(tmp_path.iterdir()) == []
