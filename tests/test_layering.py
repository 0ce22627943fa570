"""The architecture holds: the import graph has no cycles and flows one way (DESIGN.md).

api/cli -> service packages -> engines + store (+ text, audio). Read from the source with ``ast``, so a
rule is checked even for code no other test imports.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vocalis"
EDGES = {"api", "cli", "wyoming"}  # the ways in: HTTP, the command line, the Wyoming protocol
FOUNDATIONS = {"engines", "store", "text", "audio"}
SERVICES = {
    "accounts", "analysis", "cloning", "coaching", "conversation", "interview", "jobs", "realtime",
    "speech", "voices",
}  # fmt: skip
# The root modules: the object graph (built at the edges) may import everything; config and errors nothing.
GRAPH_MODULES = {"vocalis.graph"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "vocalis.jobs.runner"
    target: str  # imported module, e.g. "vocalis.jobs.claims"
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


@functools.cache
def _trees() -> dict[Path, ast.Module]:
    """Every module parsed once, in a fresh thread: CPython 3.11's parser trips over the recursion depth
    a greenlet (Playwright's, in the browser tests) leaves behind in the main thread."""

    def parse_all() -> dict[Path, ast.Module]:
        return {path: ast.parse(path.read_text(encoding="utf-8")) for path in modules().values()}

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(parse_all).result()


def tree_of(path: Path) -> ast.Module:
    return _trees()[path]


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    """The vocalis module an import names (``from vocalis.x import y`` may name module x.y or x)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """Every import, also in functions and under ``if TYPE_CHECKING:`` (they hide a dependency)."""
    for node in ast.walk(tree_of(path)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [f"{node.module}.{a.name}" for a in node.names]
        for target in targets:
            if not target.startswith("vocalis"):
                continue
            resolved = _resolve(target, known)
            if resolved is not None and resolved != name:
                yield Import(name, resolved, node.lineno)


def all_imports() -> list[Import]:
    known = modules()
    return [imp for name, path in known.items() for imp in imports_of(name, path, known)]


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else parts[-1]


def test_the_rules_see_the_whole_package() -> None:
    found = all_imports()
    assert len(modules()) > 150 and len(found) > 500  # the scan reads the real tree, not nothing


def test_every_package_has_a_layer() -> None:
    layered = EDGES | FOUNDATIONS | SERVICES | {"config", "errors", "graph", "web"}
    packages = {package_of(name) for name in modules() if name != "vocalis"}
    assert packages - layered == set(), "add new packages to a layer of DESIGN.md's map"


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        graph.setdefault(imp.source, set()).add(imp.target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize(
    ("importers", "forbidden", "rule"),
    [
        (SERVICES, EDGES, "service packages never import the API or the CLI"),
        (FOUNDATIONS, SERVICES | EDGES, "engines, store, text and audio never import service packages"),
        ({"config", "errors"}, SERVICES | EDGES | FOUNDATIONS, "settings and errors import no package"),
    ],
)
def test_imports_flow_one_way(importers: set[str], forbidden: set[str], rule: str) -> None:
    wrong = [
        f"{imp.source}:{imp.line} imports {imp.target}"
        for imp in all_imports()
        if package_of(imp.source) in importers
        and package_of(imp.target) in forbidden
        and imp.source not in GRAPH_MODULES
    ]
    assert not wrong, rule + ":\n" + "\n".join(wrong)


def test_every_error_class_is_in_the_one_tree() -> None:
    """Exceptions are defined in vocalis/errors.py (private control-flow signals aside)."""
    outside = []
    for name, path in modules().items():
        if name == "vocalis.errors":
            continue
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                bases = {ast.unparse(b) for b in node.bases}
                if any(b.endswith(("Error", "Exception")) or b in _ERROR_NAMES for b in bases):
                    outside.append(f"{name}.{node.name}({', '.join(sorted(bases))})")
    assert not outside, "error classes outside vocalis/errors.py:\n" + "\n".join(outside)


def _error_names() -> set[str]:
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.ClassDef)}


_ERROR_NAMES = _error_names()


def test_nothing_outside_engines_checks_a_concrete_engine_class() -> None:
    """Code outside engines/ asks the registry for a capability, never ``isinstance(x, KokoroEngine)``."""
    concrete = _concrete_engine_classes()
    wrong = []
    for name, path in modules().items():
        if package_of(name) == "engines":
            continue
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "isinstance" and len(node.args) == 2:
                checked = {ast.unparse(n) for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                if checked & concrete:
                    wrong.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    assert not wrong, "concrete engine checks outside engines/:\n" + "\n".join(wrong)


def _concrete_engine_classes() -> set[str]:
    found = set()
    for path in (PACKAGE / "engines").glob("*.py"):
        if path.name in ("protocols.py", "registry.py"):
            continue
        for node in tree_of(path).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                found.add(node.name)
    return found
