"""One place declares who may do what: kinerja.policy. Nowhere else names a role to decide."""

import ast
from pathlib import Path

import pytest

from kinerja.models import PemdaRole, Role

ROOT = Path(__file__).resolve().parent.parent
ROLE_VALUES = {str(v) for v in Role.values} | {str(v) for v in PemdaRole.values}
ROLE_MEMBERS = {m.name for m in Role} | {m.name for m in PemdaRole}
# Data, not decisions: the models define the roles, seeds and demo data assign them,
# migrations record them.
NOT_DECISIONS = ("migrations", "demo", "tests", "seeds.py", "models", "policy.py")


def _decision_files():
    for app in ("kinerja", "sop", "sakip"):
        for path in (ROOT / app).rglob("*.py"):
            if not any(part in path.parts or path.name == part for part in NOT_DECISIONS):
                yield path


def _role_uses(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text())
    # A dict key such as a template's "kepala" (the signer's name) names no permission.
    keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys}
    for node in ast.walk(tree):
        if id(node) in keys:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ROLE_VALUES:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ROLE_MEMBERS
            and isinstance(node.value, ast.Name)
            and node.value.id in ("Role", "PemdaRole")
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_module_but_the_policy_names_a_role():
    files = list(_decision_files())
    assert any(p.name == "views" or "views" in p.parts for p in files)
    uses = [use for path in files for use in _role_uses(path)]
    assert uses == [], "role named outside kinerja/policy.py:\n" + "\n".join(uses)


def test_the_graph_is_the_cycle_domain_md_describes():
    """DOMAIN.md section 6, written out by hand: the one declaration must say exactly this."""
    from kinerja.cycle import graph

    edges = {(t.name, t.source, t.target, t.is_return) for t in graph.TRANSITIONS}
    assert edges == {
        ("mulai_pengumpulan", "disposisi", "pengumpulan", False),
        ("ajukan_rekap", "pengumpulan", "rekap", False),
        ("ajukan_reviu", "rekap", "reviu", False),
        ("kembalikan_ke_pengumpulan", "reviu", "pengumpulan", True),
        ("kembalikan_ke_rekap", "reviu", "rekap", True),
        ("teruskan_pengesahan", "reviu", "pengesahan", False),
        ("kembalikan_ke_reviu", "pengesahan", "reviu", True),
        ("sahkan", "pengesahan", "arsip", False),
    }
    assert graph.source_of(graph.REVIEW) == "reviu" and graph.source_of(graph.SIGN) == "pengesahan"


def test_the_model_takes_exactly_the_transitions_of_the_graph():
    from kinerja.cycle import graph
    from kinerja.models import Cycle

    fsm = {(t.name, t.source, t.target) for t in Cycle._meta.get_field("state").get_all_transitions(Cycle)}
    assert fsm == {(t.name, t.source, t.target) for t in graph.TRANSITIONS}


def test_a_transition_without_takers_in_the_policy_stops_the_project(monkeypatch):
    from kinerja import checks, policy

    monkeypatch.delitem(policy.TRANSITION_ROLES, "sahkan")
    errors = checks.every_transition_has_its_takers(None)
    assert [e.id for e in errors] == ["sakip.E002"] and "sahkan" in errors[0].msg


@pytest.mark.django_db
def test_a_transition_runs_only_through_its_service(world):
    """Calling the model's method directly (no role, four-eyes or blocker check) is refused."""
    from django_fsm import TransitionNotAllowed

    from tests.kinerja.cycle_helpers import new_cycle

    cycle = new_cycle(world)
    with pytest.raises(TransitionNotAllowed):
        cycle.mulai_pengumpulan()
