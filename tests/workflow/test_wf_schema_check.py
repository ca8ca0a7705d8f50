"""The validity check compiled from schema.json agrees with jsonschema, and its generator is strict."""

from __future__ import annotations

import copy
import importlib.util
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from nango_toolbox.workflow._schema_check import STEP_KINDS, is_valid
from nango_toolbox.workflow.loader import load_path
from nango_toolbox.workflow.schema import load_schema

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "workflows").glob("*.yaml"))
VALIDATOR = Draft202012Validator(load_schema())
LOADED = {path: load_path(path).data for path in EXAMPLES}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_schema_check", REPO / "scripts" / "gen_schema_check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names(node: Any) -> set[str]:
    """Every property name and every string constant of the schema: the vocabulary of mutations."""
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(node.get("properties", {}))
        found.update(v for v in node.get("enum", []) if isinstance(v, str))
        for value in node.values():
            found |= _names(value)
    elif isinstance(node, list):
        for value in node:
            found |= _names(value)
    return found


VOCABULARY = sorted(_names(load_schema()))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, -1, 64, 65, 99, 100, 599, 600, 1.0, 1.5, 64.0, -0.5]),
    st.sampled_from([math.inf, -math.inf, math.nan]),
    st.sampled_from(
        ["", "x", "a b", "${{ inputs.x }}", " ${{ steps.a }} ", "${{ a }} b", "30s", "1.5m", "10x"]
    ),
    st.sampled_from(VOCABULARY),
    st.text(max_size=4),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(VOCABULARY), inner, max_size=3),
    ),
    max_leaves=6,
)


def _containers(node: Any) -> list[Any]:
    """Every mapping and list inside ``node``, itself included."""
    found = [node] if isinstance(node, dict | list) else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found.extend(_containers(child))
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_are_valid_both_ways(path: Path) -> None:
    """Every example workflow is valid for the compiled check and for jsonschema."""
    data = load_path(path).data
    assert is_valid(data) is True
    assert VALIDATOR.is_valid(data)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (lambda d: d.update(version=1.0), True),  # 1.0 equals the const 1
        (lambda d: d.update(version=True), False),  # true is not 1 in JSON Schema
        (lambda d: d["steps"][0].update(timeout=math.inf), True),
        (lambda d: d["steps"][0].update(retries=math.nan), False),
        (lambda d: d["steps"][0].update(retries=2.0), True),  # an integer-valued float
        (lambda d: d["steps"][0].update(retries=True), False),
        (lambda d: d["steps"][0].update(id="a\n"), True),  # $ matches before a final newline
        (lambda d: d["steps"][0].update(id="1a"), False),
        (lambda d: d["steps"][0].update(discover={"what": "syncs"}), False),  # two kinds
        (lambda d: d["steps"][0].pop("ensure_integration"), False),  # no kind
        (lambda d: d["steps"][0].update(extra=1), False),
        (lambda d: d.update(steps=[]), False),
        (lambda d: d.update(outputs={"bad name": 1}), False),
    ],
)
def test_edge_cases_agree(change: Any, valid: bool) -> None:
    """Type, const, pattern and kind edge cases get jsonschema's answer from the compiled check."""
    data = copy.deepcopy(load_path(REPO / "workflows" / "github_issue.yaml").data)
    change(data)
    assert VALIDATOR.is_valid(data) is valid
    assert is_valid(data) is valid


# No deadline: the machine running the suite may be busy; no timing is asserted.
@settings(
    max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    example=st.sampled_from(EXAMPLES),
    edits=st.lists(
        st.tuples(st.integers(min_value=0), st.sampled_from(["set", "add", "drop"]), VALUES),
        min_size=1,
        max_size=3,
    ),
    choice=st.data(),
)
def test_mutated_examples_agree(example: Path, edits: list[Any], choice: st.DataObject) -> None:
    """Examples with values replaced, added or dropped anywhere: both checks give one answer."""
    data = copy.deepcopy(LOADED[example])
    for index, action, value in edits:
        containers = _containers(data)
        target = containers[index % len(containers)]
        if isinstance(target, dict):
            keys = sorted(target)
            if action == "add" or not keys:
                target[choice.draw(st.sampled_from(VOCABULARY))] = value
            elif action == "set":
                target[keys[index % len(keys)]] = value
            else:
                del target[keys[index % len(keys)]]
        elif action == "add" or not target:
            target.append(value)
        elif action == "set":
            target[index % len(target)] = value
        else:
            del target[index % len(target)]
    assert is_valid(data) is VALIDATOR.is_valid(data)


def test_step_kinds_follow_the_schema() -> None:
    """The compiled step kinds are the schema's, in its order."""
    one_of = load_schema()["$defs"]["step"]["oneOf"]
    assert tuple(entry["required"][0] for entry in one_of) == STEP_KINDS


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "patternProperties": {"^x": {}}},
        {"allOf": [{"type": "string"}]},
        {"$ref": "https://example.com/other.json"},
        {"type": "object", "unevaluatedProperties": {"type": "string"}},
        {"type": "object", "anyOf": [{}], "unevaluatedProperties": False},
        {"enum": ["a", 1]},
        {"type": "date"},
    ],
)
def test_generator_refuses_what_it_cannot_compile(schema: dict[str, Any]) -> None:
    """A keyword (or form) the generator does not handle fails generation, never passes silently."""
    generator = _generator()
    with pytest.raises(generator.Unsupported):
        generator.Generator({**schema, "$defs": {}}).module()


def test_generated_module_is_up_to_date() -> None:
    """_schema_check.py is what the generator writes from today's schema.json."""
    assert (REPO / "runner/nango_toolbox/workflow/_schema_check.py").read_text() == (
        _generator().generate()
    )
