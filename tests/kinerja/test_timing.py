"""Standard times and due dates of a cycle, from its SOP steps and the Pemda's calendar."""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from kinerja.cycle import timing, worktime
from kinerja.cycle.sop_rules import StateRule
from sop.models import TimeUnit

WIB = ZoneInfo("Asia/Jakarta")


def step(waktu, satuan):
    return SimpleNamespace(waktu=Decimal(waktu), satuan=satuan)


def test_a_fraction_of_a_day_counts_the_calendars_office_minutes():
    default = worktime.Calendar()  # 07:30-16:00
    short = worktime.Calendar(start=datetime.time(8, 0), end=datetime.time(16, 0))
    assert timing.step_time(step("1.5", TimeUnit.HARI), default) == (255.0, 1)
    assert timing.step_time(step("1.5", TimeUnit.HARI), short) == (240.0, 1)
    assert timing.step_time(step("2", TimeUnit.JAM), short) == (120.0, 0)
    assert timing.step_time(step("45", TimeUnit.MENIT), short) == (45.0, 0)


def test_a_states_standard_time_sums_its_steps():
    rule = StateRule(
        steps=(step("30", TimeUnit.MENIT), step("1", TimeUnit.JAM), step("2", TimeUnit.HARI)),
        roles=frozenset(),
    )
    cal = worktime.Calendar()
    assert timing.state_time(rule, cal) == (90.0, 2)
    assert timing.standard_minutes(rule, cal) == 90 + 2 * 510
    assert worktime.describe_minutes(timing.standard_minutes(rule, cal), cal) == "2 hari 1 jam 30 menit"


def test_without_an_sop_every_state_gets_its_fallback_days():
    start = datetime.datetime(2026, 10, 5, 9, 0, tzinfo=WIB)  # a Monday
    due = timing.plan_due(None, start, "disposisi", worktime.Calendar())
    days = [
        datetime.datetime.fromisoformat(due[s]).date()
        for s in ("disposisi", "pengumpulan", "rekap", "reviu", "pengesahan")
    ]
    # 1, 5, 2, 2, 1 working days, each counted from the previous state's due time.
    assert days == [
        datetime.date(2026, 10, 6),
        datetime.date(2026, 10, 13),
        datetime.date(2026, 10, 15),
        datetime.date(2026, 10, 19),
        datetime.date(2026, 10, 20),
    ]
    assert "arsip" not in due
    assert set(timing.FALLBACK_DAYS) == set(due)
