"""Time in a cycle, in one place: standard times, planned due dates, overdue, durations, compliance.

Standard times come from the cycle's SOP steps (``menit`` and ``jam`` within office hours, ``hari``
as working days; a fraction of a day counts the calendar's office minutes); a state the SOP gives
no step gets ``FALLBACK_DAYS``. The arithmetic itself is ``kinerja.cycle.worktime`` (pure).
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from kinerja.cycle import worktime
from kinerja.cycle.sop_rules import StateRule, rules
from kinerja.models import STATE_ORDER, Cycle, CycleTransition, Pemda, State
from sop.models import Holiday, SopRevision, SopStep, TimeUnit

# A state the SOP gives no step gets this many working days.
FALLBACK_DAYS = {
    State.DISPOSISI: 1,
    State.PENGUMPULAN: 5,
    State.REKAP: 2,
    State.REVIU: 2,
    State.PENGESAHAN: 1,
}


def calendar_for(pemda: Pemda | int) -> worktime.Calendar:
    pemda_id = pemda if isinstance(pemda, int) else pemda.pk
    return worktime.Calendar(
        holidays=frozenset(Holiday.objects.filter(pemda_id=pemda_id).values_list("date", flat=True))
    )


def step_time(step: SopStep, cal: worktime.Calendar) -> tuple[float, int]:
    """A step's standard time as (office minutes, whole working days)."""
    waktu = step.waktu
    if step.satuan == TimeUnit.MENIT:
        return float(waktu), 0
    if step.satuan == TimeUnit.JAM:
        return float(waktu) * 60, 0
    whole = int(waktu)
    return float(waktu - whole) * cal.minutes_per_day, whole


def state_time(rule: StateRule, cal: worktime.Calendar) -> tuple[float, int]:
    """The summed standard time of a state's steps as (office minutes, whole working days)."""
    minutes, days = 0.0, 0
    for step in rule.steps:
        step_minutes, step_days = step_time(step, cal)
        minutes += step_minutes
        days += step_days
    return minutes, days


def standard_minutes(rule: StateRule, cal: worktime.Calendar) -> float:
    """A state's standard time in office minutes (a working day counts its office hours)."""
    return worktime.standard_minutes(*state_time(rule, cal), cal)


# ---------------------------------------------------------------------------- due dates


def plan_due(
    revision: SopRevision | None, start: datetime.datetime, from_state: str, cal: worktime.Calendar
) -> dict[str, str]:
    """Due time of ``from_state`` and every later state, each counted from the previous one."""
    state_rules = rules(revision) if revision is not None else {}
    due, result = start, {}
    for state in STATE_ORDER[STATE_ORDER.index(from_state) :]:
        if state == State.ARSIP:
            break
        rule = state_rules.get(state)
        if rule is not None and rule.steps:
            minutes, days = state_time(rule, cal)
            due = worktime.add_working_time(due, minutes=minutes, days=days, cal=cal)
        else:
            due = worktime.add_working_time(due, days=FALLBACK_DAYS[state], cal=cal)
        result[state] = due.isoformat()
    return result


def plan_cycle(cycle: Cycle, start: datetime.datetime, from_state: str) -> dict[str, str]:
    """``plan_due`` for a cycle from ``start`` (its creation, or the moment a state really began)."""
    return plan_due(
        cycle.sop_revision, timezone.localtime(start), from_state, calendar_for(cycle.opd.pemda_id)
    )


def _due(cycle: Cycle, state: str) -> datetime.datetime | None:
    due_text = cycle.state_due.get(state)
    return datetime.datetime.fromisoformat(due_text) if due_text else None


def current_due(cycle: Cycle) -> datetime.datetime | None:
    """When the current state is due (None in arsip or when no due time is set)."""
    return None if cycle.state == State.ARSIP else _due(cycle, cycle.state)


def is_overdue(cycle: Cycle, now: datetime.datetime | None = None) -> bool:
    due = current_due(cycle)
    return bool(due and due < (now or timezone.now()))


