"""Functions deployed to the SDK tests' own sandbox: an echo action, a failing action, a sync."""

from __future__ import annotations

from typing import Any

from nango_toolbox.sandbox.functions import ActionError, FunctionRegistry


def register(registry: FunctionRegistry) -> None:
    @registry.action("echo", provider="sendgrid")
    def echo(nango: Any, input: Any) -> Any:
        return {"echo": input, "connection_id": nango.connection_id}

    @registry.action("fail", provider="sendgrid")
    def fail(nango: Any, input: Any) -> Any:
        raise ActionError({"reason": "asked to fail"})

    @registry.sync("charges", provider="sendgrid", models={"Charge": None}, auto_start=False)
    def charges(nango: Any) -> Any:
        return {"Charge": [{"id": f"ch_{i}", "amount": i} for i in range(3)]}
