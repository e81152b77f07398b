"""Reminders before a deadline and escalation after it: what the desk sends by itself.

Once a day (`tasks.send_reminders_daily`, or `manage.py send_desk_reminders`), every
request whose clock runs is looked at: `DESK_REMINDER_WORKING_DAYS` working days or fewer
before its due date, whoever holds the ball is reminded (`notifications.RESPONSIBLE`);
once the date has passed, the coordinators are told it is overdue. A paused clock (the
holder has the ball) has no due date and is never looked at.

Each is recorded as an internal timeline event (`Action.REMIND`, `Action.ESCALATE`), and
its emails go through the outbox like any step's. The event is the memory that makes
sending idempotent without a table of its own: it names the stage, the due date and the
clock (the event that started it: filing for the qualification deadline, the steps
declared with `starts_answer_clock` for the answer), and none is recorded twice for one
clock, checked under a lock on the request. So a run repeated the same day sends nothing,
a clock paused and resumed (same stage, later date) is not reminded again, and a new
clock (routing, a follow-up) gets reminders of its own.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from web.working_days import add_working_days, is_working_day, working_days_between

from . import steps
from .models import HowToRequest, RequestEvent
from .models.events import Action
from .states import ANSWER_STAGE, QUALIFICATION_STAGE, DeadlineStage, deadline_stage
from .timeline import record_event

logger = logging.getLogger(__name__)

# The events that start each stage's clock afresh (a resumed clock is the same clock).
CLOCK_STARTED_BY = {
    DeadlineStage.QUALIFICATION: frozenset({Action.SUBMIT}),
    DeadlineStage.ANSWER: frozenset(
        declared.action for declared in steps.CATALOGUE if declared.starts_answer_clock
    ),
}


@dataclass
class RunReport:
    reminded: int = 0
    escalated: int = 0
    failed: int = 0


def send_due_reminders(today=None):
    """Remind and escalate what is due `today` (a date; the local date by default).

    Each request in its own transaction: one that fails is logged and counted, and the
    others go on. Nothing is sent on a weekend or a public holiday: the next working day
    catches up, its window including what fell due meanwhile."""
    today = today or timezone.localdate()
    report = RunReport()
    if not is_working_day(today):
        return report
    # Every date up to N working days ahead (a due date on a non-working day included).
    horizon = add_working_days(today, settings.DESK_REMINDER_WORKING_DAYS + 1)
    candidates = (
        HowToRequest.objects.filter(
            status__in=QUALIFICATION_STAGE | ANSWER_STAGE,
            due_date__isnull=False,
            due_date__lt=horizon,
        )
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)
    )
    for pk in list(candidates):
        try:
            action = remind_or_escalate(pk, today)
        except Exception:
            logger.exception("Reminder for request #%s failed; the next run tries again", pk)
            report.failed += 1
            continue
        if action == Action.REMIND:
            report.reminded += 1
        elif action == Action.ESCALATE:
            report.escalated += 1
    return report


def due_action(how_to_request, today):
    """What the request calls for today: a reminder, an escalation, or None."""
    if deadline_stage(how_to_request.status) is None or how_to_request.due_date is None:
        return None  # paused, answered or closed: no clock runs
    if how_to_request.due_date < today:
        return Action.ESCALATE
    if working_days_between(today, how_to_request.due_date) <= (
        settings.DESK_REMINDER_WORKING_DAYS
    ):
        return Action.REMIND
    return None


def clock_of(how_to_request, stage):
    """The pk of the event that started the running clock (None if none is recorded)."""
    return (
        how_to_request.events.filter(action__in=CLOCK_STARTED_BY[stage])
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def remind_or_escalate(pk, today):
    """Record the reminder or escalation the request calls for, unless already sent for
    its clock; returns the action recorded, or None."""
    # The lock: a second run at the same moment waits here, then finds the event.
    how_to_request = HowToRequest.objects.select_for_update().filter(pk=pk).first()
    if how_to_request is None:
        return None
    action = due_action(how_to_request, today)
    if action is None:
        return None
    stage = deadline_stage(how_to_request.status)
    clock = clock_of(how_to_request, stage)
    already = RequestEvent.objects.filter(
        request=how_to_request, action=action, details__stage=stage.value
    )
    if clock is None:  # no starting event kept: the due date stands for the clock
        already = already.filter(details__due_date=how_to_request.due_date.isoformat())
    else:
        already = already.filter(details__clock=clock)
    if already.exists():
        return None
    record_event(
        how_to_request,
        None,
        action,
        internal=True,
        details={
            "stage": stage.value,
            "due_date": how_to_request.due_date.isoformat(),
            "clock": clock,
        },
    )
    return action
