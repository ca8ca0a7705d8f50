"""Functions deployed to the sandbox of the sync tests (``Sandbox(functions=<this file>)``)."""

from __future__ import annotations

from typing import Any

from nango_toolbox.sandbox.functions import FunctionContext, FunctionRegistry


def register(registry: FunctionRegistry) -> None:
    @registry.sync("items", provider="sendgrid", models={"Item": None}, auto_start=False)
    def items(nango: FunctionContext) -> Any:
        """Saves three Item records."""
        nango.batch_save([{"id": str(i), "name": f"item {i}"} for i in range(3)], "Item")

    @registry.sync("broken", provider="sendgrid", models={"Item": None}, auto_start=True)
    def broken(nango: FunctionContext) -> Any:
        """Fails on every run."""
        raise RuntimeError("the provider said no")
