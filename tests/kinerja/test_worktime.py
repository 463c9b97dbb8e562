"""Due-date arithmetic in working time: office hours, weekends, holidays (pure functions)."""

import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kinerja.cycle.worktime import (
    Calendar,
    add_working_minutes,
    add_working_time,
    describe_minutes,
    working_minutes_between,
)

WIB = ZoneInfo("Asia/Jakarta")
CAL = Calendar()


def at(day, hour=9, minute=0):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=WIB)


def test_minutes_within_the_same_day():
    assert add_working_minutes(at(23, 9), 120, CAL) == at(23, 11)  # Monday


def test_minutes_spill_into_the_next_working_day():
    # Monday 15:00 + 120 min: 60 min until 16:00, then 60 from 07:30 Tuesday.
    assert add_working_minutes(at(23, 15), 120, CAL) == at(24, 8, 30)


def test_friday_afternoon_continues_on_monday():
    assert add_working_minutes(at(20, 15, 30), 60, CAL) == at(23, 8, 0)  # Fri 20 Nov -> Mon 23 Nov


def test_starting_outside_office_hours_counts_from_opening():
    assert add_working_minutes(at(21, 10), 30, CAL) == at(23, 8, 0)  # Saturday
    assert add_working_minutes(at(23, 6), 30, CAL) == at(23, 8, 0)  # Monday before 07:30
    assert add_working_minutes(at(23, 17), 30, CAL) == at(24, 8, 0)  # Monday after 16:00


def test_days_skip_weekends_and_holidays():
    holiday = Calendar(holidays=frozenset({datetime.date(2026, 11, 24)}))
    assert add_working_time(at(20, 10), days=2, cal=CAL) == at(24, 10)  # Fri -> Tue
    assert add_working_time(at(23, 10), days=1, cal=holiday) == at(25, 10)  # Tue is a holiday
    assert add_working_time(at(20, 10), days=1, cal=CAL) == at(23, 10)  # Fri -> Mon


def test_minutes_and_days_together():
    # Monday 15:30 + 2 hours -> Tuesday 09:00, + 2 days -> Thursday 09:00
    assert add_working_time(at(23, 15, 30), minutes=120, days=2, cal=CAL) == at(26, 9, 0)


def test_working_minutes_between_counts_office_time_only():
    assert working_minutes_between(at(20, 15), at(23, 8, 30), CAL) == 60 + 60  # Fri 15-16, Mon 7:30-8:30
    assert working_minutes_between(at(23, 10), at(23, 9), CAL) == 0


def test_describe_minutes():
    assert describe_minutes(510 * 2 + 75, CAL) == "2 hari 1 jam 15 menit"
    assert describe_minutes(0, CAL) == "0 menit"


@given(
    start_day=st.integers(min_value=2, max_value=27),
    hour=st.integers(min_value=0, max_value=23),
    minutes=st.integers(min_value=1, max_value=5000),
)
def test_adding_then_measuring_gives_back_the_minutes(start_day, hour, minutes):
    start = at(start_day, hour)
    end = add_working_minutes(start, minutes, CAL)
    assert abs(working_minutes_between(start, end, CAL) - minutes) < 1e-6
    assert end.weekday() < 5
    assert datetime.time(7, 30) <= end.timetz().replace(tzinfo=None) <= datetime.time(16, 0)
