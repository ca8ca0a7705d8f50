"""The quick acceptance of a tool's arguments never accepts what jsonschema refuses, and the
messages of refused arguments are still jsonschema's."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from nango_toolbox.agent.core import ToolboxError
from nango_toolbox.agent.tools import _surely_valid, catalog, check_arguments

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    10,
    11,
    600,
    601,
    2000,
    2001,
    1.0,
    0.5,
    -0.5,
    math.nan,
    math.inf,
    "",
    "GET",
    "get",
    "added",
    "a,b",
    "/user",
    [],
    ["a"],
    [1],
    [1, "a"],
    [True],
    {},
    {"a": "b"},
    {"a": 1},
    {"a": True},
    {"a": [1]},
    {"a": None},
]


def _schemas() -> list[dict[str, Any]]:
    specs = [*catalog(), *catalog(read_only=True), *catalog(integrations=frozenset({"gh", "x"}))]
    return [spec.input_schema() for spec in specs]


def test_quick_acceptance_is_never_looser_than_jsonschema() -> None:
    """For every property of every tool (all, read-only, limited to integrations) and a spread
    of awkward values (booleans as integers, 1.0, NaN, nested objects), what the quick check
    accepts jsonschema accepts too."""
    checked = 0
    for schema in _schemas():
        for name, prop in schema["properties"].items():
            validator = Draft202012Validator(prop)
            for value in VALUES:
                if _surely_valid(prop, value):
                    assert validator.is_valid(value), (name, prop, value)
                    checked += 1
        whole = Draft202012Validator(schema)
        names = list(schema["properties"])[:4]
        for combo in itertools.product(VALUES[:8], repeat=min(2, len(names))):
            instance = dict(zip(names, combo, strict=False))
            if _surely_valid(schema, instance):
                assert whole.is_valid(instance), (schema, instance)
    assert checked > 200


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"enum": [1]}, True),
        ({"enum": [{"a": 1}]}, {"a": True}),
        ({"type": "integer"}, 1.0),
        ({"pattern": "^a"}, "b"),
        ({"minimum": 1}, "x"),
    ],
)
def test_quick_acceptance_leaves_the_unsure_to_jsonschema(
    schema: dict[str, Any], value: Any
) -> None:
    """Equal-but-not-identical enum members, integral floats, unknown keywords and bounds on
    non-numbers are not accepted quickly (jsonschema decides)."""
    assert not _surely_valid(schema, value)


def test_refused_arguments_keep_jsonschemas_message() -> None:
    """A wrong type still gets jsonschema's message, naming the argument."""
    records = next(spec for spec in catalog() if spec.name == "records_list")
    with pytest.raises(ToolboxError) as caught:
        check_arguments(records, {"integration_id": "k", "model": "M", "limit": True})
    assert str(caught.value) == "records_list: argument limit: True is not of type 'integer'"
