"""nango-toolbox: one command per decision an agent makes with Nango; prints and picks exit codes.

The decisions themselves live in ``ops_setup``/``ops_calls``/``doctor`` (shared with the MCP
server); this module parses arguments, builds the session (configuration, ``--sandbox``), asks
for confirmation of mutations, and prints the outcome: one JSON document on stdout when it is not
a terminal (or with ``--output json``), readable text on a terminal.

Exit codes (as nango-run): 0 done, 1 failed, 2 bad input or usage, 3 a person must act (a
connect link, or connections to choose from, in the output), 130 interrupted. Start-up is cheap:
``--version`` and ``--help`` import nothing heavy.
"""

from __future__ import annotations

import sys

from .._version import __version__
from .cli_base import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PERSON,
    EXIT_USAGE,
    PROG,
    UsageError,
)
from .cli_base import connected as _connected
from .cli_base import parser as _parser

TYPE_CHECKING = False  # not typing's: importing typing costs more than the rest of --version
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any

    from .core import Toolbox

__all__ = ["HELP", "main"]


HELP = f"""usage: {PROG} COMMAND [options]   ({PROG} COMMAND --help for its options)

Nango for agents: one command per decision, JSON when piped, a table on a terminal.

discover:
  integrations [get|delete] [KEY]           the integrations (one of them; delete one)
  providers [SEARCH]                        the providers Nango supports
  connections [--integration K] [--end-user ID] [--connection ID]
  scripts [--integration K]                 the deployed actions and syncs
set up:
  ensure-integration PROVIDER [--key K] [--client-id ID --client-secret S] [--scopes a,b]
  connect INTEGRATION --end-user ID [--wait D]      the end user's connection, or a link
  scopes INTEGRATION [CONNECTION] [--require a,b] [--grant a,b] [--wait D]
call:
  proxy INTEGRATION [CONNECTION] METHOD PATH [-q k=v] [-H 'K: v'] [--json BODY|@FILE]
        [--all-pages] [--select POINTER] [--save FILE]
  action INTEGRATION [CONNECTION] NAME [--input JSON|@FILE] [--async [--wait D]]
  records INTEGRATION [CONNECTION] MODEL [--limit N] [--cursor C] [--select P] [--save FILE]
  run FILE ...                              run a workflow (nango-run)
serve and help:
  mcp [--http HOST:PORT] [--read-only] [--integration K]... [--workflows DIR]
  skill                                     print the agent skill (SKILL.md)
  doctor                                    what works on the configured Nango server

every command: --output json|table, --server-url URL, --sandbox (a throw-away local sandbox),
--dry-run (print the writes instead of sending them), --yes (confirm mutations), --end-user ID
(with no CONNECTION: the end user's one connection; several are listed to choose from)

configuration: NANGO_TOOLBOX_SECRET_KEY (or NANGO_SECRET_KEY) and NANGO_SERVER_URL, from the
environment or ./.env, as nango-run and the SDK.

exit codes: 0 done, 1 failed, 2 bad input or usage, 3 a person must act (a connect link or
connections to choose from are in the output), 130 interrupted.
"""


