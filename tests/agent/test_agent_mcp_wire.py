"""nango-toolbox mcp over stdio, spoken to line by line: the tool calls its fast lane answers
(after the handshake) agree with the SDK's answers, stay concurrent, honour a cancellation, and
leave everything else (the handshake, pings, malformed calls) to the MCP SDK."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cli.cli_support import Control
from mcp_types import methods
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS
from nango_toolbox import Nango
from nango_toolbox._cli_output import Redactor
from nango_toolbox.agent.core import Toolbox
from nango_toolbox.agent.mcp_server import ToolCalls
from nango_toolbox.agent.tools import catalog
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique

TOOLBOX = str(Path(sys.executable).with_name("nango-toolbox"))


class Wire:
    """A JSON-RPC peer on the server's stdin/stdout: one message per line."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"jsonrpc": "2.0", **message}).encode() + b"\n")
        self.process.stdin.flush()

    def receive(self, timeout: float = 30) -> dict[str, Any]:
        return self.lines.get(timeout=timeout)

    def ask(self, request_id: int, method: str, params: Any = None) -> dict[str, Any]:
        """Send a request and return its answer (nothing else may come in between)."""
        self.send(
            {"id": request_id, "method": method, **({} if params is None else {"params": params})}
        )
        answer = self.receive()
        assert answer["id"] == request_id, answer
        return answer

    def handshake(self, version: str = "2025-11-25") -> None:
        init = self.ask(
            1,
            "initialize",
            {
                "protocolVersion": version,
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "1"},
            },
        )
        assert init["result"]["protocolVersion"] == version
        self.send({"method": "notifications/initialized"})


@contextmanager
def _server(sandbox: Sandbox) -> Iterator[Wire]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
    env.update(NANGO_SECRET_KEY=sandbox.secret_key, NANGO_SERVER_URL=sandbox.base_url)
    process = subprocess.Popen(
        [TOOLBOX, "mcp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        yield Wire(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
        assert process.stderr is not None
        errors = process.stderr.read().decode()
        assert "Traceback" not in errors, errors
        assert sandbox.secret_key not in errors


def _openai(control: Control) -> tuple[str, str]:
    key = unique("oa")
    control.client.post(
        "/integrations", json={"provider": "openai", "unique_key": key}
    ).raise_for_status()
    return key, control.connect(key, "ann", apiKey="sk-wire-test-key")


def test_stdio_tool_calls_before_and_after_the_handshake(
    sandbox: Sandbox, control: Control
) -> None:
    """Before the handshake a call gets the SDK's refusal; after it, a call (with or without
    _meta) gets structured content and the same JSON as text, a tool error its one line, and a
    call with malformed params the SDK's invalid-params error; no answer shows the API key."""
    key, cid = _openai(control)
    call = {
        "name": "proxy_request",
        "arguments": {
            "integration_id": key,
            "connection_id": cid,
            "method": "GET",
            "path": "/v1/models",
        },
    }
    with _server(sandbox) as wire:
        early = wire.ask(7, "tools/call", call)
        assert early["error"]["code"] == -32602, early
        wire.handshake()
        for request_id, params in ((2, call), (3, {**call, "_meta": {"progressToken": "p"}})):
            answer = wire.ask(request_id, "tools/call", params)
            result = answer["result"]
            assert result["isError"] is False
            assert result["structuredContent"]["status"] == 200
            assert json.loads(result["content"][0]["text"]) == result["structuredContent"]
            assert "sk-wire-test-key" not in json.dumps(answer)
        wrong = wire.ask(4, "tools/call", {**call, "arguments": {**call["arguments"], "pth": "/x"}})
        assert wrong["result"]["isError"] is True
        assert wrong["result"]["content"][0]["text"].startswith(
            "proxy_request: unknown argument 'pth'"
        )
        malformed = wire.ask(5, "tools/call", {"name": "proxy_request", "arguments": [1]})
        assert malformed["error"]["code"] == -32602, malformed
        unknown = wire.ask(6, "tools/call", {"name": "nope"})
        assert unknown["result"]["isError"] is True
        assert wire.ask(8, "ping")["result"] == {}


def test_stdio_calls_run_concurrently_and_a_cancelled_one_is_not_answered(
    sandbox: Sandbox, control: Control
) -> None:
    """While a call waits for the end user, pings and other calls are answered; a call the
    client cancels is never answered, one it does not cancel is, once its wait is over."""
    key = unique("oa")
    control.client.post(
        "/integrations", json={"provider": "openai", "unique_key": key}
    ).raise_for_status()
    waiting = {
        "name": "connection_ensure",
        "arguments": {"integration_id": key, "end_user_id": "zed", "wait": 5},
    }
    with _server(sandbox) as wire:
        wire.handshake()
        started = time.monotonic()
        wire.send({"id": 10, "method": "tools/call", "params": waiting})
        wire.send({"id": 11, "method": "tools/call", "params": waiting})
        assert wire.ask(12, "ping")["result"] == {}
        listed = wire.ask(
            13, "tools/call", {"name": "integrations_get", "arguments": {"integration_id": key}}
        )
        assert listed["result"]["structuredContent"]["integration"]["unique_key"] == key
        # 5 s of waiting leaves a loaded CI machine room to answer the ping and the call first
        assert time.monotonic() - started < 5
        wire.send({"method": "notifications/cancelled", "params": {"requestId": 10}})
        answer = wire.receive()
        assert answer["id"] == 11, answer
        assert answer["result"]["structuredContent"]["outcome"] == "needs_person"
        assert time.monotonic() - started >= 5
        assert wire.ask(14, "ping")["result"] == {}
        try:
            late = wire.receive(timeout=1)
        except queue.Empty:
            late = None
        assert late is None, late


def test_tool_call_answers_are_already_in_their_wire_shape(
    sandbox: Sandbox, control: Control
) -> None:
    """What ToolCalls answers (a result, a tool error, an unknown tool) is what the SDK's own
    result serializer makes of it at every protocol version the stdio fast lane serves, so the
    lane sends it as it is."""
    key, cid = _openai(control)
    arguments = {"integration_id": key, "connection_id": cid, "method": "GET", "path": "/v1/models"}
    with Nango(secret_key=sandbox.secret_key, base_url=sandbox.base_url) as nango:
        calls = ToolCalls(Toolbox(nango), catalog(), Redactor({}))
        answers = [
            calls("proxy_request", arguments),
            calls("proxy_request", {**arguments, "pth": "/x"}),
            calls("nope", None),
        ]
    assert [a["isError"] for a in answers] == [False, True, True]
    for answer in answers:
        for version in HANDSHAKE_PROTOCOL_VERSIONS:
            assert methods.serialize_server_result("tools/call", version, answer) == answer
