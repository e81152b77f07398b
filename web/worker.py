"""The task worker of production (`manage.py run_worker`): django_tasks_db's worker, made
to outlive a database outage, to say it is alive, and to pick up after a dead one.

Written around the library's own `Worker` because that one raises on any database error
but SQLite's "locked" (a PostgreSQL restart ends the worker), marks a task failed when the
database fails under it (an index update or an email is lost), and knows nothing of other
workers (a task running when its worker was killed stays "running" for ever). The
library has no hook for these; the claim, the run and the signals are its own.

- An outage: a connection error (OperationalError, InterfaceError) that leaves the
  connection broken, in the loop or in a task, stops the work; the worker drops its
  connections and tries again after 1 s, doubling up to `BACKOFF_MAX`; the task it
  interrupted is queued again once the database answers. The same errors on a connection
  that still works (a statement timeout, a deadlock, SQLite's lock) are the task's: it
  fails with its traceback, as any other error.
- A stop (TERM twice, Ctrl-C) in the middle of a task leaves it running, to be queued
  again by the next worker, instead of failed.
- A heartbeat: a thread writes `WorkerHeartbeat` every `WORKER_HEARTBEAT_SECONDS`, also
  during a long task; `/ready` reads it.
- A dead worker (no beat for `WORKER_HEARTBEAT_STALE_SECONDS`): its running tasks are
  queued again by a live one, which waits for a steady beat of its own that long first
  (after an outage everyone's beats are old). A task whose worker stopped under it
  `MAX_RUNS` times is failed instead: a task that kills its worker must not kill the
  next ones for ever.
- Housekeeping, at start and every `WORKER_HOUSEKEEPING_SECONDS`: the recovery above,
  then `web.signals.worker_housekeeping` for the apps (a notification left half-sent, the
  next daily run, updates an engine missed).

So a task may run again after a crash: the site's tasks are written to be repeated (an
index update recomputes from the database, a notification is claimed before it is sent,
a reminder checks its timeline event under a lock).
"""

import contextlib
import logging
import os
import random
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .models import WorkerHeartbeat
from .signals import worker_housekeeping

logger = logging.getLogger(__name__)

# The database is away, or the connection broke: nothing a task did wrong.
CONNECTION_ERRORS = (OperationalError, InterfaceError)
MAX_RUNS = 5
BACKOFF_MAX = 30
# The clean stop waits this long at most for a beat under way to end.
STOP_WAIT_SECONDS = 30
# Beats of workers gone for longer than this are deleted.
FORGET_AFTER = timedelta(days=1)


def _connection_broken():
    """Whether a database error came with a broken connection (the server gone, the
    connection cut or refused): an outage, not the statement's fault."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            if connection.errors_occurred:
                return True  # it could not even connect
            continue
        if not connection.is_usable():
            return True
    return False


def _drop_connections():
    """Close this thread's connections, broken or not: the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):  # already broken: closing is all we want
            connection.close()


