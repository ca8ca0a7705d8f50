"""Functions deployed to the test sandbox (loaded with ``Sandbox(functions=<this file>)``)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from nango_toolbox.sandbox.functions import ActionError, FunctionContext, FunctionRegistry

ECHO_INPUT = {
    "type": "object",
    "properties": {"text": {"type": "string"}, "count": {"type": "integer"}},
    "required": ["text"],
}
_attempts: Counter[str] = Counter()
_lock = threading.Lock()


def register(registry: FunctionRegistry) -> None:
    @registry.action(
        "echo",
        provider="sendgrid",
        description="Echo the input.\n- text: what to echo\n- count: how many times",
        input_model="EchoInput",
        input_schema=ECHO_INPUT,
        output_model="EchoOutput",
        endpoint=("POST", "/echo"),
    )
    def echo(nango: FunctionContext, input: Any) -> Any:
        return {"input": input, "connection_id": nango.connection_id, "metadata": nango.metadata}

    @registry.action("raw-list", provider="sendgrid")
    def raw_list(nango: FunctionContext, input: Any) -> Any:
        return [1, "two", None]

    @registry.action("refuse", provider="sendgrid")
    def refuse(nango: FunctionContext, input: Any) -> Any:
        raise ActionError({"message": "card declined", "reason": "insufficient_funds"})

    @registry.action("crash", provider="sendgrid")
    def crash(nango: FunctionContext, input: Any) -> Any:
        raise RuntimeError("division by zero somewhere")

    @registry.action("charge", provider="sendgrid")
    def charge(nango: FunctionContext, input: Any) -> Any:
        return nango.post("/v1/charges", json=input).json()

    @registry.action("flaky", provider="sendgrid")
    def flaky(nango: FunctionContext, input: Any) -> Any:
        """Fails until it has been called ``input["fail_times"]`` times for ``input["key"]``."""
        with _lock:
            _attempts[input["key"]] += 1
            attempt = _attempts[input["key"]]
        if attempt <= input["fail_times"]:
            raise ActionError({"message": f"attempt {attempt} failed"})
        return {"attempt": attempt}

    @registry.action("customers", integration="twin-names")
    def customers_action(nango: FunctionContext, input: Any) -> Any:
        return {"shares": "its name with a sync"}

    @registry.action("only-here", integration="stripe-special")
    def only_here(nango: FunctionContext, input: Any) -> Any:
        return {"integration": nango.provider_config_key}

    @registry.sync(
        "customers",
        provider="sendgrid",
        models={"Customer": {"type": "object", "properties": {"id": {"type": "string"}}}},
        frequency="every hour",
        auto_start=False,
        endpoints=[("GET", "/customers")],
    )
    def customers(nango: FunctionContext) -> Any:
        """Saves metadata["customers"] records, deletes metadata["gone"] ids."""
        nango.batch_save(nango.metadata.get("customers", []), "Customer")
        nango.batch_delete([{"id": i} for i in nango.metadata.get("gone", [])], "Customer")

    @registry.sync(
        "full-items",
        provider="sendgrid",
        models={"Item": None},
        sync_type="full",
        track_deletes=True,
        auto_start=False,
    )
    def full_items(nango: FunctionContext) -> Any:
        return {"Item": [{"id": i} for i in nango.metadata.get("items", [])]}

    @registry.sync("broken", provider="sendgrid", models={"Nothing": None}, auto_start=False)
    def broken(nango: FunctionContext) -> Any:
        raise RuntimeError("the provider is down")

    @registry.sync("auto", provider="sendgrid", models={"Tick": None}, frequency="every day")
    def auto(nango: FunctionContext) -> Any:
        yield "Tick", [{"id": "t1", "variant": nango.variant}]
