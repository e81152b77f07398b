"""French working days (Monday to Friday, less public holidays): the unit of every
deadline of the programme, the desk's and Commission 15's alike."""

import datetime
from functools import lru_cache

import holidays


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


def working_days_before(end, days):
    """The latest date `days` working days before `end`: `working_days_between` of it
    and `end` is `days` (0 gives `end` itself)."""
    if days < 0:
        raise ValueError("days must be positive")
    day = end
    while days:
        if is_working_day(day):
            days -= 1
        day -= datetime.timedelta(days=1)
    return day
