"""Background tasks of the knowledge base (Django's tasks API)."""

from django_tasks import task

from .review import reminders


@task()
def send_review_reminders():
    """The owners' review digests (`knowledge/review/reminders.py`): idempotent, so
    the worker's rounds may queue it as often as they come."""
    return reminders.send_due_reminders()


def queued(queued_task):
    """Whether a run of `queued_task` waits or runs on the database queue."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=queued_task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()