# ---------------------------------------------------------------------------- durations


@dataclass
class StateStep:
    state: str
    label: str
    status: str  # done / current / todo
    due: datetime.datetime | None
    overdue: bool
    entered: datetime.datetime | None = None
    left: datetime.datetime | None = None
    standard: str = ""  # the SOP's standard time for the state
    taken: str = ""  # office time really spent (so far, for the current state)
    met: bool | None = None


def state_steps(cycle: Cycle, transitions) -> list[StateStep]:
    """Each state of the cycle: done/current/todo, its due time, and against the SOP's standard time
    the office time it took (its last visit; a returned state counts from its re-entry)."""
    now = timezone.now()
    state_rules = rules(cycle.sop_revision) if cycle.sop_revision_id else None
    cal = calendar_for(cycle.opd.pemda_id)
    current = STATE_ORDER.index(cycle.state)
    entered: dict[str, datetime.datetime] = {State.DISPOSISI: cycle.created_at}
    left: dict[str, datetime.datetime] = {}
    for t in transitions:
        if t.from_state != t.to_state:
            left[t.from_state] = t.at
            entered[t.to_state] = t.at
    steps = []
    for index, (value, label) in enumerate(State.choices):
        due = _due(cycle, value)
        status = "done" if index < current else ("current" if index == current else "todo")
        overdue = bool(due and status == "current" and value != State.ARSIP and due < now)
        step = StateStep(value, label, status, due, overdue, entered.get(value), left.get(value))
        if state_rules is not None and state_rules[value].steps and value != State.ARSIP:
            standard = standard_minutes(state_rules[value], cal)
            step.standard = worktime.describe_minutes(standard, cal)
            if step.entered and (step.left or status == "current"):
                taken = worktime.working_minutes_between(step.entered, step.left or now, cal)
                step.taken = worktime.describe_minutes(taken, cal)
                step.met = taken <= standard
        steps.append(step)
    return steps


# ---------------------------------------------------------------------------- compliance


@dataclass
class StateCompliance:
    state: str
    label: str
    measured: int = 0
    met: int = 0
    median_taken: str = ""
    median_standard: str = ""

    @property
    def share(self) -> float | None:
        return 100 * self.met / self.measured if self.measured else None


def compliance(cycles: list[Cycle], pemda_id: int) -> list[StateCompliance]:
    """Each state a cycle has left, against the standard time of that cycle's own SOP."""
    cal = calendar_for(pemda_id)
    labels = dict(State.choices)
    taken: dict[str, list[float]] = defaultdict(list)
    standards: dict[str, list[float]] = defaultdict(list)
    met: dict[str, int] = defaultdict(int)
    by_cycle: dict[int, list[CycleTransition]] = defaultdict(list)
    for t in CycleTransition.objects.filter(cycle__in=cycles).order_by("at", "id"):
        by_cycle[t.cycle_id].append(t)
    for cycle in cycles:
        if cycle.sop_revision is None:
            continue
        state_rules = rules(cycle.sop_revision)
        entered = {State.DISPOSISI: cycle.created_at}
        for t in by_cycle.get(cycle.pk, []):
            if t.from_state == t.to_state:
                continue
            start = entered.get(t.from_state)
            rule = state_rules[t.from_state]
            if start is not None and rule.steps:
                minutes = worktime.working_minutes_between(start, t.at, cal)
                standard = standard_minutes(rule, cal)
                taken[t.from_state].append(minutes)
                standards[t.from_state].append(standard)
                met[t.from_state] += minutes <= standard
            entered[t.to_state] = t.at
    rows = []
    for state in STATE_ORDER[:-1]:
        row = StateCompliance(state, str(labels[state]), measured=len(taken[state]), met=met[state])
        if taken[state]:
            row.median_taken = worktime.describe_minutes(statistics.median(taken[state]), cal)
            row.median_standard = worktime.describe_minutes(statistics.median(standards[state]), cal)
        rows.append(row)
    return rows
