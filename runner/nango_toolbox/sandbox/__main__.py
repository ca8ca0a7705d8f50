"""``nango-run sandbox`` / ``python -m nango_toolbox.sandbox``: serve the sandbox until interrupted.

`serve(argv)` parses the options, prints the base URL and the secret key (the one place the
sandbox shows it in clear), serves in the foreground and returns the exit code (0, or 2 for a
usage error, reported in one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Sequence
from typing import NoReturn, TextIO

from .ratelimit import RateLimit, parse_rate_limit

DEFAULT_RATE_LIMIT = "200/60s"


class UsageError(Exception):
    """A bad option: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser(prog: str = "nango-run sandbox") -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog, description="Serve a local Nango-compatible sandbox until interrupted."
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=3003, help="port (default 3003; 0 picks a free one)"
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="SQLite file keeping the state across restarts (default: in memory)",
    )
    parser.add_argument(
        "--secret-key", metavar="KEY", help="secret key to accept (a UUID; generated when omitted)"
    )
    parser.add_argument(
        "--provider-base-url",
        metavar="PROVIDER=URL",
        action="append",
        default=[],
        help="send this provider's proxy calls to URL (repeatable)",
    )
    parser.add_argument(
        "--providers-file",
        metavar="FILE",
        help="a Nango-format providers.yaml replacing the built-in catalog",
    )
    parser.add_argument(
        "--functions",
        metavar="MODULE",
        help="Python module (or .py file) registering actions and syncs",
    )
    parser.add_argument(
        "--faults", metavar="FILE", help="JSON/YAML list of fault rules active from the start"
    )
    parser.add_argument(
        "--request-log",
        metavar="FILE",
        help="append every logged API call to FILE as one JSON line (memory keeps the latest)",
    )
    parser.add_argument(
        "--rate-limit",
        metavar="N/WINDOW",
        default=DEFAULT_RATE_LIMIT,
        help=f"Nango's API rate limit per key, e.g. 3/2s, or off (default {DEFAULT_RATE_LIMIT},"
        " as a real Nango)",
    )
    parser.add_argument(
        "--webhook-url",
        metavar="URL",
        action="append",
        default=[],
        help="send the signed webhooks of connections, async actions and sync runs to URL "
        "(at most twice: primary, secondary)",
    )
    parser.add_argument(
        "--pickup-delay",
        metavar="SECONDS",
        type=float,
        default=0.1,
        help="how long a triggered sync or action waits before it is picked up, as Nango's "
        "orchestrator makes it wait (default 0.1; a real Nango can take 10)",
    )
    parser.add_argument(
        "--time-scale",
        metavar="FACTOR",
        type=float,
        default=1.0,
        help="multiply the proxy's 3 s doubling retry back-off (default 1: Nango's schedule;"
        " 0.01 for fast tests; --pickup-delay is not scaled)",
    )
    parser.add_argument(
        "--no-fake-providers",
        dest="fake_providers",
        action="store_false",
        help="do not point github/slack/openai at the built-in fake APIs under /_fake/",
    )
    return parser


def _base_urls(values: Sequence[str]) -> dict[str, str]:
    urls: dict[str, str] = {}
    for value in values:
        provider, sep, url = value.partition("=")
        if not sep or not provider or not url.startswith(("http://", "https://")):
            raise UsageError(f"--provider-base-url: expected PROVIDER=http(s)://..., got '{value}'")
        urls[provider] = url
    return urls


def _where(host: str) -> str:
    return f"every interface ({host})" if host in ("0.0.0.0", "::", "[::]") else host


def _rate_limit(value: str) -> RateLimit | None:
    try:
        return parse_rate_limit(value)
    except ValueError as exc:
        raise UsageError(f"--rate-limit: {exc}") from None


def _secret_key(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        uuid.UUID(value)
    except ValueError:
        raise UsageError(
            "--secret-key: expected a UUID such as 3f0c1c9e-4b7d-4c55-9a53-6ad0c5f0b1aa"
        ) from None
    return value


def serve(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, prog: str = "nango-run sandbox"
) -> int:
    """Run the sandbox in the foreground; returns the exit code."""
    try:
        from .server import Sandbox, SandboxError
    except ImportError as exc:
        print(
            f"{prog}: error: the sandbox needs the sandbox extra ({exc.name} is missing):"
            " pip install 'nango-toolbox[sandbox]'",
            file=sys.stderr,
        )
        return 2
    out = out or sys.stdout
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
        if not args.time_scale > 0:
            raise UsageError(f"--time-scale: expected a positive factor, got {args.time_scale}")
        if not 0 <= args.port <= 65535:
            raise UsageError(f"--port: expected 0..65535, got {args.port}")
        sandbox = Sandbox(
            secret_key=_secret_key(args.secret_key),
            db=args.db,
            provider_base_urls=_base_urls(args.provider_base_url),
            providers_file=args.providers_file,
            functions=args.functions,
            host=args.host,
            port=args.port,
            fake_providers=args.fake_providers,
            faults=args.faults,
            request_log=args.request_log,
            rate_limit=_rate_limit(args.rate_limit),
            webhook_urls=args.webhook_url,
            pickup_delay=args.pickup_delay,
            time_scale=args.time_scale,
        )
        sock = sandbox.bind()
        server = sandbox.server(sock)
    except (UsageError, SandboxError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    if sandbox.listening_on_network:
        print(
            f"Nango sandbox listening on {sandbox.listen_url} (this machine: {sandbox.base_url})",
            file=out,
        )
        print(
            f"{prog}: warning: listening on {_where(sandbox.host)}, reachable from the network:"
            " anyone who reaches it with the secret key can use it (--host 127.0.0.1 keeps it"
            " local)",
            file=sys.stderr,
        )
    else:
        print(f"Nango sandbox listening on {sandbox.base_url}", file=out)
    print(f"Secret key: {sandbox.secret_key}", file=out)
    print(
        f"Use: NANGO_SECRET_KEY={sandbox.secret_key} NANGO_SERVER_URL={sandbox.base_url}", file=out
    )
    limit = sandbox.rate_limit
    print(
        f"Rate limit: {limit.limit} requests per {limit.window:g} s per key (--rate-limit off:"
        " none)"
        if limit
        else "Rate limit: none (--rate-limit 200/60s: as a real Nango)",
        file=out,
    )
    for url in args.webhook_url:
        print(f"Webhooks to: {url}", file=out)
    print(
        f"Syncs and actions start {sandbox.pickup_delay:g} s after they are asked for, as Nango's"
        " orchestrator picks jobs up (--pickup-delay 10: as slow as a real Nango can be)",
        file=out,
    )
    print("Press Ctrl+C to stop.", file=out, flush=True)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(serve(prog="python -m nango_toolbox.sandbox"))
