"""The validation package reads as a pipeline: no module imports, even inside a function, one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import toolkit

PACKAGE = Path(toolkit.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("toolkit"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("toolkit")}
    return found


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("toolkit",) + path.relative_to(PACKAGE).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return {name: {target for target in _imports(path) if target in modules and target != name}
            for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]], prefix: str) -> list[tuple[str, ...]]:
    cycles = []
    for start in sorted(graph):
        if not start.startswith(prefix):
            continue
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for target in graph[node]:
                if target == start:
                    cycles.append(path)
                elif target not in path and target.startswith(prefix) and len(path) < 6:
                    stack.append((target, path + (target,)))
    return cycles


def test_validation_modules_import_no_circle():
    graph = _graph()
    graph = {name: {t for t in targets if t != "toolkit.validation"} for name, targets in graph.items()}
    assert _cycles(graph, "toolkit.validation.") == []


def test_the_parts_validator_and_the_reduced_grammars_are_one_way():
    graph = _graph()
    assert "toolkit.validation.reduced" in graph["toolkit.validation.chunked"]
    assert "toolkit.validation.chunked" not in graph["toolkit.validation.reduced"]
