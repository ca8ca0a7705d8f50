"""The MCP server: serves the tool catalog (``tools``) with the official MCP SDK's low-level
``Server``, over stdio or Streamable HTTP.

A tool call checks its arguments against the input schema, runs the decision in a worker thread
(the SDK client is synchronous), redacts the result and returns it as structured content (and as
JSON text for clients that read only text). A ToolboxError becomes a tool error whose text is the
command line's one-line message.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
import mcp_types as types
from mcp.server import Server, ServerRequestContext

from .._cli_output import Redactor
from .._version import __version__
from .core import Toolbox, ToolboxError
from .tools import ToolSpec, call_tool

__all__ = ["build_server"]


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


def _error(text: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=text)], is_error=True)


def build_server(
    tb: Toolbox,
    specs: list[ToolSpec],
    redact: Redactor,
    *,
    instructions: str | None = None,
) -> Server[Any]:
    """An MCP server listing ``specs`` and answering their calls with the session ``tb``."""
    by_name = {spec.name: spec for spec in specs}
    listed = [_tool(spec) for spec in specs]

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def call(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        spec = by_name.get(params.name)
        if spec is None:
            return _error(f"unknown tool {params.name!r}; tools: {', '.join(by_name)}")
        arguments = dict(params.arguments or {})
        # a value under a credential's name (a client_secret passed to integration_ensure) is a
        # secret from now on, in this result and every later one
        redact.add_inputs(arguments)
        try:
            result = await anyio.to_thread.run_sync(lambda: call_tool(tb, spec, arguments))
        except ToolboxError as exc:
            return _error(str(redact(str(exc))))
        shown = redact(result)
        text = json.dumps(shown, ensure_ascii=False, default=str)
        return types.CallToolResult(
            content=[types.TextContent(text=text)], structured_content=shown
        )

    return Server(
        "nango-toolbox",
        version=__version__,
        instructions=instructions,
        on_list_tools=list_tools,
        on_call_tool=call,
    )
