"""Background tasks of the request desk (Django's tasks API): delivering the outbox.

The outbox itself (who is told, what the email says, sending one at most once) is in
`notifications.py`; this module decides when each delivery runs and runs it again after
a failure. Receivers and commands call it; `notifications.py` never calls back here.
"""

import logging

from django.utils import timezone
from django_tasks import task

from . import notifications
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


def retry_due_notifications(now=None):
    """Send what is due: pending past its time, or stuck in sending after a crash."""
    due = notifications.due_for_retry(now or timezone.now())
    return sum(deliver_and_reschedule(pk) for pk in due)