class Heartbeat:
    """The worker's beat, written by a thread of its own (with its own connection)."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.steady_since = None  # monotonic time of the first beat since the last failure
        self._stopping = threading.Event()
        # Held while a beat writes: the clean stop waits for one under way, so that no beat
        # lands after the stop removed the row (it would look alive for a minute).
        self._writing = threading.Lock()
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat-{worker_id[:8]}", daemon=True
        )

    def beat(self):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "beat_at": Now(),  # the database's clock, as alive_workers reads it
            },
        )

    def _beat_once(self):
        with self._writing:
            if self._stopping.is_set():
                return  # a beat after the clean stop removed it would look alive
            self._beat_and_note()

    def _beat_and_note(self):
        try:
            close_old_connections()  # a connection the server dropped is found now
            self.beat()
        except CONNECTION_ERRORS as error:
            if self.steady_since is not None:
                logger.warning("Worker heartbeat: the database does not answer: %s", error)
            self.steady_since = None
            _drop_connections()
        except Exception:
            logger.exception("Worker heartbeat failed.")
            self.steady_since = None  # not beating: not steady either
        else:
            if self.steady_since is None:
                self.steady_since = time.monotonic()

    def steady_for(self):
        """How long (seconds) the beat has gone on without a failure."""
        return 0 if self.steady_since is None else time.monotonic() - self.steady_since

    def start(self):
        # The first beat before any task is claimed: no live worker ever looks dead.
        self._beat_once()
        _drop_connections()
        self._thread.start()

    def _run(self):
        try:
            while not self._stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
                self._beat_once()
        finally:
            _drop_connections()

    def stop(self):
        # A beat under way ends first (bounded by the database's connect timeout).
        acquired = self._writing.acquire(timeout=STOP_WAIT_SECONDS)
        self._stopping.set()
        if acquired:
            self._writing.release()
        if self._thread.ident is not None:  # started
            self._thread.join(timeout=5)
        # A clean stop leaves no beat behind to look dead; a second try on a new connection
        # when the first one was cut (an outage the worker lived through).
        for _attempt in range(2):
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
                return
            except Exception:
                _drop_connections()
        logger.warning("Worker heartbeat: could not remove the beat of a clean stop.")


def alive_workers():
    """Ids of the workers whose beat is recent, by the database's clock (the servers'
    own clocks may differ)."""
    since = Now() - timedelta(seconds=settings.WORKER_HEARTBEAT_STALE_SECONDS)
    return set(
        WorkerHeartbeat.objects.filter(beat_at__gte=since).values_list("worker_id", flat=True)
    )


def requeue_abandoned_tasks(worker_id, others_too):
    """Queue again the running tasks nobody runs: this worker's own after an outage (it
    runs nothing while it keeps house) and, if `others_too`, those of dead workers.
    Returns (queued again, failed)."""
    now = timezone.now()
    alive = alive_workers() - {worker_id}
    requeued = failed = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.only("id", "worker_ids", "started_at", "task_path"):
        last = result.worker_ids[-1] if result.worker_ids else None
        if last in alive or (last != worker_id and not others_too):
            continue
        # Only if nobody took it meanwhile: another worker may keep house too.
        untouched = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids) >= MAX_RUNS:
            failed += untouched.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{__name__}.WorkerStopped",
                traceback=f"The worker running it stopped {len(result.worker_ids)} times.",
            )
            logger.error(
                "Task %s (%s) failed: its worker stopped under it %s times.",
                result.pk, result.task_path, len(result.worker_ids),
            )  # fmt: skip
        elif untouched.update(status=TaskResultStatus.READY, started_at=None):
            requeued += 1
            logger.warning(
                "Task %s (%s) queued again: its worker stopped.", result.pk, result.task_path
            )
    WorkerHeartbeat.objects.filter(beat_at__lt=Now() - FORGET_AFTER).delete()
    return requeued, failed


class Worker(db_worker.Worker):
    def __init__(self, **options):
        super().__init__(**options)
        self.heartbeat = Heartbeat(self.worker_id)
        self.housekeeping_due = 0.0  # monotonic: at once

    def run(self):
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        try:
            self.heartbeat.start()
            self._loop()
        finally:
            self.heartbeat.stop()

    def _loop(self):
        backoff = 1
        while self.running:
            try:
                if time.monotonic() >= self.housekeeping_due:
                    self.keep_house()
                ran = self.run_next()
            except CONNECTION_ERRORS as error:
                logger.warning(
                    "Worker: the database does not answer (%s); trying again in %s s.",
                    error,
                    backoff,
                )
                _drop_connections()
                time.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                self.housekeeping_due = 0.0  # re-queue what the outage interrupted
                continue
            if backoff > 1:
                logger.warning("Worker: the database answers again.")
                backoff = 1
            if self.batch and ran is False:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s - exiting.", self._run_tasks, self.worker_id
                )
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def keep_house(self):
        """The rounds; a failure with the database still answering is logged, and the
        tasks run all the same (only an outage stops them)."""
        self.housekeeping_due = time.monotonic() + settings.WORKER_HOUSEKEEPING_SECONDS
        others_too = self.heartbeat.steady_for() >= settings.WORKER_HEARTBEAT_STALE_SECONDS
        try:
            requeue_abandoned_tasks(self.worker_id, others_too=others_too)
        except CONNECTION_ERRORS:
            if _connection_broken():
                raise
            logger.exception("Worker housekeeping: queuing abandoned tasks again failed.")
        for receiver, outcome in worker_housekeeping.send_robust(sender=type(self)):
            if isinstance(outcome, CONNECTION_ERRORS) and _connection_broken():
                raise outcome
            if isinstance(outcome, Exception):
                logger.error("Worker housekeeping %r failed.", receiver, exc_info=outcome)

    def run_next(self):
        """Claim and run one task: True if one ran, False if none was ready, None if the
        (SQLite) database was locked."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # no other worker runs it
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                return None
        if task_result is None:
            return False
        self.run_task(task_result)
        close_old_connections()
        return True

    def run_task(self, db_task_result):
        """As the library's, except that an outage, or a stop in the middle, leaves the
        task running under this worker, to be queued again, instead of failed."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                arguments = (TaskContext(task_result=task_result), *task_result.args)
            else:
                arguments = task_result.args
            return_value = task.call(*arguments, **task_result.kwargs)
            db_task_result.set_successful(return_value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except (SystemExit, KeyboardInterrupt):
            raise  # stopped, not failed: the next worker runs it again
        except BaseException as error:
            if isinstance(error, CONNECTION_ERRORS) and _connection_broken():
                raise  # the database's failure, not the task's
            db_task_result.set_failed(error)
            try:
                sender = type(db_task_result.task.get_backend())
                task_result = db_task_result.task_result
            except (ImportError, SuspiciousOperation):
                logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
            else:
                task_finished.send(sender=sender, task_result=task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
