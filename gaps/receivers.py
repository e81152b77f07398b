"""The queue follows the site: the worker refreshes it, publications close its items.

Both queue a task after commit and do nothing else: a refresh reads every source, and a
publication must never wait on (nor fail with) the queue.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from web.signals import worker_housekeeping

from .tasks import close_covered_gaps_task, refresh_gap_queue_task

logger = logging.getLogger(__name__)

# Set while a refresh is queued or was run less than GAPS_REFRESH_SECONDS ago.
REFRESH_DUE = "gaps:refresh-queued"


@receiver(worker_housekeeping)
def queue_refresh(sender, **kwargs):
    """At most one refresh every GAPS_REFRESH_SECONDS, whatever the workers: the first
    to set the flag queues it. A failing cache skips a round; the next one tries again."""
    try:
        due = cache.add(REFRESH_DUE, True, timeout=settings.GAPS_REFRESH_SECONDS)
    except Exception:
        logger.warning("Guidance gaps: the cache does not answer; refresh left for later.")
        return
    if due:
        refresh_gap_queue_task.enqueue()


@receiver(page_published)
def close_covered_gaps(sender, instance, **kwargs):
    def queue():
        try:
            close_covered_gaps_task.enqueue(instance.pk)
        except Exception:  # the next refresh closes them
            logger.exception("Guidance gaps: could not queue the check of page %s.", instance.pk)

    transaction.on_commit(queue)
