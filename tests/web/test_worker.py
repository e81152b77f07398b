"""The production task worker (web/worker.py): a database outage pauses it instead of
ending it and never fails the task it interrupted; a worker that stopped has its running
tasks queued again by a live one, a bounded number of times; it beats a heartbeat, and
keeps house for the apps."""

import datetime
import threading
import types

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.web import worker_tasks
from web import worker as worker_module
from web.models import DatabaseRole, WorkerHeartbeat
from web.signals import worker_housekeeping
from web.worker import MAX_RUNS, Heartbeat, Worker, alive_workers, requeue_abandoned_tasks

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture(autouse=True)
def connections_kept(monkeypatch):
    """These tests run inside a transaction, which closing the connection would end (as
    the worker does after an outage, or between tasks like a request's end); on SQLite's
    in-memory database closing does nothing, on PostgreSQL it would. The outages here are
    raised by hand; `test_worker_outage.py` cuts real connections."""
    monkeypatch.setattr(worker_module, "_drop_connections", lambda: None)
    monkeypatch.setattr(worker_module, "close_old_connections", lambda: None)


@pytest.fixture
def no_sleep(monkeypatch):
    """Waits noted, not waited; a worker that would wait for ever fails the test."""
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) > 20:
            raise RuntimeError(f"the worker keeps waiting: {slept}")

    monkeypatch.setattr(worker_module.time, "sleep", sleep)
    return slept


def _worker(worker_id="worker-a", **options):
    defaults = {
        "queue_names": ["*"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": worker_id,
        "excluded_queue_names": [],
    }
    return Worker(**{**defaults, **options})


def _beat(worker_id, seconds_ago=0):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": "test",
            "pid": 1,
            "started_at": now,
            "beat_at": now - datetime.timedelta(seconds=seconds_ago),
        },
    )


def _running(task, worker_ids):
    result = DBTaskResult.objects.get(pk=task.id)
    result.status = TaskResultStatus.RUNNING
    result.started_at = timezone.now()
    result.worker_ids = worker_ids
    result.save()
    return result


def test_a_batch_worker_runs_the_queue_beats_and_leaves_no_beat_behind(no_sleep):
    worker_tasks.record.enqueue("first")
    worker_tasks.record.enqueue("second")
    beats = []
    worker_housekeeping.connect(lambda sender, **kwargs: beats.append(
        set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    ), weak=False, dispatch_uid="test-beats")  # fmt: skip
    try:
        _worker().run()
    finally:
        worker_housekeeping.disconnect(dispatch_uid="test-beats")
    assert set(DatabaseRole.objects.values_list("role", flat=True)) == {"first", "second"}
    ran = DBTaskResult.objects.filter(task_path=worker_tasks.record.module_path)
    assert set(ran.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # It beat before keeping house (and so before claiming anything); a clean stop
    # removes the beat, which would otherwise look like a dead worker.
    assert beats == [{"worker-a"}]
    assert not WorkerHeartbeat.objects.exists()


def test_a_connection_error_in_a_task_queues_it_again_instead_of_failing_it(no_sleep, monkeypatch):
    monkeypatch.setattr(worker_module, "_connection_broken", lambda: True)  # an outage
    worker_tasks.failures["left"] = 2
    result = worker_tasks.flaky_database.enqueue("after-outage")
    _worker().run()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert DatabaseRole.objects.filter(role="after-outage").exists()
    # Claimed three times by the same worker, which waited 1 s then 2 s in between.
    assert stored.worker_ids == ["worker-a"] * 3
    assert no_sleep == [1, 2]


def test_a_database_error_on_a_working_connection_is_the_tasks_and_fails_it(no_sleep):
    # A statement timeout, a deadlock: the connection still works, the database answers.
    worker_tasks.failures["left"] = 1
    result = worker_tasks.flaky_database.enqueue("statement-error")
    _worker().run()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert stored.exception_class_path == "django.db.utils.OperationalError"
    assert "server closed the connection" in stored.traceback
    assert no_sleep == []  # no outage: no waiting


def test_a_stop_in_the_middle_of_a_task_leaves_it_for_the_next_worker(no_sleep):
    result = worker_tasks.stopped.enqueue("cut")
    with pytest.raises(SystemExit):
        _worker().run()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.RUNNING and stored.worker_ids == ["worker-a"]
    assert not WorkerHeartbeat.objects.exists()  # gone: the next worker queues it again
    assert requeue_abandoned_tasks("worker-b", others_too=True) == (1, 0)


def test_a_task_that_fails_on_its_own_is_failed_as_before(no_sleep):
    result = worker_tasks.broken.enqueue("bug")
    _worker().run()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert stored.exception_class_path == "builtins.ValueError"


def test_the_loop_outlives_the_database_going_away(no_sleep, monkeypatch):
    worker_tasks.record.enqueue("later")
    worker = _worker()
    real_run_next = worker.run_next
    outage = iter([True] * 7)

    def run_next():
        if next(outage, False):
            raise OperationalError("connection refused")
        return real_run_next()

    monkeypatch.setattr(worker, "run_next", run_next)
    worker.run()
    assert DatabaseRole.objects.filter(role="later").exists()
    assert no_sleep == [1, 2, 4, 8, 16, 30, 30]  # back-off, bounded


def test_a_dead_workers_running_task_is_queued_again_by_a_live_one():
    task = worker_tasks.record.enqueue("orphan")
    _running(task, ["dead"])
    _beat("dead", seconds_ago=3600)
    _beat("alive")
    # A worker that has not beaten steadily for a whole stale period leaves it alone:
    # after an outage, every beat is old.
    assert requeue_abandoned_tasks("alive", others_too=False) == (0, 0)
    assert requeue_abandoned_tasks("alive", others_too=True) == (1, 0)
    stored = DBTaskResult.objects.get(pk=task.id)
    assert stored.status == TaskResultStatus.READY and stored.started_at is None


def test_a_task_of_a_worker_still_beating_is_left_alone():
    task = worker_tasks.record.enqueue("busy")
    _running(task, ["busy-worker"])
    _beat("busy-worker", seconds_ago=5)
    assert requeue_abandoned_tasks("other", others_too=True) == (0, 0)
    assert DBTaskResult.objects.get(pk=task.id).status == TaskResultStatus.RUNNING


def test_a_task_that_stopped_its_worker_too_often_is_failed_not_run_again():
    task = worker_tasks.record.enqueue("poison")
    _running(task, [f"dead-{n}" for n in range(MAX_RUNS)])
    assert requeue_abandoned_tasks("alive", others_too=True) == (0, 1)
    stored = DBTaskResult.objects.get(pk=task.id)
    assert stored.status == TaskResultStatus.FAILED
    assert stored.exception_class_path == "web.worker.WorkerStopped"


def test_old_beats_are_forgotten_and_only_recent_ones_count_as_alive(settings):
    settings.WORKER_HEARTBEAT_STALE_SECONDS = 60
    _beat("recent", seconds_ago=10)
    _beat("stale", seconds_ago=120)
    _beat("long-gone", seconds_ago=2 * 24 * 3600)
    assert alive_workers() == {"recent"}
    requeue_abandoned_tasks("recent", others_too=True)
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"recent", "stale"}


