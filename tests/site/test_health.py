"""`/health` and `/ready` (site/trihub/health.py): answered first, cheaply, never cached,
without personal data; readiness fails on an unapplied migration or a stuck worker, not
on the search engine."""

import datetime
import json

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.models import PendingEngineUpdate
from trihub import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """Each test as a new process: migrations not yet seen applied."""
    monkeypatch.setattr(health, "_migrated", False)


def _get(client, path, **extra):
    response = client.get(path, **extra)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_liveness_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        status, body = _get(client, "/health")
    assert (status, body) == (200, {"status": "ok"})
    assert len(queries) == 0


def test_probes_answer_any_host_and_plain_http_under_production_rules(client, settings):
    # A load balancer polls by address, a service manager over plain HTTP on loopback.
    settings.ALLOWED_HOSTS = ["tri.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert _get(client, "/health", HTTP_HOST="10.0.0.7:8000")[0] == 200
    assert _get(client, "/ready", HTTP_HOST="10.0.0.7:8000")[0] == 200
    # Everything else still goes through the rules.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """Tasks queued in the database, as in production, with one worker beating. (Through
    `settings`: an `override_settings` beside it would be undone in the wrong order.)"""
    from web.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="beating", host="test", pid=1, started_at=now, beat_at=now
    )
    settings.TASKS = DATABASE_QUEUE


def test_ready_reports_each_check_and_costs_a_few_queries(client, settings, database_queue):
    settings.SEARCH_URL = ""
    PendingEngineUpdate.objects.create(page_id=12345)
    status, body = _get(client, "/ready")
    assert status == 200
    assert body["status"] == "ready"
    assert body["checks"] == {"database": True, "migrations": True, "worker": True}
    assert body["worker"] == {"alive": 1, "ready_tasks": 0, "oldest_wait_seconds": 0}
    assert body["search_engine"] == {"configured": False, "breaker": None, "updates_waiting": 1}
    # Polled every few seconds: the migration graph is read once per process, then
    # a handful of queries (the database, the worker's queue and beats, the engine's
    # backlog).
    with CaptureQueriesContext(connection) as queries:
        assert _get(client, "/ready")[0] == 200
    assert len(queries) == 5


def test_without_a_database_queue_no_worker_is_needed(client):
    # The test settings run tasks at once, in the request.
    status, body = _get(client, "/ready")
    assert status == 200 and body["worker"] == {"needed": False}


def test_no_worker_beating_makes_the_site_not_ready(client, database_queue, settings):
    from web.models import WorkerHeartbeat

    settings.WORKER_HEARTBEAT_STALE_SECONDS = 60
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - datetime.timedelta(seconds=61))
    status, body = _get(client, "/ready")
    assert status == 503 and body["checks"]["worker"] is False
    assert body["worker"]["alive"] == 0


def test_an_engine_left_alone_is_reported_and_the_site_stays_ready(client, settings):
    import time

    from django.core.cache import cache

    from search import breaker

    settings.SEARCH_URL = "http://127.0.0.1:9"
    cache.set(breaker.OPEN_UNTIL, time.time() + 60, timeout=None)
    status, body = _get(client, "/ready")
    assert status == 200, body
    assert body["search_engine"]["breaker"] == "open"


def test_an_unapplied_migration_makes_the_site_not_ready(client):
    latest = MigrationRecorder.Migration.objects.filter(app="web").latest("name")
    latest.delete()
    status, body = _get(client, "/ready")
    assert status == 503
    assert body["status"] == "not ready" and body["checks"]["migrations"] is False


def _task(enqueued, run_after=None):
    from django_tasks_db.models import get_date_max

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="desk.tasks.send_notifications_task",
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)
    return task


def test_a_task_waiting_too_long_makes_the_site_not_ready(client, settings, database_queue):
    settings.HEALTH_TASK_MAX_WAIT = 600
    now = timezone.now()
    _task(now - datetime.timedelta(seconds=30))
    # Queued long ago to run tomorrow (a scheduled job): not waiting yet.
    _task(now - datetime.timedelta(days=1), run_after=now + datetime.timedelta(days=1))
    status, body = _get(client, "/ready")
    assert status == 200 and body["worker"]["ready_tasks"] == 1
    assert body["worker"]["oldest_wait_seconds"] < 600
    _task(now - datetime.timedelta(minutes=20))
    status, body = _get(client, "/ready")
    assert status == 503 and body["checks"]["worker"] is False
    assert body["worker"]["oldest_wait_seconds"] >= 20 * 60


def test_a_database_that_does_not_answer_makes_the_site_not_ready(client, monkeypatch):
    from django.db import OperationalError

    def unreachable(_connection):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", unreachable)
    status, body = _get(client, "/ready")
    assert (status, body) == (503, {"status": "not ready", "checks": {"database": False}})


def test_the_probes_are_not_rate_limited(client, settings):
    settings.TRIHUB_RATELIMITS_ENABLED = True
    for _ in range(200):
        assert client.get("/health").status_code == 200
