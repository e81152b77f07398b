"""Background tasks of the request desk (Django's tasks API)."""

from django_tasks import task

from . import notifications


@task()
def deliver_notification(notification_id):
    return notifications.deliver(notification_id)
