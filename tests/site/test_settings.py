"""Settings: production refuses to start half-configured; SQLite waits instead of failing."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connections, transaction

from trihub.settings.base import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def _import_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import trihub.settings.production"],
        cwd=ROOT / "site",
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


GOOD_KEY = "q7Wm2-Zr9Lx_4Pv8Ns0Tb6Kc1Yh5Dj3Fg-Ua7Eo2Ri9Sw4Xl8Vn"  # 51 characters


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ALLOWED_HOSTS": "tri.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "tri.example.org"}, "SECRET_KEY"),
        # check --deploy's rule: 50 characters, 5 of them different.
        ({"SECRET_KEY": GOOD_KEY[:32], "ALLOWED_HOSTS": "tri.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "tri.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_incomplete_configuration(env, message):
    result = _import_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_when_configured():
    result = _import_production(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="tri.example.org")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgres():
    config = database_from_url("postgres://tri:secret@127.0.0.1:5433/tri")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["PORT"] == 5433
    assert "init_command" not in config.get("OPTIONS", {})


@pytest.fixture
def own_connections(django_db_blocker):
    """These tests open their own SQLite files, outside the test database."""
    with django_db_blocker.unblock():
        yield


def test_sqlite_file_uses_wal_and_busy_timeout(file_database):
    with connections["concurrent"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000


@pytest.fixture
def file_database(tmp_path, own_connections):
    """Register a file-backed SQLite alias configured like the default database."""
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (n INTEGER)").connection.close()
    settings_dict = connections["default"].settings_dict.copy()
    settings_dict.update(database_from_url(f"sqlite:///{path}"))
    connections.settings["concurrent"] = settings_dict
    yield path
    connections["concurrent"].close()
    del connections["concurrent"]  # the thread-local wrapper keeps its settings
    del connections.settings["concurrent"]


def test_concurrent_writers_wait_instead_of_failing(file_database):
    """A read-then-write transaction waits for a concurrent writer.

    In SQLite's default DEFERRED mode the second transaction would start as a
    reader and fail at once with "database is locked" when upgrading; IMMEDIATE
    takes the write lock at BEGIN, so it waits on the busy timeout instead.
    """
    first_has_lock = threading.Event()
    errors = []

    def hold_the_lock():
        try:
            with transaction.atomic(using="concurrent"):
                connections["concurrent"].cursor().execute("INSERT INTO t VALUES (1)")
                first_has_lock.set()
                threading.Event().wait(0.5)
        except Exception as exc:  # noqa: BLE001 - the failure is what we assert on
            errors.append(exc)
        finally:
            connections["concurrent"].close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert first_has_lock.wait(5)
    with transaction.atomic(using="concurrent"):
        cursor = connections["concurrent"].cursor()
        cursor.execute("SELECT COUNT(*) FROM t")
        cursor.execute("INSERT INTO t VALUES (2)")
    holder.join()
    assert errors == []
    rows = sqlite3.connect(file_database).execute("SELECT n FROM t ORDER BY n")
    assert rows.fetchall() == [(1,), (2,)]
