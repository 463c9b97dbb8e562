"""How an SOP revision drives a cycle: who acts in each state, and each state's standard time."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from kinerja.cycle import worktime
from kinerja.models import STATE_ORDER, Pemda
from sop.models import Holiday, SopRevision, SopStep


@dataclass(frozen=True)
class StateRule:
    steps: tuple[SopStep, ...]
    roles: frozenset[str]
    minutes: float
    days: int

    def standard_minutes(self, cal: worktime.Calendar) -> float:
        return worktime.standard_minutes(self.minutes, self.days, cal)


def rules(revision: SopRevision) -> dict[str, StateRule]:
    """Per cycle state: its SOP steps, the roles of their lanes, and their summed standard time."""
    cached = getattr(revision, "_state_rules", None)
    if cached is not None:
        return cached
    steps: dict[str, list[SopStep]] = defaultdict(list)
    for step in revision.steps.select_related("lane").order_by("number"):
        steps[step.state].append(step)
    result = {}
    for state in STATE_ORDER:
        minutes, days = 0.0, 0
        for step in steps.get(state, []):
            if step.satuan == "menit":
                minutes += float(step.waktu)
            elif step.satuan == "jam":
                minutes += float(step.waktu) * 60
            else:
                whole = int(step.waktu)
                days += whole
                minutes += float(step.waktu - whole) * 510
        result[state] = StateRule(
            steps=tuple(steps.get(state, [])),
            roles=frozenset(step.lane.role for step in steps.get(state, [])),
            minutes=minutes,
            days=days,
        )
    revision._state_rules = result
    return result


def floor_problems(revision: SopRevision) -> list[str]:
    """The steps of a saved revision that map a state below its floor (``policy.STATE_FLOOR``)."""
    from kinerja import policy

    return policy.floor_violations(
        (step.number, step.state, step.lane.label, step.lane.role)
        for step in revision.steps.select_related("lane").order_by("number")
    )


def calendar_for(pemda: Pemda | int) -> worktime.Calendar:
    pemda_id = pemda if isinstance(pemda, int) else pemda.pk
    return worktime.Calendar(
        holidays=frozenset(Holiday.objects.filter(pemda_id=pemda_id).values_list("date", flat=True))
    )


# A state the SOP gives no step gets this many working days.
FALLBACK_DAYS = {"disposisi": 1, "pengumpulan": 5, "rekap": 2, "reviu": 2, "pengesahan": 1}


def plan_due(
    revision: SopRevision | None, start: datetime.datetime, from_state: str, cal: worktime.Calendar
) -> dict[str, str]:
    """Due time of ``from_state`` and every later state, each counted from the previous one."""
    state_rules = rules(revision) if revision is not None else {}
    due, result = start, {}
    for state in STATE_ORDER[STATE_ORDER.index(from_state) :]:
        if state == "arsip":
            break
        rule = state_rules.get(state)
        if rule is not None and rule.steps:
            due = worktime.add_working_time(due, minutes=rule.minutes, days=rule.days, cal=cal)
        else:
            due = worktime.add_working_time(due, days=FALLBACK_DAYS[state], cal=cal)
        result[state] = due.isoformat()
    return result
