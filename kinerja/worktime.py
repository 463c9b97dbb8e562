"""Working-time arithmetic (pure): working days Monday to Friday, holidays as data."""

import datetime
from collections.abc import Collection


def add_working_days(
    start: datetime.datetime, days: int, holidays: Collection[datetime.date] = ()
) -> datetime.datetime:
    """The same clock time ``days`` working days later (weekends and holidays skipped)."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current.date() not in holidays:
            remaining -= 1
    return current
