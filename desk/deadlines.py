"""Deadlines counted in French working days (Monday to Friday, less public holidays),
and how each change of state starts, pauses, resumes or stops them."""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from .states import ANSWER_STAGE, QUALIFICATION_STAGE, WAITING_FOR_HOLDER


@lru_cache(maxsize=64)
def _public_holidays(year):
    # Metropolitan France: the region's own calendar.
    return frozenset(holidays.France(years=year).keys())


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start, days):
    """The date `days` working days after `start` (a date); 0 gives `start` itself."""
    if days < 0:
        raise ValueError("days must be positive")
    day = start
    while days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def apply_deadline(how_to_request, new_status, *, start_answer_clock=False, today=None):
    """Start, pause, resume or stop the clock as the request moves to `new_status`.

    The steps that start a fresh answer deadline (routing, a follow-up question) say so
    in their declaration (`desk.steps`), which passes `start_answer_clock`."""
    today = today or timezone.localdate()
    old_status = how_to_request.status
    if new_status in WAITING_FOR_HOLDER and old_status not in WAITING_FOR_HOLDER:
        if how_to_request.due_date is not None:
            how_to_request.days_left_when_paused = working_days_between(
                today, how_to_request.due_date
            )
        how_to_request.due_date = None
    elif old_status in WAITING_FOR_HOLDER and new_status not in WAITING_FOR_HOLDER:
        how_to_request.due_date = add_working_days(today, how_to_request.days_left_when_paused or 0)
        how_to_request.days_left_when_paused = None
    elif start_answer_clock:
        how_to_request.due_date = add_working_days(today, settings.DESK_ANSWER_DAYS)
    elif new_status not in ANSWER_STAGE | QUALIFICATION_STAGE:
        how_to_request.due_date = None
