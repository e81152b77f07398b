"""`/health` and `/ready`, for a load balancer or a service manager polling every few
seconds.

- `/health`, liveness: the process answers. Nothing else is touched.
- `/ready`, readiness: the database answers, every migration is applied, and a task
  worker beats its heartbeat (`web/worker.py`) and keeps up (no task ready to run has
  waited more than `HEALTH_TASK_MAX_WAIT` seconds: emails and index updates would be
  waiting on a stuck worker); the
  search engine's state is reported (configured, its breaker, updates waiting for
  replay) but never
  fails readiness: the database fallback serves search meanwhile. 503 with the failing
  checks otherwise.

Answered by a middleware at the top of the stack: before the HTTPS redirect (a service
manager polls plain HTTP on loopback), sessions, the page cache and the rate limits, and
without `Host` validation (a load balancer polls by address); the answers hold no
personal data and are never cached. Here in the site package, not in `web`, because
readiness reads the search app and the task queue, which sit above `web`.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Once every migration is applied, it stays so for the life of the process (new code
# means a new process): the migration graph is loaded once, not at every poll.
_migrated = False


def _answer(body, status=200):
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def liveness():
    return _answer({"status": "ok"})


def _database(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _migrations_applied(connection):
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def _worker():
    """How many workers beat (`web.worker`), and how long the oldest task ready to run
    has waited (a task queued to run later waits from that time on). Without a database
    queue (tests run tasks at once) no worker is needed."""
    from django_tasks import task_backends
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    from web.worker import alive_workers

    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"needed": False, "ok": True}

    now = timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    waiting = list(
        ready.ready().order_by("enqueued_at").values_list("enqueued_at", "run_after")[:20]
    )
    never = get_date_max()
    waited = max(
        (
            (now - (enqueued if run_after == never else max(enqueued, run_after)))
            for enqueued, run_after in waiting
        ),
        default=None,
    )
    seconds = round(waited.total_seconds()) if waited is not None else 0
    alive = len(alive_workers())
    return {
        "alive": alive,
        "ready_tasks": ready.ready().count(),
        "oldest_wait_seconds": seconds,
        "ok": alive > 0 and seconds <= settings.HEALTH_TASK_MAX_WAIT,
    }


def _engine():
    from search import breaker
    from search.models import PendingEngineUpdate

    return {
        "configured": bool(settings.SEARCH_URL),
        # closed: called; open: left alone after failing, the database answers.
        "breaker": breaker.state() if settings.SEARCH_URL else None,
        "updates_waiting": PendingEngineUpdate.objects.count(),
    }


def readiness():
    connection = connections[DEFAULT_DB_ALIAS]
    checks = {}
    try:
        _database(connection)
    except DatabaseError as error:
        logger.warning("Readiness: the database does not answer: %s", error)
        return _answer({"status": "not ready", "checks": {"database": False}}, status=503)
    checks["database"] = True
    try:
        checks["migrations"] = _migrations_applied(connection)
        if not checks["migrations"]:  # the tables the other checks read may not exist yet
            return _answer({"status": "not ready", "checks": checks}, status=503)
        worker = _worker()
        checks["worker"] = worker.pop("ok")
        engine = _engine()
    except DatabaseError as error:
        logger.warning("Readiness: the database failed a check: %s", error)
        return _answer({"status": "not ready", "checks": {"database": False}}, status=503)
    ready = all(checks.values())
    body = {
        "status": "ready" if ready else "not ready",
        "checks": checks,
        "worker": worker,
        "search_engine": engine,
    }
    return _answer(body, status=200 if ready else 503)


PROBES = {"/health": liveness, "/ready": readiness}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe()
        return self.get_response(request)
