"""The SDK's documentation and public names agree with the code (one source, checked)."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
from pathlib import Path
from types import ModuleType

import nango_toolbox
from nango_toolbox import AsyncNango, Nango
from nango_toolbox import _client_base as base

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keywords(name: str) -> set[str]:
    """Every keyword a method of Nango accepts, its ``**kw`` TypedDict keys included."""
    function = getattr(Nango, name)
    names: set[str] = set()
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            match = re.search(r"Unpack\[(\w+)\]", str(parameter.annotation))
            assert match is not None
            names |= set(getattr(base, match.group(1)).__annotations__)
        else:
            names.add(parameter.name)
    return names


def test_method_reference_is_up_to_date() -> None:
    """docs/sdk.md's method list is exactly what scripts/sdk_docs.py writes from the code."""
    docs = _script("sdk_docs")
    text = (ROOT / "docs" / "sdk.md").read_text()
    assert docs.section() in text, "docs/sdk.md's method reference is stale: run 'make docs'"


def test_node_table_names_real_methods_and_keywords() -> None:
    """Every call in the nango-toolbox column of the Node comparison table exists with those keywords."""
    text = (ROOT / "docs" / "sdk.md").read_text()
    table = text.split("## Against the official Node client", 1)[1].split("\n\n## ", 1)[0]
    checked = 0
    for row in table.splitlines():
        cells = row.split(" | ")
        if not row.startswith("| ") or len(cells) < 2:
            continue
        for code in re.findall(r"`([^`]*)`", cells[-1]):
            for name, args in re.findall(r"\b([a-z][a-z0-9_]*)\(([^()]*)\)", code):
                if not hasattr(Nango, name):
                    assert not hasattr(AsyncNango, name)
                    raise AssertionError(f"docs/sdk.md names {name}(), which Nango lacks")
                for keyword in re.findall(r"\b([a-z_][a-z0-9_]*)=", args):
                    assert keyword in _keywords(name), f"{name}() has no keyword {keyword}="
                checked += 1
    assert checked > 40


def test_sync_and_async_facades_have_the_same_methods() -> None:
    """Nango and AsyncNango offer the same public methods with the same parameters."""

    def public(cls: type) -> dict[str, list[str]]:
        found = {}
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_"):
                found[name] = list(inspect.signature(member).parameters)
        return found

    sync_methods, async_methods = public(Nango), public(AsyncNango)
    async_methods["close"] = async_methods.pop("aclose")
    assert sync_methods == async_methods


def test_public_names_are_one_list() -> None:
    """__all__ is sorted, every name resolves, and the type-checking imports are the lazy map."""
    assert nango_toolbox.__all__ == sorted(nango_toolbox.__all__)
    for name in nango_toolbox.__all__:
        assert getattr(nango_toolbox, name) is not None
    tree = ast.parse(Path(nango_toolbox.__file__).read_text())
    typed = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module not in ("typing", "_version", None)
        for alias in node.names
        if node.module != "__future__"
    }
    assert typed == set(nango_toolbox._LAZY)
