"""What both halves of the nango-toolbox command line share: the program name, exit codes, the
usage error, the per-command parser and the client the options name, configured or a throw-away
sandbox (``cli`` and ``mcp_cli`` import it; neither imports the other at module level)."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing costs more than the rest of --version
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from typing import Any

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PERSON",
    "EXIT_USAGE",
    "PROG",
    "UsageError",
    "client",
    "connected",
    "parser",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PERSON, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
PROG = "nango-toolbox"


class UsageError(Exception):
    """Bad command-line usage: one line on stderr, exit code 2."""


def parser(name: str, description: str) -> argparse.ArgumentParser:
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:
            raise UsageError(f"{message} (see {self.prog} --help)")

    parser = Parser(prog=f"{PROG} {name}", description=description)
    parser.add_argument("--output", choices=("json", "table"))
    parser.add_argument("--server-url", metavar="URL", help="the Nango server")
    parser.add_argument("--sandbox", action="store_true", help="a throw-away local sandbox")
    parser.add_argument("--dry-run", action="store_true", help="print writes, send none")
    parser.add_argument("--yes", "-y", action="store_true", help="confirm mutations")
    return parser


def client(server_url: str | None) -> Any:
    from .._config import resolve_settings
    from .._errors import ConfigurationError
    from ..client import Nango

    try:
        resolve_settings(
            None, server_url, secret_key_argument=None, base_url_argument="--server-url"
        )
        return Nango(base_url=server_url)
    except ConfigurationError as exc:
        raise UsageError(str(exc)) from None


def connected(options: argparse.Namespace, redact: Any) -> Any:
    """A context giving ``(client, sandbox)``: a client on a throw-away sandbox under
    ``--sandbox`` (``sandbox`` is it), else on the configured server (``sandbox`` is None);
    the secret key it uses goes into ``redact``, and the client (and sandbox) close on exit."""
    from contextlib import contextmanager

    @contextmanager
    def session() -> Iterator[tuple[Any, Any]]:
        from ..client import Nango

        if not options.sandbox:
            from .._cli_output import secret_key_of

            with client(options.server_url) as configured:
                redact.add(secret_key_of(configured))
                yield configured, None
            return
        if options.server_url:
            raise UsageError("--sandbox and --server-url cannot be used together")
        try:
            from ..workflow.sandbox_mode import embedded_sandbox

            context = embedded_sandbox()
            sandbox = context.__enter__()
        except ImportError as exc:
            raise UsageError(
                f"--sandbox needs the sandbox extra ({exc.name} is missing): "
                "pip install 'nango-toolbox[sandbox]'"
            ) from None
        try:
            redact.add(sandbox.secret_key)
            with Nango(secret_key=sandbox.secret_key, base_url=sandbox.base_url) as on_sandbox:
                yield on_sandbox, sandbox
        finally:
            context.__exit__(None, None, None)

    return session()
