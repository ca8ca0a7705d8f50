"""The MCP server: serves the tool catalog (``tools``) with the official MCP SDK's low-level
``Server``, over stdio or Streamable HTTP.

A tool call (``ToolCalls``, the one place that answers one) checks its arguments against the
input schema, makes the decision in a worker thread (the SDK client is synchronous), redacts the
result and returns it as structured content (and as JSON text for clients that read only text).
A ToolboxError becomes a tool error whose text is the command line's one-line message.

On stdio, once the handshake is done, ``FastCalls`` answers a plain ``tools/call`` itself: the
same ``ToolCalls`` answer (already in its wire shape), without the SDK's per-request machinery
(message models, dispatcher task, middleware chain, context, result serializer, the hops between
the event loop and a worker thread), made and written by the thread that read the request
(``mcp_stdio``). That machinery cost more than the decision itself (~0.3-0.6 ms of CPU per call),
which matters against a nearby Nango. Every other message (and a call the fast lane does not
take: before the handshake, an unusual shape) goes to the SDK as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

import anyio
import mcp_types as types
from mcp.server import Server, ServerRequestContext
from mcp_types import methods as _methods
from mcp_types.version import HANDSHAKE_PROTOCOL_VERSIONS
from pydantic import ValidationError
from pydantic_core import from_json, to_json

from .._cli_output import Redactor
from .._version import __version__
from .core import Toolbox, ToolboxError
from .tools import ToolSpec, call_tool

__all__ = ["FastCalls", "ToolCalls", "build_server"]

logger = logging.getLogger(__name__)


def _tool(spec: ToolSpec) -> types.Tool:
    hints = types.ToolAnnotations(
        read_only_hint=spec.read_only,
        destructive_hint=False if spec.read_only else spec.destructive,
        open_world_hint=True,
    )
    return types.Tool(
        name=spec.name,
        description=spec.description,
        input_schema=spec.input_schema(),
        output_schema=spec.output_schema(),
        annotations=hints,
    )


def _error(text: str) -> dict[str, Any]:
    return {"content": [{"type": "text", "text": text}], "isError": True}


class ToolCalls:
    """Answers one tool call of a session (blocking: call it from a worker thread) with the
    result as the wire has it (``CallToolResult``'s JSON, the same at every protocol version the
    stdio lane serves: tests check that the SDK's serializer keeps it as it is)."""

    def __init__(self, tb: Toolbox, specs: list[ToolSpec], redact: Redactor) -> None:
        self.tb = tb
        self.specs = {spec.name: spec for spec in specs}
        self.redact = redact

    def known(self, name: str) -> bool:
        return name in self.specs

    def unknown(self, name: str) -> dict[str, Any]:
        return _error(f"unknown tool {name!r}; tools: {', '.join(self.specs)}")

    def __call__(self, name: str, arguments: Mapping[str, Any] | None) -> dict[str, Any]:
        spec = self.specs.get(name)
        if spec is None:
            return self.unknown(name)
        given = dict(arguments or {})
        # a value under a credential's name (a client_secret passed to integration_ensure) is a
        # secret from now on, in this result and every later one
        self.redact.add_inputs(given)
        try:
            result = call_tool(self.tb, spec, given)
        except ToolboxError as exc:
            return _error(str(self.redact(str(exc))))
        shown, text = self.redact.json(result)
        return {
            "content": [{"type": "text", "text": text}],
            "isError": False,
            "structuredContent": shown,
        }


def build_server(
    calls: ToolCalls, specs: list[ToolSpec], *, instructions: str | None = None
) -> Server[Any]:
    """An MCP server listing ``specs`` and answering their calls with ``calls``."""
    listed = [_tool(spec) for spec in specs]

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def call(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        if not calls.known(params.name):
            answer = calls.unknown(params.name)
        else:
            answer = await anyio.to_thread.run_sync(calls, params.name, params.arguments)
        return types.CallToolResult.model_validate(answer)

    return Server(
        "nango-toolbox",
        version=__version__,
        instructions=instructions,
        on_list_tools=list_tools,
        on_call_tool=call,
    )


_CALL_KEYS = frozenset({"jsonrpc", "id", "method", "params"})
_PARAM_KEYS = frozenset({"name", "arguments", "_meta"})


class FastCalls:
    """The stdio fast lane for ``tools/call`` (see the module docstring).

    ``take(line, write)`` is given every line the client sends (by ``mcp_stdio``'s reader
    thread): it returns a job that answers the call (run on that thread, writing the answer with
    ``write``) or absorbs a cancellation of one, or None for whatever the SDK must see.
    ``sent(line)`` is given what the SDK writes, until the handshake is known (the negotiated
    protocol version); ``close()`` waits for the answers still being made.
    """

    def __init__(self, calls: ToolCalls) -> None:
        self._calls = calls
        self._init_id: Any = None
        self._version: str | None = None
        self._initialized = False
        self._lock = threading.Condition()
        self._running: dict[Any, bool] = {}  # request id -> cancelled by the client

    # -- the handshake, as the SDK answers it ------------------------------------------------

    def sent(self, line: bytes) -> None:
        if self._version is not None or self._init_id is None or b"protocolVersion" not in line:
            return
        message = _json(line)
        if message.get("id") != self._init_id or not isinstance(message.get("result"), dict):
            return
        version = message["result"].get("protocolVersion")
        if version in HANDSHAKE_PROTOCOL_VERSIONS:  # else the SDK answers everything
            self._version = version

    def _watch(self, line: bytes) -> None:
        if b'"initialize"' in line or b'"notifications/initialized"' in line:
            message = _json(line)
            if message.get("method") == "initialize" and "id" in message:
                self._init_id = message["id"]
            elif message.get("method") == "notifications/initialized":
                self._initialized = True

    # -- the calls ---------------------------------------------------------------------------

    def take(self, line: bytes, write: Callable[[bytes], None]) -> Callable[[], None] | None:
        version = self._version
        if version is None or not self._initialized:
            self._watch(line)
            return None
        if b'"tools/call"' not in line and b'"notifications/cancelled"' not in line:
            return None
        message = _json(line)
        if message.get("jsonrpc") != "2.0":
            return None
        if message.get("method") == "notifications/cancelled":
            return _nothing if self._cancel(message.get("params")) else None
        request_id = message.get("id")
        if (
            message.get("method") != "tools/call"
            or message.keys() != _CALL_KEYS
            or isinstance(request_id, bool)
            or not isinstance(request_id, int | str)
        ):
            return None
        params = message["params"]
        if not isinstance(params, dict) or not _PARAM_KEYS.issuperset(params):
            return None
        name, arguments = params.get("name"), params.get("arguments")
        if not isinstance(name, str) or not isinstance(arguments, dict | None):
            return None  # the SDK explains it
        if "_meta" in params:  # its shape is the SDK's to judge
            try:
                _methods.validate_client_request("tools/call", version, params)
            except (ValidationError, KeyError, TypeError):
                return None
        with self._lock:
            if request_id in self._running:
                return None
            self._running[request_id] = False
        return lambda: self._answer(request_id, name, arguments, write)

    def _cancel(self, params: Any) -> bool:
        request_id = params.get("requestId") if isinstance(params, dict) else None
        with self._lock:
            if request_id is None or request_id not in self._running:
                return False
            self._running[request_id] = True  # its answer is dropped, as the SDK drops it
        return True

    def _answer(
        self,
        request_id: Any,
        name: str,
        arguments: dict[str, Any] | None,
        write: Callable[[bytes], None],
    ) -> None:
        reply: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id}
        try:
            reply["result"] = self._calls(name, arguments)
        except Exception as exc:  # as the SDK answers a handler that raised, but redacted
            logger.exception("handler for 'tools/call' raised")
            reply["error"] = {"code": 0, "message": str(self._calls.redact(str(exc)))}
        with self._lock:
            cancelled = self._running.pop(request_id, False)
            self._lock.notify_all()
        if not cancelled:  # JSON as the SDK writes it (pydantic's), datetimes included
            write(to_json(reply, fallback=str) + b"\n")

    def close(self) -> None:
        """Wait for the answers still being made (the client may still read them)."""
        with self._lock:
            self._lock.wait_for(lambda: not self._running)


def _nothing() -> None:
    pass


def _json(line: bytes) -> dict[str, Any]:
    """The JSON object on ``line``, else {} (then the SDK reads the line and answers it)."""
    try:  # pydantic's parser: one C call (json.loads makes a dozen Python ones): 2.8 -> 0.8 us
        message = from_json(line, allow_inf_nan=True)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}
