import datetime

import pytest

from desk.deadlines import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 11, 27), True),  # a Friday
        (D(2026, 11, 28), False),  # Saturday
        (D(2026, 11, 29), False),  # Sunday
        (D(2026, 12, 25), False),  # Christmas, a Friday
        (D(2027, 3, 29), False),  # Easter Monday 2027
        (D(2027, 5, 6), False),  # Ascension 2027
        (D(2027, 7, 14), False),  # national day, a Wednesday
        (D(2027, 7, 15), True),
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


def test_add_working_days_skips_weekends_and_holidays():
    # Friday 18 Dec 2026 + 5 working days: 21, 22, 23, 24, (25 Christmas), 28.
    assert add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 28)
    # From a Saturday, the first working day is Monday.
    assert add_working_days(D(2026, 11, 28), 1) == D(2026, 11, 30)
    assert add_working_days(D(2026, 11, 27), 0) == D(2026, 11, 27)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 27), -1)


def test_working_days_between_is_the_inverse_of_adding():
    start = D(2027, 4, 30)  # before 1 May and 8 May, both holidays
    for days in range(0, 25):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(D(2026, 12, 1), D(2026, 11, 1)) == 0
