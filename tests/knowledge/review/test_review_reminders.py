"""Reminders to the owners of pages due for review: a digest per person and day, each
reminder once per person, page, date and kind, even run twice, by two workers, or after
the mail server failed."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from knowledge.models import (
    ContentReview,
    GuidePage,
    ReviewReminder,
)
from knowledge.review.reminders import send_due_reminders
from tests.factories import add_page
from web.signals import worker_housekeeping

pytestmark = pytest.mark.django_db


@pytest.fixture
def former_expert(body, staff_roles, make_user):
    body.refresh_from_db()
    return make_user(body.group.name, username="former", is_staff=True, is_active=False)


def _due_in(page, days):
    ContentReview.objects.filter(page_id=page.pk).update(
        review_by=timezone.localdate() + datetime.timedelta(days=days)
    )


@pytest.fixture
def scene(guides, section, expert, former_expert, editor):
    soon = add_page(section, GuidePage, title="Bientôt dû")
    overdue = add_page(section, GuidePage, title="En retard")
    later = add_page(section, GuidePage, title="Plus tard")
    editors = add_page(guides, GuidePage, title="Guide des éditeurs")
    _due_in(soon, 10)
    _due_in(overdue, -3)
    _due_in(later, 200)
    _due_in(editors, 5)
    mail.outbox.clear()
    return soon, overdue, later, editors


def _to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_owner_gets_one_digest_of_their_due_pages(scene, expert, editor):
    soon, overdue, later, editors = scene
    assert send_due_reminders() == 2
    (digest,) = _to(expert.email)
    assert digest.subject == "2 pages to review"
    assert "Bientôt dû" in digest.body and "En retard" in digest.body
    assert "Plus tard" not in digest.body and "Guide des éditeurs" not in digest.body
    assert "Overdue: to review by" in digest.body
    assert f"http://testserver/admin/pages/{overdue.pk}/edit/" in digest.body
    assert "http://testserver/admin/reports/content-to-review/" in digest.body
    (editors_digest,) = _to(editor.email)
    assert editors_digest.subject == "A page to review"
    assert "Guide des éditeurs" in editors_digest.body
    assert len(mail.outbox) == 2  # the inactive member gets nothing
    kinds = set(ReviewReminder.objects.filter(recipient=expert).values_list("page", "kind"))
    assert kinds == {(soon.pk, "due_soon"), (overdue.pk, "overdue")}


def test_a_second_run_sends_nothing_again(scene):
    send_due_reminders()
    sent = len(mail.outbox)
    assert send_due_reminders() == 0
    assert len(mail.outbox) == sent


def test_once_per_page_date_and_kind_then_once_more_when_overdue(scene, expert):
    soon = scene[0]
    send_due_reminders()
    mail.outbox.clear()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert send_due_reminders(now=tomorrow) == 0  # told of it already
    past_due = timezone.now() + datetime.timedelta(days=11)
    send_due_reminders(now=past_due)
    (digest,) = _to(expert.email)
    assert digest.subject == "A page to review"
    assert "Bientôt dû" in digest.body and "Overdue" in digest.body
    assert ReviewReminder.objects.filter(recipient=expert, page=soon).count() == 2


def test_one_email_per_person_per_day(scene, expert, section):
    send_due_reminders()
    mail.outbox.clear()
    newly_due = add_page(section, GuidePage, title="Nouvellement dû")
    _due_in(newly_due, 2)
    assert send_due_reminders() == 0  # the same day: it waits for tomorrow's digest
    send_due_reminders(now=timezone.now() + datetime.timedelta(days=1))
    (digest,) = _to(expert.email)
    assert "Nouvellement dû" in digest.body


def test_a_failing_mail_server_leaves_them_for_the_next_run(scene, expert, monkeypatch):
    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert send_due_reminders() == 0  # no crash
    assert not ReviewReminder.objects.exists()
    monkeypatch.undo()
    assert send_due_reminders() == 2
    assert len(_to(expert.email)) == 1
    assert send_due_reminders() == 0


def test_a_reminder_claimed_by_another_run_is_not_sent_twice(scene, expert):
    soon, overdue = scene[:2]
    now = timezone.now()
    for page, kind in ((soon, "due_soon"), (overdue, "overdue")):
        ReviewReminder.objects.create(
            recipient=expert,
            page=page,
            review_by=ContentReview.objects.get(page_id=page.pk).review_by,
            kind=kind,
            claim="00000000-0000-0000-0000-000000000001",
            claimed_at=now,  # another worker is sending it right now
        )
    send_due_reminders()
    assert _to(expert.email) == []


def test_a_claim_left_by_a_run_that_died_is_taken_again(scene, expert):
    soon = scene[0]
    ReviewReminder.objects.create(
        recipient=expert,
        page=soon,
        review_by=ContentReview.objects.get(page_id=soon.pk).review_by,
        kind="due_soon",
        claim="00000000-0000-0000-0000-000000000002",
        claimed_at=timezone.now() - datetime.timedelta(hours=2),
    )
    send_due_reminders()
    (digest,) = _to(expert.email)
    assert "Bientôt dû" in digest.body
    assert ReviewReminder.objects.filter(page=soon, recipient=expert).get().sent_at


def test_the_digest_is_in_the_recipients_language(scene, expert, settings):
    settings.LANGUAGE_CODE = "fr"
    profile = UserProfile.get_for_user(expert)
    profile.preferred_language = "en"
    profile.save()
    send_due_reminders()
    (digest,) = _to(expert.email)
    assert digest.subject == "2 pages to review"


def test_unpublished_pages_are_not_reminded(scene, expert):
    for page in scene:
        page.unpublish()
    assert send_due_reminders() == 0


def test_the_workers_rounds_send_them(scene, expert):
    worker_housekeeping.send(sender=None)  # the tests' task queue runs it at once
    assert len(_to(expert.email)) == 1
    worker_housekeeping.send(sender=None)
    assert len(_to(expert.email)) == 1


def test_the_command_sends_them_for_cron(scene, expert, capsys):
    call_command("send_review_reminders")
    assert "2 review reminder email(s) sent." in capsys.readouterr().out
    assert len(_to(expert.email)) == 1


def test_the_workers_rounds_queue_them_hourly_at_most(settings):
    from django_tasks_db.models import DBTaskResult

    from knowledge import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    runs = DBTaskResult.objects.filter(task_path=tasks.send_review_reminders.module_path)
    for _ in range(3):  # rounds a minute apart, or a second worker
        worker_housekeeping.send(sender=None)
    assert runs.count() == 1
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    assert tasks.queue_review_reminders(now=later)
    assert runs.count() == 2
