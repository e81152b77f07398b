"""Publish, unpublish, delete, move and privacy changes update the index, after commit;
a new, empty engine index is filled."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from web.signals import database_restored, worker_housekeeping

from . import indexing, synonyms
from .models import PendingEngineUpdate, SynonymGroup
from .signals import engine_index_created
from .tasks import (
    refill_engine_index_task,
    reload_engine_synonyms_task,
    replay_engine_updates_task,
    update_page_task,
    update_subtree_task,
)

logger = logging.getLogger(__name__)


def _later(task, page_id):
    transaction.on_commit(lambda: task.enqueue(page_id))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    _later(update_page_task, instance.pk)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    _later(update_page_task, instance.pk)


@receiver(post_page_move)
@receiver(page_slug_changed)
def page_moved(sender, instance, **kwargs):
    _later(update_subtree_task, instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    _later(update_subtree_task, instance.page_id)


def _queued(task):
    """Whether a run of `task` waits or runs on the database queue."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()


@receiver(engine_index_created)
def fill_new_engine_index(sender, alias, **kwargs):
    """Two processes finding the index missing at once make one index, and one filling:
    a second would build the index again and swap it in under the first's writes."""
    try:
        if not _queued(refill_engine_index_task):
            refill_engine_index_task.enqueue()
    except Exception:  # `rebuild_search_index` fills it too
        logger.exception("Search engine: could not queue the filling of index %s.", alias)


@receiver(worker_housekeeping)
def replay_missed_engine_updates(sender, **kwargs):
    """Searches queue the replay when the engine answers again; with nobody searching,
    the worker's rounds do (the replay stops at the engine's first failure)."""
    if not settings.SEARCH_URL or not PendingEngineUpdate.objects.exists():
        return
    if not _queued(replay_engine_updates_task):  # one at a time, whatever the workers
        replay_engine_updates_task.enqueue()


@receiver(database_restored)
def rebuild_index_after_restore(sender, **kwargs):
    """The database's index came back with the backup; the engine's still holds the pages
    of after it: both are rebuilt from the restored pages (the engine tried even with
    its breaker open, as `rebuild_search_index` does)."""
    indexed = indexing.rebuild()
    return f"Search index rebuilt: {indexed} page(s)."


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def synonyms_changed(sender, instance, **kwargs):
    """Every process reads the groups again at its next search (after commit, so none
    reads them before the change is there); the engine reloads them in the background."""
    transaction.on_commit(synonyms.changed)
    if settings.SEARCH_URL:
        transaction.on_commit(reload_engine_synonyms_task.enqueue)
