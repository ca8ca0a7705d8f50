"""The shipped JSON Schema: valid 2020-12, documented field by field, matched by the registry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from nango_toolbox import cli
from nango_toolbox.workflow.schema import load_schema, schema_text, step_kinds
from nango_toolbox.workflow.steps import get_runner, registered_kinds


def _properties(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


def test_schema_is_valid_2020_12() -> None:
    """The schema is itself valid JSON Schema 2020-12."""
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_field_is_described() -> None:
    """Every property has a description, directly or through the definition it refers to."""
    schema = load_schema()
    undocumented = []
    for where, sub in _properties(schema):
        target = sub
        ref = sub.get("$ref")
        if isinstance(ref, str) and "description" not in sub:
            target = schema["$defs"][ref.rsplit("/", 1)[-1]]
        if not target.get("description"):
            undocumented.append(where)
    assert undocumented == []


def test_registry_has_one_module_per_schema_kind() -> None:
    """Each step kind in the schema has its own module with a run function, and no others."""
    assert registered_kinds() == step_kinds()
    assert len(set(step_kinds())) == 11
    for kind in step_kinds():
        runner = get_runner(kind)
        assert runner.__module__ == f"nango_toolbox.workflow.steps.{kind}"


def test_unknown_kind_is_refused() -> None:
    """Asking the registry for an unknown kind raises KeyError naming it."""
    with pytest.raises(KeyError, match="unknown step kind 'teleport'"):
        get_runner("teleport")


def test_schema_command_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """nango-run schema prints exactly the packaged schema, as JSON."""
    assert cli.main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out)["title"] == "nango-run workflow"
