"""The step kinds: one module per kind, each exposing ``run(ctx, args) -> outputs``.

The registry maps a kind name (as the schema lists it) to its module, imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..schema import step_kinds

if TYPE_CHECKING:
    from ..runtime import Args, StepContext

__all__ = ["StepRunner", "get_runner", "registered_kinds"]

StepRunner = Callable[["StepContext", "Args"], Any]


def registered_kinds() -> tuple[str, ...]:
    """Every kind the runner knows: exactly the schema's kinds."""
    return step_kinds()


def get_runner(kind: str) -> StepRunner:
    """The ``run`` function of a step kind."""
    if kind not in step_kinds():
        raise KeyError(f"unknown step kind {kind!r}")
    module = importlib.import_module(f"{__name__}.{kind}")
    runner: StepRunner = module.run
    return runner
