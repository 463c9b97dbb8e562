"""Working-time arithmetic (pure, no ORM): office hours, working days, holidays as data.

Standard times in an SOP count ``menit`` and ``jam`` within office hours (07:30-16:00 by
default) and ``hari`` as working days, Monday to Friday, skipping the Pemda's holidays.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Calendar:
    start: datetime.time = datetime.time(7, 30)
    end: datetime.time = datetime.time(16, 0)
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)

    @property
    def minutes_per_day(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays


def _at(day: datetime.date, time: datetime.time, tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=tzinfo)


def _next_working_start(moment: datetime.datetime, cal: Calendar) -> datetime.datetime:
    """The moment itself if inside office hours, else the next opening time."""
    day = moment.date()
    tz = moment.tzinfo
    while True:
        if cal.is_working_day(day):
            opening, closing = _at(day, cal.start, tz), _at(day, cal.end, tz)
            if moment < opening:
                return opening
            if moment < closing:
                return moment
        day += datetime.timedelta(days=1)
        moment = _at(day, datetime.time(0, 0), tz)


def add_working_minutes(start: datetime.datetime, minutes: float, cal: Calendar) -> datetime.datetime:
    """``minutes`` of office time after ``start`` (counting starts at the next opening)."""
    current = _next_working_start(start, cal)
    remaining = float(minutes)
    while remaining > 0:
        closing = _at(current.date(), cal.end, current.tzinfo)
        available = (closing - current).total_seconds() / 60
        if remaining <= available:
            return current + datetime.timedelta(minutes=remaining)
        remaining -= available
        current = _next_working_start(closing + datetime.timedelta(seconds=1), cal)
    return current


def add_working_time(
    start: datetime.datetime, *, minutes: float = 0, days: int = 0, cal: Calendar
) -> datetime.datetime:
    """Minutes within office hours, then whole working days."""
    moment = add_working_minutes(start, minutes, cal) if minutes else start
    if days:
        moment = _next_working_start(moment, cal)
        day = moment.date()
        remaining = days
        while remaining:
            day += datetime.timedelta(days=1)
            if cal.is_working_day(day):
                remaining -= 1
        moment = _at(day, moment.timetz().replace(tzinfo=None), moment.tzinfo)
    return moment


def working_minutes_between(start: datetime.datetime, end: datetime.datetime, cal: Calendar) -> float:
    """Office minutes between two moments (0 when end is not after start)."""
    if end <= start:
        return 0.0
    total = 0.0
    current = _next_working_start(start, cal)
    while current < end:
        closing = _at(current.date(), cal.end, current.tzinfo)
        stop = min(closing, end)
        if stop > current:
            total += (stop - current).total_seconds() / 60
        current = _next_working_start(closing + datetime.timedelta(seconds=1), cal)
    return total


def standard_minutes(minutes: float, days: int, cal: Calendar) -> float:
    """A standard time in office minutes (a working day counts its office hours)."""
    return float(minutes) + days * cal.minutes_per_day


def describe_minutes(minutes: float, cal: Calendar) -> str:
    """``2 hari 3 jam 15 menit`` in office time."""
    minutes = round(minutes)
    days, rest = divmod(minutes, cal.minutes_per_day)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return " ".join(parts)
