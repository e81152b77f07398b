"""Side effects of the request desk's steps, hung on its signal."""

from django.dispatch import receiver

from .notifications import queue_notifications
from .signals import request_event_recorded


@receiver(request_event_recorded)
def notify_people_concerned(sender, event, **kwargs):
    queue_notifications(event)
