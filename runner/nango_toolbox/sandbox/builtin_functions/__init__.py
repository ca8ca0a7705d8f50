"""Functions deployed with the sandbox for its built-in providers (github, slack).

They call the provider through the sandbox's proxy logic, so they work against the built-in fake
providers (``/_fake/github``, ``/_fake/slack``) and against the real APIs alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import github, slack

if TYPE_CHECKING:
    from ..functions import FunctionRegistry


def register(registry: FunctionRegistry) -> None:
    """Register every built-in function."""
    github.register(registry)
    slack.register(registry)