def main(argv: Sequence[str] | None = None) -> int:
    """The nango-toolbox entry point; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args in (["--version"], ["-V"]):
        print(f"{PROG} {__version__}")
        return EXIT_OK
    if not args or args in (["--help"], ["-h"], ["help"]):
        print(HELP, end="")
        return EXIT_OK if args else EXIT_USAGE
    json_output = _wants_json(args)
    try:
        return _dispatch(args)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE, json_output)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED, json_output)
    except SystemExit as exc:  # argparse's --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except BrokenPipeError:
        from .._cli_output import silence_stdout as _silence_stdout

        _silence_stdout()
        return EXIT_FAILED


def _fail(message: str, code: int, json_output: bool) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    if json_output:
        print(_dump({"outcome": "error", "error": message}))
    return code


def _wants_json(args: Sequence[str]) -> bool:
    for a, b in zip(args, [*args[1:], ""], strict=False):
        if a == "--output=json" or (a == "--output" and b == "json"):
            return True
        if a == "--output=table" or (a == "--output" and b == "table"):
            return False
    return not sys.stdout.isatty()


def _dump(value: Any) -> str:
    from .._cli_output import dump

    return dump(value, ascii_only=False)


# -- parsing ---------------------------------------------------------------------------------


def _calls(parser: argparse.ArgumentParser, positionals: str) -> None:
    parser.add_argument("words", nargs="+", metavar=positionals)
    parser.set_defaults(usage=positionals)
    parser.add_argument("--end-user", metavar="ID", help="narrow the connection to an end user")
    parser.add_argument("--select", metavar="POINTER", help="a JSON pointer or dotted path")
    parser.add_argument("--save", metavar="FILE", help="write the whole result to FILE")
    from .preview import DEFAULT_MAX_BYTES

    parser.add_argument(
        "--max-bytes", type=_preview_size, default=DEFAULT_MAX_BYTES, help="preview size"
    )


def _preview_size(text: str) -> int:
    """--max-bytes: a whole number of at least MIN_MAX_BYTES (the MCP tools' minimum too)."""
    import argparse

    from .preview import MIN_MAX_BYTES

    if not text.strip().isdigit() or int(text) < MIN_MAX_BYTES:
        raise argparse.ArgumentTypeError(
            f"expects a number of bytes, at least {MIN_MAX_BYTES}, got {text!r}"
        )
    return int(text)


def _split_connection(words: list[str], rest: int, usage: str) -> tuple[str, str | None, list[str]]:
    """INTEGRATION [CONNECTION] then ``rest`` more words."""
    if len(words) == rest + 1:
        return words[0], None, words[1:]
    if len(words) == rest + 2:
        return words[0], words[1], words[2:]
    raise UsageError(f"expected {usage}")


def _call(o: argparse.Namespace, rest: int) -> tuple[dict[str, Any], list[str]]:
    """What every provider call (proxy, action, records) takes from its command line: the
    integration, connection and end user, and the preview options; with the ``rest`` words."""
    integration, connection, words = _split_connection(o.words, rest, o.usage)
    target = {
        "integration_id": integration,
        "connection_id": connection,
        "end_user_id": o.end_user,
        "select": o.select,
        "save_to": o.save,
        "max_bytes": o.max_bytes,
    }
    return target, words


def _json_value(text: str | None, what: str) -> Any:
    """A JSON value from text or ``@FILE``."""
    if text is None:
        return None
    import json

    source = text
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as handle:
                source = handle.read(16 * 1024 * 1024 + 1)
        except OSError as exc:
            raise UsageError(f"{what}: cannot read {text[1:]} ({exc.strerror or exc})") from None
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{what}: not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from None


def _pairs(items: list[str], sep: str, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, found, value = item.partition(sep)
        if not found or not name.strip():
            if what == "-H":  # a header without its colon may still be a credential: not echoed
                raise UsageError("-H expects 'Name: value'; one -H has no name and colon")
            raise UsageError(f"{what} expects NAME{sep}VALUE, got {item!r}")
        out[name.strip()] = value.strip() if sep == ":" else value
    return out


def _duration(text: str | None) -> float:
    if text is None:
        return 0.0
    from ..workflow.runtime import parse_duration

    try:
        return parse_duration(text)
    except ValueError:
        raise UsageError(f"--wait expects a duration such as 30s or 10m, got {text!r}") from None


# -- commands --------------------------------------------------------------------------------


def _command_first(args: list[str]) -> list[str]:
    """``--sandbox integrations`` is ``integrations --sandbox``: options given before the
    command are the common ones every command takes."""
    if not args[0].startswith("-"):
        return args
    known = {*_COMMANDS, "run", "mcp", "skill"}
    for index, word in enumerate(args):
        if word in known:
            return [word, *args[:index], *args[index + 1 :]]
    return args


def _dispatch(args: list[str]) -> int:
    args = _command_first(args)
    name, rest = args[0], args[1:]
    if name == "run":
        from ..cli import main as nango_run

        return nango_run(rest)
    if name == "skill":
        _parser("skill", "Print the nango-toolbox skill for agents.").parse_args(rest)
        from .skill import skill_text

        sys.stdout.write(skill_text())
        return EXIT_OK
    if name == "mcp":
        from .mcp_cli import serve

        return serve(rest)
    command = _COMMANDS.get(name)
    if command is None:
        import difflib

        close = difflib.get_close_matches(name, [*_COMMANDS, "run", "mcp", "skill"], n=1)
        hint = f"did you mean '{PROG} {close[0]}'? " if close else ""
        raise UsageError(f"unknown command {name!r}; {hint}see {PROG} --help")
    build, decide = command
    parser = build()
    options = parser.parse_args(rest)
    return _perform(options, decide)


def _perform(options: argparse.Namespace, decide: Callable[[Toolbox, Any], Any]) -> int:
    from .core import ToolboxError

    output = options.output or ("table" if sys.stdout.isatty() else "json")
    with _session(options) as (tb, redact):
        try:
            result = decide(tb, options)
        except ToolboxError as exc:
            return _fail(
                redact(str(exc)), EXIT_USAGE if exc.usage else EXIT_FAILED, output == "json"
            )
        result = redact(result)
    if output == "json":
        print(_dump(result))
    else:
        from .render import render

        print(render(result))
    outcome = result.get("outcome")
    if outcome in ("needs_person", "choose"):
        return EXIT_PERSON
    if result.get("satisfied") is False or result.get("working") is False:
        return EXIT_FAILED
    return EXIT_OK


def _session(options: argparse.Namespace) -> Any:
    from contextlib import contextmanager

    @contextmanager
    def session() -> Iterator[tuple[Toolbox, Any]]:
        import os

        from .._cli_output import HumanListener as _HumanListener
        from .._cli_output import JsonLinkListener as _JsonLinkListener
        from .._cli_output import Redactor as _Redactor
        from .core import Toolbox

        env = dict(os.environ)
        redact = _Redactor(env)
        redact.add(getattr(options, "client_secret", None))
        json_mode = (options.output or ("table" if sys.stdout.isatty() else "json")) == "json"
        listener: Any = (
            _JsonLinkListener(redact)
            if json_mode
            else _HumanListener(redact, verbose=False, quiet=False, sandbox=options.sandbox)
        )
        with _connected(options, redact) as (client, sandbox):
            if sandbox is None:
                tb = Toolbox(
                    client,
                    dry_run=options.dry_run,
                    listener=listener,
                    env=env,
                    on_secret=redact.add,
                )
                yield tb, redact
                return
            from ..workflow.sandbox_mode import SANDBOX_POLL_INTERVAL, SandboxConnector

            print(
                f"{PROG}: using a throw-away sandbox at {sandbox.base_url} (fake provider APIs; "
                "connect links are completed automatically when waiting)",
                file=sys.stderr,
            )
            connector = SandboxConnector(listener, sandbox.base_url, sandbox.secret_key)
            yield (
                Toolbox(
                    client,
                    dry_run=options.dry_run,
                    listener=connector,
                    max_poll_interval=SANDBOX_POLL_INTERVAL,
                    env=env,
                    on_secret=redact.add,
                ),
                redact,
            )

    return session()


def _confirm(options: argparse.Namespace, what: str) -> None:
    """Ask before a mutation on a terminal; elsewhere --yes is required (--dry-run needs none)."""
    if options.yes or options.dry_run:
        return
    if sys.stdin.isatty() and sys.stderr.isatty():
        print(f"{what}. Continue? [y/N] ", end="", file=sys.stderr, flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer in ("y", "yes"):
            return
        raise UsageError("not confirmed; nothing was sent")
    raise UsageError(f"{what}: confirm with --yes (or see the request with --dry-run)")


# -- one builder and one decision per command --------------------------------------------------


def _integrations_parser() -> argparse.ArgumentParser:
    p = _parser("integrations", "List the integrations, show one, or delete one.")
    p.add_argument("words", nargs="*", metavar="[get|delete] [KEY]")
    return p


def _integrations(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    words = list(o.words)
    verb = words.pop(0) if words and words[0] in ("get", "delete", "list") else None
    if verb in (None, "list") and not words:
        return ops_setup.integrations_list(tb)
    if len(words) != 1:
        raise UsageError("expected integrations [get|delete] KEY, or integrations alone")
    if verb == "delete":
        _confirm(o, f"this deletes the integration {words[0]!r} and all its connections")
        return ops_setup.integrations_delete(tb, integration_id=words[0])
    return ops_setup.integrations_get(tb, integration_id=words[0])


def _providers_parser() -> argparse.ArgumentParser:
    p = _parser("providers", "Search the providers Nango supports (by name).")
    p.add_argument("search", nargs="?", metavar="SEARCH")
    p.add_argument("--limit", type=int, default=50)
    return p


def _providers(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    return ops_setup.providers_search(tb, search=o.search, limit=o.limit)


def _connections_parser() -> argparse.ArgumentParser:
    p = _parser("connections", "List connections (no credentials), or show one.")
    p.add_argument("--integration", metavar="K")
    p.add_argument("--end-user", metavar="ID")
    p.add_argument("--connection", metavar="ID", help="show this connection (needs --integration)")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--page", type=int, help="zero-based page of --limit connections")
    return p


def _connections(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    if o.connection:
        if not o.integration:
            raise UsageError("--connection needs --integration")
        return ops_setup.connections_get(
            tb, integration_id=o.integration, connection_id=o.connection
        )
    return ops_setup.connections_list(
        tb, integration_id=o.integration, end_user_id=o.end_user, limit=o.limit, page=o.page
    )


def _scripts_parser() -> argparse.ArgumentParser:
    p = _parser("scripts", "List the deployed actions and syncs.")
    p.add_argument("--integration", metavar="K")
    return p


def _scripts(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_calls

    return ops_calls.scripts_list(tb, integration_id=o.integration)


def _ensure_parser() -> argparse.ArgumentParser:
    p = _parser(
        "ensure-integration",
        "Get the integration of a provider, or create it when its auth mode allows; an OAuth "
        "provider needs a client id and secret (or the dashboard).",
    )
    p.add_argument("provider", metavar="PROVIDER")
    p.add_argument("--key", metavar="K", help="the unique key (default: the provider)")
    p.add_argument("--client-id", metavar="ID")
    p.add_argument("--client-secret", metavar="SECRET")
    p.add_argument("--scopes", metavar="a,b", help="comma-separated, no spaces")
    return p


def _ensure(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    return ops_setup.integration_ensure(
        tb,
        provider=o.provider,
        unique_key=o.key,
        client_id=o.client_id,
        client_secret=o.client_secret,
        scopes=o.scopes,
    )


def _connect_parser() -> argparse.ArgumentParser:
    p = _parser(
        "connect",
        "The end user's connection: the one that exists, several to choose from, or a connect "
        "link (exit code 3) that the end user must open.",
    )
    p.add_argument("integration", metavar="INTEGRATION")
    p.add_argument("--end-user", metavar="ID")
    p.add_argument("--connection", metavar="ID")
    p.add_argument("--wait", metavar="D", help="wait this long for the end user (e.g. 5m)")
    return p


def _connect(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    if not o.end_user and not o.connection:
        raise UsageError("connect needs --end-user ID (or --connection ID)")
    return ops_setup.connection_ensure(
        tb,
        integration_id=o.integration,
        end_user_id=o.end_user,
        connection_id=o.connection,
        wait=_duration(o.wait),
    )


def _scopes_parser() -> argparse.ArgumentParser:
    p = _parser("scopes", "Check a connection's granted scopes; --grant adds missing ones.")
    p.add_argument("words", nargs="+", metavar="INTEGRATION [CONNECTION]")
    p.add_argument("--end-user", metavar="ID")
    p.add_argument("--require", metavar="a,b")
    p.add_argument("--grant", metavar="a,b", help="add to the integration, then reconnect")
    p.add_argument("--wait", metavar="D")
    return p


def _scopes(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_setup

    integration, connection, _ = _split_connection(o.words, 0, "INTEGRATION [CONNECTION]")
    return ops_setup.scopes_check(
        tb,
        integration_id=integration,
        connection_id=connection,
        end_user_id=o.end_user,
        require=o.require,
        grant=o.grant,
        wait=_duration(o.wait),
    )


def _proxy_parser() -> argparse.ArgumentParser:
    p = _parser("proxy", "Call the provider's API through Nango's proxy.")
    _calls(p, "INTEGRATION [CONNECTION] METHOD PATH")
    p.add_argument("-q", "--query", action="append", default=[], metavar="k=v")
    p.add_argument("-H", "--header", action="append", default=[], metavar="'K: v'")
    p.add_argument("--json", metavar="BODY|@FILE", help="a JSON body")
    p.add_argument("--data", metavar="TEXT", help="a text body")
    p.add_argument("--all-pages", action="store_true", help="follow the provider's pagination")
    p.add_argument("--max-pages", type=int, default=10)
    p.add_argument("--retries", type=int)
    p.add_argument("--base-url-override", metavar="URL")
    return p


def _proxy(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_calls

    target, (method, path) = _call(o, 2)
    if o.json is not None and o.data is not None:
        raise UsageError("give --json or --data, not both")
    body = _json_value(o.json, "--json") if o.json is not None else o.data
    if method.upper() not in ops_calls.READ_METHODS:
        where = target["integration_id"]
        _confirm(o, f"{method.upper()} {path} changes data at the provider of {where}")
    return ops_calls.proxy_request(
        tb,
        **target,
        method=method,
        path=path,
        query_params=_pairs(o.query, "=", "-q"),
        headers=_pairs(o.header, ":", "-H"),
        body=body,
        base_url_override=o.base_url_override,
        retries=o.retries,
        all_pages=o.all_pages,
        max_pages=o.max_pages,
    )


def _action_parser() -> argparse.ArgumentParser:
    p = _parser("action", "Trigger a deployed action.")
    _calls(p, "INTEGRATION [CONNECTION] NAME")
    p.add_argument("--input", metavar="JSON|@FILE")
    p.add_argument("--async", dest="async_run", action="store_true")
    p.add_argument("--wait", metavar="D", help="with --async: wait this long for the result")
    return p


def _action(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_calls

    target, (name,) = _call(o, 1)
    if o.wait and not o.async_run:
        raise UsageError("--wait goes with --async")
    return ops_calls.action_trigger(
        tb,
        **target,
        action_name=name,
        input=_json_value(o.input, "--input"),
        async_run=o.async_run,
        wait=_duration(o.wait) if o.wait else None,
    )


def _records_parser() -> argparse.ArgumentParser:
    p = _parser("records", "Read one page of the records a sync stored.")
    _calls(p, "INTEGRATION [CONNECTION] MODEL")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--cursor")
    p.add_argument("--modified-after", metavar="ISO-TIME")
    p.add_argument("--filter", choices=("added", "updated", "deleted"))
    p.add_argument("--variant")
    return p


def _records(tb: Toolbox, o: argparse.Namespace) -> Any:
    from . import ops_calls

    target, (model,) = _call(o, 1)
    return ops_calls.records_list(
        tb,
        **target,
        model=model,
        limit=o.limit,
        cursor=o.cursor,
        modified_after=o.modified_after,
        filter=o.filter,
        variant=o.variant,
    )


def _doctor_parser() -> argparse.ArgumentParser:
    return _parser("doctor", "Probe the configured Nango server: what works and what does not.")


def _doctor(tb: Toolbox, o: argparse.Namespace) -> Any:
    from .doctor import doctor

    return doctor(tb)


_COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[Toolbox, Any], Any]]]
_COMMANDS = {
    "integrations": (_integrations_parser, _integrations),
    "providers": (_providers_parser, _providers),
    "connections": (_connections_parser, _connections),
    "scripts": (_scripts_parser, _scripts),
    "ensure-integration": (_ensure_parser, _ensure),
    "connect": (_connect_parser, _connect),
    "scopes": (_scopes_parser, _scopes),
    "proxy": (_proxy_parser, _proxy),
    "action": (_action_parser, _action),
    "records": (_records_parser, _records),
    "doctor": (_doctor_parser, _doctor),
}


if __name__ == "__main__":
    raise SystemExit(main())
