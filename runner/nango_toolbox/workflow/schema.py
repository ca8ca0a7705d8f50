"""The workflow JSON Schema (2020-12), shipped as package data.

`_schema_check` is compiled from it (``make generate``; ``make check-generated`` fails when the two
disagree): the step kinds come from there, so that knowing them costs no JSON parsing.
"""

from __future__ import annotations

from functools import cache

from ._schema_check import STEP_KINDS

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["load_schema", "schema_text", "step_kinds"]


def schema_text() -> str:
    """The schema as JSON text."""
    from importlib import resources

    return resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")


@cache
def load_schema() -> dict[str, Any]:
    """The schema as data."""
    import json

    data: dict[str, Any] = json.loads(schema_text())
    return data


def step_kinds() -> tuple[str, ...]:
    """The step kinds, in the order the schema lists them."""
    return STEP_KINDS
