"""The import drawing of nango_toolbox: no circles, the sandbox below the workflow runner, and the
sandbox's authoring API (what a functions module imports) a leaf.

Every import counts, at module level, inside functions and under ``TYPE_CHECKING``: a circle
hidden behind a function-local import is still a circle.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import nango_toolbox

ROOT = Path(nango_toolbox.__file__).parent
PACKAGE = ROOT.name


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


@functools.cache
def _graph() -> dict[str, set[str]]:
    """The drawing, read by a child process (this file run as a script): CPython 3.11's ast
    module keeps one recursion counter per process, and an ast.parse racing with another thread's
    fails with "AST constructor recursion depth mismatch" (the test process runs sandboxes)."""
    child = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, check=True, timeout=60
    )
    return {name: set(targets) for name, targets in json.loads(child.stdout).items()}


def _read_graph() -> dict[str, set[str]]:
    """Module -> the modules of this package it imports (``from . import x`` is an arrow to x)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        base = name.split(".") if is_package else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                anchor = base[: len(base) - node.level + 1] if node.level else []
                module = ".".join(anchor + ([node.module] if node.module else []))
                targets = [
                    f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module
                    for a in node.names
                ]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return circles


def test_the_package_has_no_import_circle() -> None:
    """No group of nango_toolbox modules imports itself back, through any kind of import."""
    assert _circles(_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    """The check above can fail: a three-module loop is found, a chain is not."""
    loop = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(loop) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_sandbox_never_imports_the_workflow_runner() -> None:
    """No module of nango_toolbox.sandbox imports nango_toolbox.workflow (it is a floor below)."""
    graph = _graph()
    upward = sorted(
        (name, target)
        for name, targets in graph.items()
        if name.startswith(f"{PACKAGE}.sandbox")
        for target in targets
        if target.startswith(f"{PACKAGE}.workflow")
    )
    assert upward == []


def test_the_authoring_api_is_a_leaf() -> None:
    """sandbox.functions (what function authors import) imports only the frequency parser."""
    graph = _graph()
    assert graph[f"{PACKAGE}.sandbox.functions"] == {f"{PACKAGE}.sandbox.frequency"}
    assert graph[f"{PACKAGE}.sandbox.frequency"] == set()


if __name__ == "__main__":
    print(json.dumps({name: sorted(targets) for name, targets in _read_graph().items()}))
