"""The spec describes exactly Nango's public operations, and the SDK calls only those.

``nango_public_routes.txt`` is a copy of ``shared/nango_public_routes.txt`` (the 60 operations of
Nango's official spec v0.71.4, checked against the real server's public router), kept here so that
the test runs on a fresh clone.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from nango_toolbox import Nango

from .conftest import ROOT

ROUTES = Path(__file__).with_name("nango_public_routes.txt")
PACKAGE = ROOT / "runner" / "nango_toolbox"
METHODS = ("get", "post", "put", "patch", "delete")
PROXY_OPERATIONS = {f"proxy_{method}" for method in METHODS}
# Older paths Nango still serves; the SDK uses their current forms.
LEGACY = {
    "list_connections_legacy",
    "create_connection_legacy",
    "get_connection_legacy",
    "delete_connection_legacy",
    "set_metadata_legacy",
    "update_metadata_legacy",
    "set_connection_metadata",
    "update_connection_metadata",
}


def _public_routes() -> set[tuple[str, str]]:
    routes = set()
    for line in ROUTES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            method, path = line.split()
            routes.add((method.lower(), path))
    return routes


def _spec_operations(spec: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {
        op["operationId"]: (method, path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def _functions(tree: ast.AST) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _ops_operations() -> dict[str, set[str]]:
    """Each function of _operations.py and the generated operation modules it uses."""
    tree = ast.parse((PACKAGE / "_operations.py").read_text())
    modules = {
        alias.asname or alias.name: alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nango_client.api.")
        for alias in node.names
    }
    found = {}
    for name, function in _functions(tree).items():
        used = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)}
        found[name] = {modules[u] for u in used if u in modules}
    return found


def _sdk_operations() -> dict[str, set[str]]:
    """Each method of the SDK source and the operations it reaches (through ops, the shared
    helpers of _client_base and its own other methods)."""
    ops = _ops_operations()
    base = _functions(ast.parse((PACKAGE / "_client_base.py").read_text()))
    methods = _functions(ast.parse((PACKAGE / "_async_client.py").read_text()))

    def direct(function: ast.AST) -> tuple[set[str], set[str]]:
        reached, calls = set(), set()
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "ops":
                    reached |= ops.get(node.attr, set())
                elif node.value.id == "self":
                    calls.add(node.attr)
            elif isinstance(node, ast.Name) and node.id == "proxy_request":
                reached |= PROXY_OPERATIONS
            elif isinstance(node, ast.Name) and node.id in base and node.id != "proxy_request":
                reached |= direct(base[node.id])[0]
        return reached, calls

    def reach(name: str, seen: frozenset[str] = frozenset()) -> set[str]:
        reached, calls = direct(methods[name])
        for call in calls - seen - {name}:
            if call in methods:
                reached |= reach(call, seen | {name})
        return reached

    return {name: reach(name) for name in methods if not name.startswith("_")}


def test_spec_operations_are_nangos_public_routes(spec: dict[str, Any]) -> None:
    """The spec has the 60 operations of Nango's public API, none missing and none extra."""
    described = set(_spec_operations(spec).values())
    assert len(_public_routes()) == 60
    assert _public_routes() - described == set()
    assert described - _public_routes() == set()


def test_every_sdk_method_calls_only_spec_operations(spec: dict[str, Any]) -> None:
    """Every API method of the SDK reaches operations of the spec (only local helpers such as
    close and webhook verification reach none), and every operation but the legacy paths is
    reached by some method."""
    operations = _spec_operations(spec)
    reached = _sdk_operations()
    assert set(reached) - {"aclose"} <= {n for n in dir(Nango) if not n.startswith("_")}
    unknown = {
        name: ops - set(operations) for name, ops in reached.items() if ops - set(operations)
    }
    assert unknown == {}
    local = {name for name, ops in reached.items() if not ops}
    assert {n for n in local if n != "aclose" and "webhook" not in n} == set()
    unreached = set(operations) - set().union(*reached.values())
    assert unreached == LEGACY


def test_every_secret_key_operation_declares_forbidden(spec: dict[str, Any]) -> None:
    """Nango checks a scope on every secret-key route (403 forbidden when the key lacks it), so
    every operation but the two authenticated by a connect session declares a 403."""
    missing = [
        (method, path)
        for op_id, (method, path) in _spec_operations(spec).items()
        if path != "/connect/session" and "403" not in spec["paths"][path][method]["responses"]
    ]
    assert missing == []
