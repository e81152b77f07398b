"""Reminders before a deadline and escalation after it (`desk.reminders`), run on a moved
clock (the job takes `today`), and the task that queues its own next run."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from desk import reminders, steps, tasks
from desk.models import HowToRequest, RequestEvent
from desk.models.events import Action
from desk.reminders import send_due_reminders
from web.working_days import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def working_day_before(due_date, days):
    """The working day `days` working days before `due_date`."""
    day = due_date
    while not (is_working_day(day) and working_days_between(day, due_date) == days):
        day -= datetime.timedelta(days=1)
    return day


def day_after(due_date):
    return add_working_days(due_date, 1)


@pytest.fixture
def run(committed):
    """The job on a given day, its emails delivered as after a real commit."""

    def run_on(today):
        mail.outbox.clear()
        with committed():
            return send_due_reminders(today=today)

    return run_on


def sent_to():
    return sorted(message.to[0] for message in mail.outbox)


def events_of(how_to_request, action):
    return list(how_to_request.events.filter(action=action))


@pytest.fixture
def routed(filed, coordinator, body, expert, other_expert, committed):
    with committed():
        steps.route(filed, coordinator, [body])
    return filed


def test_reminder_to_coordinators_n_working_days_before_qualification(filed, run, settings):
    assert settings.DESK_REMINDER_WORKING_DAYS == 2
    due = filed.due_date

    report = run(working_day_before(due, 3))
    assert (report.reminded, report.escalated) == (0, 0) and mail.outbox == []

    report = run(working_day_before(due, 2))
    assert report.reminded == 1
    assert sent_to() == ["coordinator@example.org"]  # they qualify; the holder is not told
    (reminder,) = events_of(filed, Action.REMIND)
    assert reminder.internal and reminder.actor is None
    assert reminder.details["stage"] == "qualification"
    assert reminder.details["due_date"] == due.isoformat()
    message = mail.outbox[0]
    assert filed.reference in message.subject
    # English msgid, or its French once the lead merges the catalogue.
    assert "to be qualified by" in message.body or "à qualifier" in message.body


def test_the_job_run_twice_the_same_day_sends_nothing_the_second_time(filed, run):
    day = working_day_before(filed.due_date, 1)
    assert run(day).reminded == 1 and len(mail.outbox) == 1
    again = run(day)
    assert (again.reminded, again.escalated, again.failed) == (0, 0, 0)
    assert mail.outbox == []
    # Nor on the next days before the date: once per stage.
    assert run(filed.due_date).reminded == 0 and mail.outbox == []
    assert len(events_of(filed, Action.REMIND)) == 1


def test_unclaimed_request_reminds_its_bodies_experts_claimed_its_assignee(
    routed, expert, run, make_user, body, committed
):
    colleague = make_user(body.group.name, username="colleague", is_staff=True)
    report = run(working_day_before(routed.due_date, 2))
    assert report.reminded == 1
    # The routed body's experts, not the other body's nor the coordinators.
    assert sent_to() == ["colleague@example.org", "expert@example.org"]
    assert events_of(routed, Action.REMIND)[0].details["stage"] == "answer"

    # A new clock (a follow-up) for a claimed request: its expert alone.
    with committed():
        steps.claim(routed, expert)
        steps.write_answer(routed, expert, "Le programme ADVENIR.")
        steps.follow_up(routed, routed.holder, "Et pour les bornes rapides ?")
    assert colleague.pk != expert.pk
    assert run(working_day_before(routed.due_date, 2)).reminded == 1
    assert sent_to() == ["expert@example.org"]


def test_a_new_stage_gets_its_own_reminder(filed, coordinator, body, expert, run, committed):
    assert run(working_day_before(filed.due_date, 2)).reminded == 1
    with committed():
        steps.route(filed, coordinator, [body])
    answer_due = filed.due_date
    assert run(working_day_before(answer_due, 2)).reminded == 1
    stages = [event.details["stage"] for event in events_of(filed, Action.REMIND)]
    assert stages == ["qualification", "answer"]


def test_a_paused_clock_is_never_reminded(routed, expert, run, committed):
    due = routed.due_date
    with committed():
        steps.claim(routed, expert)
        steps.ask_holder(routed, expert, "Combien de bornes ?")
    assert routed.due_date is None  # the holder has the ball
    for day in (working_day_before(due, 2), due, day_after(due)):
        report = run(day)
        assert (report.reminded, report.escalated) == (0, 0)
    assert mail.outbox == []
    assert not routed.events.filter(action__in=[Action.REMIND, Action.ESCALATE]).exists()


def test_a_resumed_clock_is_the_same_stage_not_reminded_twice(routed, expert, run, committed):
    assert run(working_day_before(routed.due_date, 2)).reminded == 1
    with committed():
        steps.claim(routed, expert)
        steps.ask_holder(routed, expert, "Combien de bornes ?")
        steps.reply(routed, routed.holder, "Dix.")
    # Resumed some days later: the same clock, a later date.
    later = add_working_days(routed.due_date, 4)
    HowToRequest.objects.filter(pk=routed.pk).update(due_date=later)
    assert run(working_day_before(later, 2)).reminded == 0
    # Overdue, it is still escalated.
    assert run(day_after(later)).escalated == 1


def test_overdue_request_is_escalated_to_coordinators_once(routed, expert, run, committed):
    with committed():
        steps.claim(routed, expert)
    due = routed.due_date
    report = run(day_after(due))
    assert (report.reminded, report.escalated) == (0, 1)
    assert sent_to() == ["coordinator@example.org"]
    (escalation,) = events_of(routed, Action.ESCALATE)
    assert escalation.internal
    assert escalation.details == {
        "stage": "answer",
        "due_date": due.isoformat(),
        "clock": routed.events.get(action=Action.ROUTE).pk,
    }
    body = mail.outbox[0].body
    assert "overdue" in body or "en retard" in body
    assert run(day_after(due)).escalated == 0
    assert run(add_working_days(due, 5)).escalated == 0 and mail.outbox == []


def test_nothing_is_sent_on_a_weekend(filed, run):
    saturday = filed.due_date + datetime.timedelta(days=(5 - filed.due_date.weekday()) % 7)
    assert saturday.weekday() == 5
    report = run(saturday)
    assert (report.reminded, report.escalated) == (0, 0) and mail.outbox == []


def test_closed_and_answered_requests_are_left_alone(routed, expert, run, committed):
    with committed():
        steps.claim(routed, expert)
        steps.write_answer(routed, expert, "Le programme ADVENIR.")
    report = run(add_working_days(datetime.date.today(), 40))
    assert (report.reminded, report.escalated) == (0, 0)


def test_a_request_that_fails_is_logged_and_the_others_go_on(
    filed, holder, request_data, run, monkeypatch, caplog, committed
):
    with committed():
        second = steps.file_request(holder, request_data(title="Deuxième demande"))
    real = reminders.due_action

    def failing_for_the_first(how_to_request, today):
        if how_to_request.pk == filed.pk:
            raise RuntimeError("boom")
        return real(how_to_request, today)

    monkeypatch.setattr(reminders, "due_action", failing_for_the_first)
    with caplog.at_level(logging.ERROR, logger="desk.reminders"):
        report = run(working_day_before(filed.due_date, 1))
    assert (report.reminded, report.failed) == (1, 1)
    assert f"request #{filed.pk}" in caplog.text
    assert events_of(second, Action.REMIND) and not events_of(filed, Action.REMIND)

    monkeypatch.setattr(reminders, "due_action", real)
    assert run(working_day_before(filed.due_date, 1)).reminded == 1  # the next run catches up


def test_the_command_runs_the_job(filed, committed, capsys, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a: working_day_before(filed.due_date, 2)
    )
    with committed():
        call_command("send_desk_reminders")
        call_command("send_desk_reminders")
    out = capsys.readouterr().out
    assert "1 reminder(s), 0 escalation(s)" in out
    assert "0 reminder(s), 0 escalation(s)" in out
    assert RequestEvent.objects.filter(action=Action.REMIND).count() == 1


def test_next_run_is_the_next_seven_o_clock_in_paris(settings):
    assert settings.DESK_REMINDERS_AT == "07:00"
    before = datetime.datetime(2026, 12, 1, 6, 59, tzinfo=PARIS)
    assert tasks.next_reminders_run(before) == datetime.datetime(2026, 12, 1, 7, 0, tzinfo=PARIS)
    at = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=PARIS)
    assert tasks.next_reminders_run(at) == datetime.datetime(2026, 12, 2, 7, 0, tzinfo=PARIS)
    # Across the change to summer time, still 07:00 on the wall clock (05:00 UTC).
    spring = datetime.datetime(2027, 3, 27, 22, 0, tzinfo=datetime.UTC)
    run_after = tasks.next_reminders_run(spring)
    assert run_after.astimezone(datetime.UTC) == datetime.datetime(
        2027, 3, 28, 5, 0, tzinfo=datetime.UTC
    )


def pending_runs():
    return DBTaskResult.objects.filter(
        task_path=tasks.send_reminders_daily.module_path, status=TaskResultStatus.READY
    )


@override_settings(TASKS=DATABASE_QUEUE)
def test_scheduling_keeps_exactly_one_pending_run(db, capsys):
    first = tasks.schedule_reminders()
    assert first is not None and first > datetime.datetime.now(datetime.UTC)
    call_command("schedule_desk_reminders")
    call_command("schedule_desk_reminders")
    assert pending_runs().count() == 1
    assert pending_runs().get().run_after == first
    assert "Desk reminders queued for" in capsys.readouterr().out

    # Two runs queued by a race: the next scheduling keeps the earliest only.
    tasks.send_reminders_daily.using(run_after=first + datetime.timedelta(hours=1)).enqueue()
    assert pending_runs().count() == 2
    assert tasks.schedule_reminders() == first
    assert pending_runs().count() == 1


@override_settings(TASKS=DATABASE_QUEUE)
def test_each_run_queues_the_next_even_when_it_fails(db, monkeypatch):
    tasks.schedule_reminders()
    # The worker takes the queued run.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    assert tasks.send_reminders_daily.call() == {"reminded": 0, "escalated": 0, "failed": 0}
    (next_run,) = pending_runs()
    assert next_run.run_after > datetime.datetime.now(datetime.UTC)

    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)

    def broken(today=None):
        raise RuntimeError("database gone")

    monkeypatch.setattr(reminders, "send_due_reminders", broken)
    with pytest.raises(RuntimeError):
        tasks.send_reminders_daily.call()
    assert pending_runs().count() == 1


def test_without_a_database_queue_scheduling_says_to_use_cron(db, capsys):
    # Tests run tasks at once: no deferred run can be queued.
    assert tasks.schedule_reminders() is None
    call_command("schedule_desk_reminders")
    assert "send_desk_reminders" in capsys.readouterr().out
