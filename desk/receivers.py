"""Side effects of the request desk's steps, hung on its signal."""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from projects.signals import project_event_recorded

from . import tasks
from .notifications import queue_notifications, queue_project_notifications
from .signals import request_event_recorded


@receiver(request_event_recorded)
def notify_people_concerned(sender, event, **kwargs):
    """Write the outbox with the step; deliver once the step is committed."""
    if not settings.DESK_NOTIFICATIONS_ENABLED:
        return
    created = queue_notifications(event)
    if created:
        transaction.on_commit(lambda: tasks.enqueue(created))


@receiver(project_event_recorded)
def notify_people_of_project_step(sender, event, **kwargs):
    """The projects' steps use the same outbox."""
    if not settings.DESK_NOTIFICATIONS_ENABLED:
        return
    created = queue_project_notifications(event)
    if created:
        transaction.on_commit(lambda: tasks.enqueue(created))
