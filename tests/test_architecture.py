"""The import rules of README "Arsitektur": reads never import writes, the models import nothing
above them, no module imports another's private helper, and no two modules import each other,
not even inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kinerja", "sop")

# Writes: the only modules that change data through the domain's rules (and what runs them).
WRITES = {
    "kinerja.services",
    "kinerja.cycle.services",
    "kinerja.cycle.entry",
    "kinerja.cycle.jobs",
    "sop.services",
}
# Reads and renderers: they compute and show, and may import models, the engine and other reads.
READS = {
    "kinerja.access",
    "kinerja.policy",
    "kinerja.recap",
    "kinerja.selectors",
    "kinerja.charts",
    "kinerja.pdf",
    "kinerja.cycle.graph",
    "kinerja.cycle.locks",
    "kinerja.cycle.policy",
    "kinerja.cycle.rows",
    "kinerja.cycle.selectors",
    "kinerja.cycle.sop_rules",
    "kinerja.cycle.timing",
    "kinerja.documents.measurement",
    "kinerja.documents.periodic",
    "kinerja.documents.render",
    "kinerja.excel.exports",
    "sop.selectors",
    "sop.document",
    "sop.flowchart",
}
# Pure domain code: no database, no Django model, nothing of ours but other pure modules.
PURE = {
    "kinerja.capaian",
    "kinerja.numbers",
    "kinerja.validators",
    "kinerja.cycle.graph",
    "kinerja.cycle.worktime",
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) for every import of a project module, at any depth."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    result = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            result += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            names = [alias.name for alias in node.names]
            submodules = [f"{base}.{n}" for n in names if f"{base}.{n}" in MODULES]
            result += [(sub, [], node.lineno) for sub in submodules]
            plain = [n for n in names if f"{base}.{n}" not in MODULES]
            if plain:
                result.append((base, plain, node.lineno))
    return [(target, names, line) for target, names, line in result if target.split(".")[0] in PACKAGES]


def _owner(target: str) -> str:
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target


GRAPH = {name: {_owner(t) for t, _n, _l in _imports(name)} - {name, ""} for name in MODULES}


def test_the_rule_lists_name_real_modules():
    assert set(MODULES) >= (WRITES | READS | PURE)


@pytest.mark.parametrize("name", sorted(READS | PURE))
def test_reads_never_import_writes(name):
    assert not GRAPH[name] & WRITES, f"{name} imports {sorted(GRAPH[name] & WRITES)}"


@pytest.mark.parametrize("name", sorted(PURE))
def test_pure_modules_touch_no_model(name):
    assert GRAPH[name] <= PURE, f"{name} imports {sorted(GRAPH[name] - PURE)}"


def test_the_models_import_nothing_above_them():
    for name in (m for m in MODULES if m.startswith("kinerja.models")):
        above = {m for m in GRAPH[name] if not m.startswith("kinerja.models") and m not in PURE}
        assert not above, f"{name} imports {sorted(above)}"


def test_no_module_imports_another_modules_private_helper():
    found = [
        f"{name}:{line} imports {n} from {target}"
        for name in MODULES
        for target, names, line in _imports(name)
        for n in names
        if n.startswith("_") and not n.startswith("__") and _owner(target) != name
    ]
    assert not found, "\n".join(found)


def test_no_two_modules_import_each_other_even_inside_a_function():
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in MODULES:
        if name not in index:
            visit(name)
    assert cycles == []
