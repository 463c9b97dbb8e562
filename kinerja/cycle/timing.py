"""SOP compliance: for each state, how many cycles met the SOP's standard time, and the median taken."""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from kinerja.cycle import worktime
from kinerja.cycle.sop_rules import calendar_for, rules
from kinerja.models import STATE_ORDER, Cycle, CycleTransition, State


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
                standard = rule.standard_minutes(cal)
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
