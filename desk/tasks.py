"""Background tasks of the request desk (Django's tasks API): delivering the outbox, and
the daily reminders (`reminders.py`), which queue their own next run; drafting the Q&A
page of a consented answer once it is accepted (`steps.draft_accepted_answer`); telling
the answers that cite a page of its republication (`citations.tell_of_publication`), and
the housekeeping's catch-up of what that missed (`queue_untold_citations`).

The outbox itself (who is told, what the email says, sending one at most once) is in
`notifications.py`; this module decides when each delivery runs and runs it again after
a failure. Receivers and commands call it; `notifications.py` never calls back here.
"""

import logging
from dataclasses import asdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import citations, notifications, reminders, steps
from .models import Notification

logger = logging.getLogger(__name__)


def deliver_and_reschedule(notification_id):
    """Send one notification; after a failure that leaves it pending, queue a retry."""
    notification = notifications.deliver(notification_id)
    if notification is None:
        return False
    if notification.state == Notification.State.PENDING:
        enqueue([notification.pk], run_after=notification.next_attempt_at)
    return notification.state == Notification.State.SENT


@task()
def deliver_notification(notification_id):
    return deliver_and_reschedule(notification_id)


def enqueue(notification_ids, run_after=None):
    """Queue the delivery of these notifications (never raises: the outbox keeps them)."""
    queued_task = deliver_notification
    if run_after is not None:
        if not queued_task.get_backend().supports_defer:
            return  # picked up by retry_due_notifications
        queued_task = queued_task.using(run_after=run_after)
    for pk in notification_ids:
        try:
            queued_task.enqueue(pk)
        except Exception:  # the outbox keeps it; a later retry sends it
            logger.exception("Could not queue notification %s", pk)


def queue_forgotten_notifications(now=None):
    """Queue the delivery of what is due and has no delivery queued: cut off by a
    stopped worker, or whose retry could not be queued. Returns how many were queued.
    Run by the worker's housekeeping; the queued ones are skipped, so a backlog is not
    queued twice."""
    due = notifications.due_for_retry(now or timezone.now())
    if not due:
        return 0
    queued = DBTaskResult.objects.filter(
        task_path=deliver_notification.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    queued_ids = {args_kwargs["args"][0] for args_kwargs in queued if args_kwargs.get("args")}
    forgotten = [pk for pk in due if pk not in queued_ids]
    enqueue(forgotten)
    return len(forgotten)


def retry_due_notifications(now=None):
    """Send what is due: pending past its time, or stuck in sending after a crash."""
    due = notifications.due_for_retry(now or timezone.now())
    return sum(deliver_and_reschedule(pk) for pk in due)


@task()
def send_reminders_daily():
    """The daily run of the reminders. django-tasks has no periodic tasks: each run
    queues the next, also when it fails (`schedule_reminders` queues the first)."""
    try:
        report = reminders.send_due_reminders()
    finally:
        schedule_reminders()
    return asdict(report)


def next_reminders_run(now=None):
    """The next `DESK_REMINDERS_AT` (local time, `TIME_ZONE`) after `now`."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(now or timezone.now(), zone)
    at = time.fromisoformat(settings.DESK_REMINDERS_AT)
    run = datetime.combine(local.date(), at, tzinfo=zone)
    if run <= local:
        run = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=zone)
    return run


def schedule_reminders(now=None):
    """Make sure exactly one run of the reminders is queued; return when it runs.

    Idempotent: an existing pending run is kept (a past one runs as soon as a worker
    is up), any extra one deleted. Returns None when the queue is not the database's
    (tests run tasks at once; `manage.py send_desk_reminders` from cron does it then)."""
    queued_task = send_reminders_daily
    backend = queued_task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return None
    with transaction.atomic():
        pending = list(
            DBTaskResult.objects.select_for_update()
            .filter(
                task_path=queued_task.module_path,
                backend_name=backend.alias,
                status=TaskResultStatus.READY,
            )
            .order_by("run_after", "enqueued_at")
        )
        if pending:
            kept, *extra = pending
            if extra:
                DBTaskResult.objects.filter(pk__in=[result.pk for result in extra]).delete()
            return kept.run_after
        run_after = next_reminders_run(now)
        queued_task.using(run_after=run_after).enqueue()
        return run_after


@task()
def draft_qa_page(request_id):
    """The Q&A page of a consented answer just accepted (`steps.draft_accepted_answer`)."""
    event = steps.draft_accepted_answer(request_id)
    return event.action if event is not None else None


def enqueue_qa_draft(request_id):
    """Queue the drafting after the acceptance's commit (never raises: the acceptance
    stands, and the coordinator may still draft by hand)."""
    try:
        draft_qa_page.enqueue(request_id)
    except Exception:
        logger.exception("Could not queue the Q&A draft of request %s", request_id)


@task()
def tell_of_cited_page_change(page_id, revision_id):
    """A guide or Q&A page published at `revision_id`: the answers citing it hear of a
    change in its content, once (`desk.citations`). Returns how many requests were told."""
    return len(citations.tell_of_publication(page_id, revision_id))


def enqueue_cited_page_change(page_id, revision_id):
    """Queue the alerts after the publication's commit (never raises: the publication
    stands, and `queue_untold_citations` queues it again later)."""
    try:
        tell_of_cited_page_change.enqueue(page_id, revision_id)
    except Exception:
        logger.exception("Could not queue the alerts of cited page %s", page_id)


def queue_untold_citations(now=None):
    """Queue the alerts of publications still untold (`citations.untold_publications`):
    a task that could not be queued, or was lost. Run by the worker's housekeeping;
    a publication whose task waits, runs, or has failed for that revision (its
    traceback is in the task's result; the next publication tries again) is not queued
    again. Returns how many were queued."""
    untold = citations.untold_publications(now)
    if not untold:
        return 0
    seen = DBTaskResult.objects.filter(
        task_path=tell_of_cited_page_change.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED],
    ).values_list("args_kwargs", flat=True)
    seen_args = {tuple(args_kwargs.get("args") or ()) for args_kwargs in seen}
    forgotten = [pair for pair in untold if tuple(pair) not in seen_args]
    for page_id, revision_id in forgotten:
        enqueue_cited_page_change(page_id, revision_id)
    return len(forgotten)
