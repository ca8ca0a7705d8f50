"""``nango-toolbox mcp``: start the MCP server (stdio by default, ``--http HOST:PORT`` for
Streamable HTTP at ``/mcp``), against the configured Nango server or an embedded sandbox that
lives as long as the server.

Nothing but the protocol goes to stdout in stdio mode: notes and problems go to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .cli_base import EXIT_INTERRUPTED, EXIT_OK, PROG, UsageError, connected
from .cli_base import parser as _parser

__all__ = ["serve"]


def _options(argv: list[str]) -> Any:
    parser = _parser(
        "mcp",
        "Serve Nango as MCP tools (Nango's Management MCP names, plus the decision path and "
        "your workflows). stdio by default.",
    )
    parser.add_argument("--http", metavar="HOST:PORT", help="serve Streamable HTTP at /mcp")
    parser.add_argument("--read-only", action="store_true", help="list and allow reads only")
    parser.add_argument(
        "--integration",
        action="append",
        default=[],
        metavar="K",
        help="limit every tool to this integration (repeatable)",
    )
    parser.add_argument("--workflows", metavar="DIR", help="one tool per workflow file in DIR")
    options = parser.parse_args(argv)
    if options.http:
        host, sep, port = options.http.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise UsageError(
                f"--http expects HOST:PORT such as 127.0.0.1:8765, got {options.http!r}"
            )
        options.http = (host.strip("[]"), int(port))
    return options


def serve(argv: list[str]) -> int:
    """Run the MCP server until its input ends (stdio) or it is stopped (HTTP)."""
    options = _options(argv)  # first: `mcp --help` needs no MCP SDK (a 0.8 s import)
    try:
        import mcp  # noqa: F401
    except ImportError:
        raise UsageError(
            "the MCP server needs the mcp extra: pip install 'nango-toolbox[mcp]'"
        ) from None
    from .core import ToolboxError

    try:
        with _session(options) as (tb, redact, note):
            return _run(options, tb, redact, note)
    except ToolboxError as exc:
        raise UsageError(str(exc)) from None
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


@contextmanager
def _session(options: Any) -> Iterator[tuple[Any, Any, str]]:
    import os

    from .._cli_output import Redactor as _Redactor
    from .core import Toolbox

    env = dict(os.environ)
    redact = _Redactor(env)
    allowed = frozenset(options.integration) or None
    with connected(options, redact) as (client, sandbox):
        poll: float | None = None
        if sandbox is not None:
            from ..workflow.sandbox_mode import SANDBOX_POLL_INTERVAL

            poll = SANDBOX_POLL_INTERVAL
        tb = Toolbox(
            client,
            dry_run=options.dry_run,
            read_only=options.read_only,
            integrations=allowed,
            max_poll_interval=poll,
            env=env,
            on_secret=redact.add,
        )
        where = "a throw-away sandbox at " if sandbox is not None else ""
        yield tb, redact, f"against {where}{client._settings.base_url}"


def _run(options: Any, tb: Any, redact: Any, note: str) -> int:
    from .mcp_server import ToolCalls, build_server
    from .tools import catalog

    extra: list[Any] = []
    problems: list[str] = []
    if options.workflows:
        from .workflows import workflow_tools

        extra, problems = workflow_tools(options.workflows)
        for problem in problems:
            print(f"{PROG} mcp: workflow left out: {redact(problem)}", file=sys.stderr)
    specs = catalog(read_only=options.read_only, integrations=tb.integrations, extra=extra)
    instructions = (
        "Nango through nango-toolbox: discover (integrations_list, providers_search), set up "
        "(integration_ensure, connection_ensure, scopes_check), then call (proxy_request for one "
        "or two calls, action_trigger for more). Outcome needs_person: give the person the "
        "connect_link as it is; choose: ask which of the candidates."
    )
    if problems:
        instructions += " Workflows left out (invalid): " + "; ".join(problems)
    calls = ToolCalls(tb, specs, redact)
    server = build_server(calls, specs, instructions=str(redact(instructions)))
    mode = "read-only, " if options.read_only else ""
    print(
        f"{PROG} mcp: {len(specs)} tools ({mode}{note}); "
        + (
            f"Streamable HTTP at http://{options.http[0]}:{options.http[1]}/mcp"
            if options.http
            else "stdio"
        ),
        file=sys.stderr,
        flush=True,
    )
    if options.http:
        import uvicorn

        host, port = options.http
        if host not in ("127.0.0.1", "localhost", "::1"):
            print(
                f"{PROG} mcp: warning: {host} is not a loopback address and the server has no "
                "authentication of its own: anyone who reaches it acts with your Nango secret key",
                file=sys.stderr,
            )
        app = server.streamable_http_app(host=host)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return EXIT_OK
    import anyio
    from mcp.server.runner import serve_loop
    from mcp.server.stdio import stdio_server

    from .mcp_server import FastCalls
    from .mcp_stdio import pipe_stdio

    async def run_stdio() -> None:
        # The handshake era (protocol versions up to 2025-11-25), which every MCP client
        # speaks (the SDK's own client falls back to it): with mcp 2.3.0 the per-request
        # envelope of 2026-07-28 costs about 3 ms per call on stdio, a third of a proxy call.
        async with pipe_stdio(FastCalls(calls)) as streams:
            stdin, stdout = streams or (None, None)
            async with stdio_server(stdin, stdout) as (read_stream, write_stream):
                await serve_loop(
                    server,
                    read_stream,
                    write_stream,
                    lifespan_state={},
                    init_options=server.create_initialization_options(),
                )

    anyio.run(run_stdio)
    return EXIT_OK
