"""The worker's rounds replay what the engine missed, with nobody searching: one replay
queued at a time, whatever the number of workers or rounds; a new engine index is filled
once, however many processes found it missing."""

import pytest
from django_tasks_db.models import DBTaskResult

from search.models import PendingEngineUpdate
from search.signals import engine_index_created
from search.tasks import refill_engine_index_task, replay_engine_updates_task
from web.signals import worker_housekeeping

pytestmark = pytest.mark.django_db


def _replays():
    return DBTaskResult.objects.filter(task_path=replay_engine_updates_task.module_path)


def test_missed_updates_are_replayed_once_queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SEARCH_URL = "http://127.0.0.1:9"
    worker_housekeeping.send(sender=None)
    assert not _replays().exists()  # nothing missed: nothing queued
    PendingEngineUpdate.objects.create(page_id=4242)
    worker_housekeeping.send(sender=None)
    worker_housekeeping.send(sender=None)  # a second round, or a second worker
    assert _replays().count() == 1


def test_without_an_engine_nothing_is_replayed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SEARCH_URL = ""
    PendingEngineUpdate.objects.create(page_id=4242)
    worker_housekeeping.send(sender=None)
    assert not _replays().exists()


def test_an_index_found_missing_by_two_processes_is_filled_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    engine_index_created.send(sender=None, alias="trihub-guidance")
    engine_index_created.send(sender=None, alias="trihub-guidance")
    refills = DBTaskResult.objects.filter(task_path=refill_engine_index_task.module_path)
    assert refills.count() == 1
