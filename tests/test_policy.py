"""One place declares who may do what: kinerja.policy. Nowhere else names a role to decide."""

import ast
from pathlib import Path

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


def test_the_policy_names_every_transition_of_the_state_machine():
    from kinerja import policy
    from kinerja.models import TRANSITION_NAMES

    assert set(policy.TRANSITIONS) == set(TRANSITION_NAMES)
    assert set(policy.TRANSITIONS) >= policy.RETURNS
    assert policy.REVIEW_TRANSITION in policy.TRANSITIONS
