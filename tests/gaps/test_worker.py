"""The worker's rounds queue a refresh at most every GAPS_REFRESH_SECONDS; a failing
cache or task queue never fails a round nor a publication."""

from unittest import mock

import pytest
from django.core.cache import cache

from gaps import receivers
from gaps.models import GapItem
from tests.factories import searched_without_results
from web.signals import worker_housekeeping

pytestmark = pytest.mark.django_db


def test_the_housekeeping_round_refreshes_once_per_period():
    searched_without_results("hydrogène vert")
    task = receivers.refresh_gap_queue_task
    with mock.patch.object(receivers, "refresh_gap_queue_task", wraps=task) as queued:
        worker_housekeeping.send_robust(sender=None)
        worker_housekeeping.send_robust(sender=None)
    assert queued.enqueue.call_count == 1
    assert GapItem.objects.count() == 1  # the immediate backend ran it
    cache.delete(receivers.REFRESH_DUE)  # the period is over
    with mock.patch.object(receivers, "refresh_gap_queue_task") as queued:
        worker_housekeeping.send_robust(sender=None)
    assert queued.enqueue.call_count == 1


def test_a_failing_cache_skips_the_round():
    with (
        mock.patch.object(receivers.cache, "add", side_effect=ConnectionError("down")),
        mock.patch.object(receivers, "refresh_gap_queue_task") as queued,
    ):
        receivers.queue_refresh(sender=None)
    assert not queued.enqueue.called


def test_a_failing_queue_does_not_fail_a_publication(guides, committed, editor):
    from knowledge.models import GuidePage
    from tests.factories import add_page

    _, section = guides
    with (
        mock.patch.object(receivers, "close_covered_gaps_task") as queued,
        committed(),
    ):
        queued.enqueue.side_effect = RuntimeError("no queue")
        page = add_page(section, GuidePage, title="Publié malgré tout")
    assert queued.enqueue.called
    page.refresh_from_db()
    assert page.live
