"""The outbox after a stopped worker (desk/notifications.py, desk/tasks.py): a
notification cut off while sending is sent again once, by the worker's own housekeeping,
after `NOTIFICATION_STALE_SENDING_SECONDS`; cut off again, it is given up; a backlog
already queued is not queued twice; an email sent while the database blinks is recorded,
not sent again."""

import datetime

import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from desk import notifications, tasks
from desk.models import Notification
from web.signals import worker_housekeeping

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def notification(filed):
    """The coordinators' notification of the filing, as a killed worker left it."""
    found = Notification.objects.filter(event__request=filed).first()
    found.state = Notification.State.SENDING
    found.next_attempt_at = timezone.now()  # its claim
    found.save()
    mail.outbox.clear()
    return found


def _cut_off(notification, seconds_ago):
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.SENDING,
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=seconds_ago),
    )


def test_a_notification_cut_off_while_sending_is_sent_again_once_after_the_delay(
    notification, settings
):
    settings.NOTIFICATION_STALE_SENDING_SECONDS = 300
    # Still within the delay: it may be in flight on a live worker.
    assert notifications.due_for_retry(timezone.now()) == []
    _cut_off(notification, seconds_ago=301)
    assert notifications.due_for_retry(timezone.now()) == [notification.pk]
    tasks.deliver_and_reschedule(notification.pk)
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.interrupted_at is not None


def test_a_notification_cut_off_twice_is_given_up(notification, settings):
    settings.NOTIFICATION_STALE_SENDING_SECONDS = 300
    _cut_off(notification, seconds_ago=301)
    notifications.due_for_retry(timezone.now())
    _cut_off(notification, seconds_ago=301)  # the retry's worker stopped too
    assert notifications.due_for_retry(timezone.now()) == []
    notification.refresh_from_db()
    assert notification.state == Notification.State.FAILED
    assert "twice" in notification.last_error
    assert mail.outbox == []


def test_the_workers_housekeeping_queues_what_is_due_and_not_queued(notification, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.NOTIFICATION_STALE_SENDING_SECONDS = 300
    _cut_off(notification, seconds_ago=301)
    pending = Notification.objects.exclude(pk=notification.pk).filter(event__isnull=False)
    # Another one pending and already queued (its delivery waits in the queue).
    queued = Notification.objects.create(
        event=notification.event, email="queued@example.org", language="fr"
    )
    tasks.enqueue([queued.pk])
    pending.exclude(pk=queued.pk).update(state=Notification.State.SENT)

    worker_housekeeping.send(sender=None)
    deliveries = DBTaskResult.objects.filter(task_path=tasks.deliver_notification.module_path)
    assert sorted(d.args_kwargs["args"][0] for d in deliveries) == sorted(
        [notification.pk, queued.pk]
    )
    worker_housekeeping.send(sender=None)  # the next round queues nothing twice
    assert deliveries.count() == 2
    # The daily reminders' run is queued too (its chain may have broken).
    reminders = DBTaskResult.objects.filter(task_path=tasks.send_reminders_daily.module_path)
    assert reminders.count() == 1


def test_an_email_sent_while_the_database_blinks_is_recorded_not_sent_again(filed, monkeypatch):
    pending = Notification.objects.filter(event__request=filed).first()
    Notification.objects.filter(pk=pending.pk).update(state=Notification.State.PENDING)
    mail.outbox.clear()
    real_save = Notification.save
    blinks = iter([True, True])

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") == ["state", "sent_at", "last_error"] and next(
            blinks, False
        ):
            raise OperationalError("the database system is shutting down")
        return real_save(self, *args, **kwargs)

    slept = []
    monkeypatch.setattr(Notification, "save", save)
    monkeypatch.setattr(notifications.time, "sleep", slept.append)
    # Closing the connection would end the test's transaction on PostgreSQL.
    monkeypatch.setattr(notifications, "close_old_connections", lambda: None)
    notifications.deliver(pending.pk)
    pending.refresh_from_db()
    assert pending.state == Notification.State.SENT
    assert len(mail.outbox) == 1 and slept == [1, 2]
