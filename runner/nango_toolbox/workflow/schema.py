"""The workflow JSON Schema (2020-12), shipped as package data, and its validator."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_schema", "schema_text", "step_kinds"]


def schema_text() -> str:
    """The schema as JSON text."""
    return resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")


@cache
def load_schema() -> dict[str, Any]:
    """The schema as data."""
    data: dict[str, Any] = json.loads(schema_text())
    return data


def step_kinds() -> tuple[str, ...]:
    """The step kinds, in the order the schema lists them."""
    one_of = load_schema()["$defs"]["step"]["oneOf"]
    return tuple(entry["required"][0] for entry in one_of)
