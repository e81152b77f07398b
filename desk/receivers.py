"""Side effects of the request desk's steps, hung on its signal."""

from django.conf import settings
from django.dispatch import receiver

from .notifications import queue_notifications
from .signals import request_event_recorded


@receiver(request_event_recorded)
def notify_people_concerned(sender, event, **kwargs):
    if not settings.DESK_NOTIFICATIONS_ENABLED:
        return
    queue_notifications(event)
