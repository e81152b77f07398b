"""The production worker across a real PostgreSQL outage (`make test-postgres`): its
connections are cut and new ones refused for a while; it waits, reconnects, runs what
was queued meanwhile, and stops cleanly. (The fault suite, `make test-faults`, restarts
the whole server under a running site.)"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.processes import wait_until
from tests.web import worker_tasks
from web.models import DatabaseRole, WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (make test-postgres)"
    ),
]


def _sql(statement):
    """As the server's administrator, from another database (PostgreSQL refuses to bar
    connections to the database one is connected to)."""
    import psycopg

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(statement)


def test_the_worker_outlives_an_outage_and_runs_what_was_queued_meanwhile(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    name = connection.settings_dict["NAME"]
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.web.worker_settings",
        "WORKER_TEST_DATABASE": name,
    }
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "run_worker", "--queue-name", "*",
             "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        worker_tasks.record.enqueue("before")
        assert wait_until(lambda: DatabaseRole.objects.filter(role="before").exists()), (
            log_path.read_text()
        )

        # The outage: the worker's connections cut, new ones refused.
        _sql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        _sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'trihub-worker-test'"
        )
        worker_tasks.record.enqueue("during")
        # The loop's own line (the heartbeat thread says "does not answer" too).
        assert wait_until(lambda: "trying again in" in log_path.read_text(), timeout=30)
        time.sleep(2)
        assert worker.poll() is None, log_path.read_text()  # still there, waiting
        assert not DatabaseRole.objects.filter(role="during").exists()

        _sql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        assert wait_until(lambda: DatabaseRole.objects.filter(role="during").exists()), (
            log_path.read_text()
        )
        assert worker.poll() is None
        assert wait_until(
            lambda: WorkerHeartbeat.objects.filter(
                beat_at__gte=timezone.now() - datetime.timedelta(seconds=5)
            ).exists()
        )

        # A connection cut in the middle of a task: it is queued again and run, not failed.
        from django_tasks_db.models import DBTaskResult

        cut = worker_tasks.slow_record.enqueue("cut-in-the-middle")
        assert wait_until(lambda: DBTaskResult.objects.get(pk=cut.id).status == "RUNNING")
        _sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'trihub-worker-test' AND query LIKE '%pg_sleep%'"
        )
        assert wait_until(lambda: DatabaseRole.objects.filter(role="cut-in-the-middle").exists())
        stored = DBTaskResult.objects.get(pk=cut.id)
        assert stored.status == "SUCCESSFUL" and len(stored.worker_ids) == 2

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        assert not WorkerHeartbeat.objects.exists()  # a clean stop leaves no beat
    finally:
        _sql(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        if worker.poll() is None:
            worker.kill()
            worker.wait()
