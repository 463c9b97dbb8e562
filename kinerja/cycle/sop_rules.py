"""How an SOP revision drives a cycle: which steps fall in each state, and who acts in it.

Their standard times become due dates and compliance figures in ``kinerja.cycle.timing``.
"""

from collections import defaultdict
from dataclasses import dataclass

from kinerja import policy
from kinerja.models import STATE_ORDER
from sop.models import SopRevision, SopStep


@dataclass(frozen=True)
class StateRule:
    steps: tuple[SopStep, ...]
    roles: frozenset[str]


def rules(revision: SopRevision) -> dict[str, StateRule]:
    """Per cycle state: its SOP steps and the roles of their lanes (cached on the revision)."""
    cached = getattr(revision, "_state_rules", None)
    if cached is not None:
        return cached
    steps: dict[str, list[SopStep]] = defaultdict(list)
    for step in revision.steps.select_related("lane").order_by("number"):
        steps[step.state].append(step)
    result = {
        state: StateRule(
            steps=tuple(steps.get(state, [])),
            roles=frozenset(step.lane.role for step in steps.get(state, [])),
        )
        for state in STATE_ORDER
    }
    revision._state_rules = result
    return result


def floor_problems(revision: SopRevision) -> list[str]:
    """The steps of a saved revision that map a state below its floor (``policy.STATE_FLOOR``)."""
    return policy.floor_violations(
        (step.number, step.state, step.lane.label, step.lane.role)
        for step in revision.steps.select_related("lane").order_by("number")
    )
