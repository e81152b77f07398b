"""Publish, unpublish, delete, move and privacy changes update the index, after commit;
a new, empty engine index is filled."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .signals import engine_index_created
from .tasks import refill_engine_index_task, update_page_task, update_subtree_task

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


@receiver(engine_index_created)
def fill_new_engine_index(sender, alias, **kwargs):
    try:
        refill_engine_index_task.enqueue()
    except Exception:  # `rebuild_search_index` fills it too
        logger.exception("Search engine: could not queue the filling of index %s.", alias)