def test_the_heartbeat_survives_a_database_error_and_says_when_it_is_steady(monkeypatch):
    heartbeat = Heartbeat("beating")
    heartbeat._beat_once()
    assert WorkerHeartbeat.objects.get().pid > 0
    assert heartbeat.steady_for() >= 0 and heartbeat.steady_since is not None

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(heartbeat, "beat", unreachable)
    heartbeat._beat_once()  # logged, not raised: the thread goes on
    assert heartbeat.steady_since is None and heartbeat.steady_for() == 0


def test_a_clean_stop_waits_for_a_beat_under_way_and_none_lands_after_it(monkeypatch):
    """A beat slow to write (a loaded database) when the worker stops: the stop removes the
    row after it, so no beat is left behind to look alive (CI saw one once)."""
    heartbeat = Heartbeat("stopping")
    order, writing, release = [], threading.Event(), threading.Event()

    def slow_beat():
        writing.set()
        release.wait(10)
        order.append("beat")

    class Beats:
        class objects:  # noqa: N801 (the manager's name)
            @staticmethod
            def filter(**lookups):
                return types.SimpleNamespace(delete=lambda: order.append("removed"))

    monkeypatch.setattr(heartbeat, "beat", slow_beat)
    monkeypatch.setattr(worker_module, "WorkerHeartbeat", Beats)
    beater = threading.Thread(target=heartbeat._beat_once)
    beater.start()
    assert writing.wait(10)
    stopper = threading.Thread(target=heartbeat.stop)
    stopper.start()
    stopper.join(0.3)
    assert stopper.is_alive() and order == []  # waiting for the beat under way
    release.set()
    stopper.join(10)
    beater.join(10)
    assert order == ["beat", "removed"]
    heartbeat._beat_once()  # stopped: no more beats
    assert order == ["beat", "removed"]


def test_housekeeping_runs_the_apps_receivers_and_a_failing_one_stops_none(no_sleep):
    ran = []

    def failing(sender, **kwargs):
        raise ValueError("a bug in one receiver")

    def working(sender, **kwargs):
        ran.append(sender)

    worker_housekeeping.connect(failing, weak=False, dispatch_uid="test-failing")
    worker_housekeeping.connect(working, weak=False, dispatch_uid="test-working")
    try:
        _worker().keep_house()
    finally:
        worker_housekeeping.disconnect(dispatch_uid="test-failing")
        worker_housekeeping.disconnect(dispatch_uid="test-working")
    assert ran == [Worker]


def test_a_housekeeping_database_error_with_the_database_answering_stops_no_task(no_sleep):
    def statement_timeout(sender, **kwargs):
        raise OperationalError("canceling statement due to statement timeout")

    worker_tasks.record.enqueue("still-run")
    worker_housekeeping.connect(statement_timeout, weak=False, dispatch_uid="test-timeout")
    try:
        _worker().run()
    finally:
        worker_housekeeping.disconnect(dispatch_uid="test-timeout")
    assert DatabaseRole.objects.filter(role="still-run").exists()
    assert no_sleep == []
