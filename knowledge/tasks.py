"""Background tasks of the knowledge base (Django's tasks API)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .review import reminders

# How often the worker's rounds (every minute or so) queue the review reminders: a run
# sends only what is due and unsent, and at most one digest a person a day, so an hourly
# run sends a digest early in the day without a queue row a minute.
REVIEW_REMINDERS_EVERY = timedelta(hours=1)


@task()
def send_review_reminders():
    """The owners' review digests (`knowledge/review/reminders.py`)."""
    return reminders.send_due_reminders()


def queue_review_reminders(now=None):
    """Queue a run unless one was queued within `REVIEW_REMINDERS_EVERY` (waiting,
    running or done) on the database queue. Returns whether it queued one."""
    from django_tasks_db.models import DBTaskResult

    since = (now or timezone.now()) - REVIEW_REMINDERS_EVERY
    if DBTaskResult.objects.filter(
        task_path=send_review_reminders.module_path, enqueued_at__gte=since
    ).exists():
        return False
    send_review_reminders.enqueue()
    return True
