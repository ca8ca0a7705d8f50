"""nango-run: run, validate and inspect workflows; the only place that prints or picks exit codes.

Exit codes: 0 success, 1 a step failed, 2 invalid workflow or usage, 3 waiting for the end user,
130 interrupted (Ctrl+C), 143 terminated (SIGTERM). Start-up is cheap: everything heavy is
imported inside the functions that need it.
"""

from __future__ import annotations

import sys
import time

from ._cli_output import (
    HumanListener,
    JsonLinkListener,
    Redactor,
    dump,
    secret_key_of,
    silence_stdout,
)
from ._version import __version__

TYPE_CHECKING = False  # not typing's: importing typing costs more than the rest of --version
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import Any

    from .workflow.errors import Problem
    from .workflow.executor import RunResult
    from .workflow.validate import Workflow

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "EXIT_WAITING",
    "main",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_WAITING = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process SIGTERM ended

_STATUS_EXIT = {
    "success": EXIT_OK,
    "failed": EXIT_FAILED,
    "waiting": EXIT_WAITING,
    "interrupted": EXIT_INTERRUPTED,
}


def _exit_code(result: RunResult) -> int:
    """The exit code of a run: by its status, 143 when SIGTERM interrupted it."""
    if result.status == "interrupted" and result.signal == "SIGTERM":
        return EXIT_TERMINATED
    return _STATUS_EXIT[result.status]


class _UsageError(Exception):
    """Bad command-line usage: one line on stderr, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """The nango-run entry point; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # what argparse prints, without its help formatter's imports
        print(f"nango-run {__version__}")
        return EXIT_OK
    json_output = _wants_json(args)
    try:
        if args[:1] == ["sandbox"]:
            return _sandbox_command(args[1:])
        if args[:1] == ["validate"]:
            return _validate_command(args[1:])
        if args[:1] == ["schema"]:
            return _schema_command(args[1:])
        _check_not_a_mistyped_command(args)
        restore = _sigterm_as_interrupt()
        try:
            code = _run_command(args)
        finally:
            restore()
        if code in (EXIT_INTERRUPTED, EXIT_TERMINATED) and argv is None:
            _leave_lingering_threads(code)
        return code
    except _UsageError as exc:
        print(f"nango-run: error: {exc}", file=sys.stderr)
        if json_output:  # an agent reading stdout still gets its one document
            print(dump({"status": "invalid", "error": str(exc)}))
        return EXIT_USAGE
    except KeyboardInterrupt as stop:  # before or after the run (a run reports what it did)
        from .workflow.errors import Terminated, interrupt_reason

        reason = interrupt_reason(stop)
        code = EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
        print(f"nango-run: {reason}", file=sys.stderr)
        if json_output:
            print(dump({"status": "interrupted", "error": reason}))
        if argv is None:
            _leave_lingering_threads(code)
        return code
    except SystemExit as exc:  # argparse's --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except BrokenPipeError:  # the reader left (nango-run ... | head): no traceback
        silence_stdout()
        return EXIT_FAILED


def _sigterm_as_interrupt() -> Callable[[], None]:
    """While a run goes on in the main thread, SIGTERM raises Terminated there, so that it stops
    the run as Ctrl+C does (summary, JSON document, exit code 143). Returns what puts the
    previous handler back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _raise_terminated)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def _raise_terminated(signum: int, frame: object) -> None:
    from .workflow.errors import Terminated

    raise Terminated(Terminated.reason)


def _leave_lingering_threads(code: int) -> None:
    """After Ctrl+C or SIGTERM, the worker threads of a concurrent for_each may still be inside a
    request (up to its timeout) and the interpreter would wait for them at exit: flush and
    leave now."""
    import threading

    main_thread = threading.main_thread()
    if any(t.is_alive() and not t.daemon and t is not main_thread for t in threading.enumerate()):
        import os

        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


# -- argument parsing -----------------------------------------------------------------------


_COMMANDS = ("validate", "schema", "sandbox")


def _check_not_a_mistyped_command(args: Sequence[str]) -> None:
    """``nango-run valdate x.yaml`` is a mistyped command, not a workflow file named valdate."""
    first = args[0] if args else ""
    if not first or first.startswith("-") or any(c in first for c in "./\\"):
        return
    import os

    if os.path.exists(first):
        return
    import difflib

    close = difflib.get_close_matches(first, _COMMANDS, n=1)
    hint = f"did you mean 'nango-run {close[0]}'? " if close else ""
    raise _UsageError(
        f"unknown command {first!r} and no such workflow file; {hint}"
        f"commands: {', '.join(_COMMANDS)}, or give a workflow FILE"
    )


def _wants_json(args: Sequence[str]) -> bool:
    """Whether the command line asks for JSON output (known before argparse has run)."""
    pairs = zip(args, [*args[1:], ""], strict=False)  # no arguments at all: nothing to pair
    return any(a == "--output=json" or (a == "--output" and b == "json") for a, b in pairs)


def _parser(**kwargs: Any) -> argparse.ArgumentParser:
    """An ArgumentParser whose errors raise _UsageError; argparse is imported only when needed."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:  # argparse would print usage and exit
            raise _UsageError(f"{message} (see {self.prog} --help)")

    return Parser(**kwargs)


def _run_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="nango-run",
        description="Run a Nango workflow (a YAML file). Other commands: nango-run validate "
        "FILE..., nango-run schema, nango-run sandbox.",
        epilog="Exit codes: 0 success, 1 a step failed, 2 invalid workflow or usage, "
        "3 waiting for the end user, 130 interrupted (Ctrl+C), 143 terminated (SIGTERM).",
    )
    parser.add_argument("--version", action="version", version=f"nango-run {__version__}")
    parser.add_argument("file", metavar="FILE", help="the workflow file")
    parser.add_argument(
        "--input",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="an input value (repeatable); converted to the input's type",
    )
    parser.add_argument(
        "--inputs", metavar="FILE", help="inputs from a JSON or YAML file, or '-' for stdin"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="only read; print the writes it would make"
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="do not wait for end users: stop with exit code 3 and the connect link",
    )
    parser.add_argument("--output", choices=("human", "json"), default="human")
    parser.add_argument("-v", "--verbose", action="store_true", help="also show step outputs")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors and outputs")
    parser.add_argument(
        "--server-url", metavar="URL", help="the Nango server (default: NANGO_SERVER_URL)"
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run against an embedded throw-away sandbox with fake provider APIs",
    )
    return parser


def _given_inputs(pairs: Sequence[str], inputs_file: str | None) -> dict[str, Any]:
    given: dict[str, Any] = {}
    if inputs_file is not None:
        given.update(_read_inputs_file(inputs_file))
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise _UsageError(f"--input expects NAME=VALUE, got {pair!r}")
        given[name.strip()] = value
    return given


def _read_inputs_file(path: str) -> dict[str, Any]:
    from ._user_yaml import UserFileError, load_user_yaml

    try:
        data = load_user_yaml(path, what="inputs file")
    except UserFileError as exc:
        raise _UsageError(f"--inputs: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        where = "stdin" if path == "-" else path
        raise _UsageError(f"--inputs: {where} must hold a mapping of input names to values")
    return {str(k): v for k, v in data.items()}


# -- output helpers --------------------------------------------------------------------------


def _print_problems(problems: Sequence[Problem], output: str, redact: Redactor) -> None:
    if output == "json":
        doc = {"status": "invalid", "problems": [p.to_dict() for p in problems]}
        print(dump(redact(doc)))
        return
    for problem in problems:
        print(redact(str(problem)), file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)


def _report(
    result: RunResult, workflow: Workflow, output: str, redact: Redactor, started: float
) -> None:
    name = workflow.name
    doc = result.to_dict()
    if workflow.warnings:
        doc["warnings"] = [w.to_dict() for w in workflow.warnings]
    elapsed = time.monotonic() - started
    if output == "json":
        print(dump(redact({"workflow": name, **doc})))
        if result.status == "interrupted":  # the one line on stderr, as in human mode
            _report_interrupted(result, name, redact, elapsed)
        return
    if result.plan:
        print("Planned writes (dry run, not performed):")
        for write in result.plan:
            print(redact(f"  - {write.method} {write.path}: {write.description}"))
    for key, value in redact(result.outputs).items():
        shown = value if isinstance(value, str) else dump(value)
        print(f"{key}: {shown}")
    if result.status == "interrupted":
        _report_interrupted(result, name, redact, elapsed)
    elif result.status == "success":
        print(f"workflow {name} succeeded in {elapsed:.2f}s", file=sys.stderr)
    elif result.status == "waiting":
        print(redact(f"workflow {name} is waiting: {result.error}"), file=sys.stderr)
    else:
        print(redact(f"workflow {name} failed: {result.error}"), file=sys.stderr)


def _report_interrupted(result: RunResult, name: str, redact: Redactor, elapsed: float) -> None:
    """One line: where Ctrl+C stopped the run, the steps done and the steps not run."""
    done = ", ".join(result.done()) or "none"
    not_run = ", ".join(result.not_run) or "none"
    print(
        redact(
            f"nango-run: {result.error} (workflow {name}, after {elapsed:.2f}s); "
            f"done: {done}; not run: {not_run}"
        ),
        file=sys.stderr,
    )


# -- commands --------------------------------------------------------------------------------


def _run_command(argv: list[str]) -> int:
    import os

    args = _run_parser().parse_args(argv)
    if args.server_url is not None and not args.server_url.strip():
        raise _UsageError(
            "--server-url is empty; give the Nango server's URL (e.g. http://localhost:3003), or "
            "leave the option out to use NANGO_SERVER_URL (else https://api.nango.dev)"
        )
    if args.sandbox and args.server_url:
        raise _UsageError("--sandbox and --server-url cannot be used together")
    env = dict(os.environ)
    redact = Redactor(env)
    given = _given_inputs(args.input, args.inputs)
    redact.add_inputs(given)

    from .workflow.errors import WorkflowInvalid
    from .workflow.validate import load_workflow

    try:
        workflow = load_workflow(args.file, given)
    except WorkflowInvalid as invalid:
        _print_problems(invalid.problems, args.output, redact)
        return EXIT_USAGE
    if args.output == "human" and not args.quiet:
        for warning in workflow.warnings:
            print(redact(str(warning)), file=sys.stderr)
    started = time.monotonic()
    if args.sandbox:
        return _run_in_sandbox(workflow, args, env, redact, started)
    from ._config import resolve_settings
    from ._errors import ConfigurationError
    from .client import Nango
    from .workflow.http import run_http_client

    try:  # first in the command line's words (no secret_key=..., --server-url)
        resolve_settings(
            None, args.server_url, secret_key_argument=None, base_url_argument="--server-url"
        )
    except ConfigurationError as exc:
        raise _UsageError(str(exc)) from None
    http = run_http_client()  # one pool per request in flight: for_each's threads share none
    try:
        client = Nango(base_url=args.server_url, http_client=http)
    except ConfigurationError as exc:
        http.close()
        raise _UsageError(str(exc)) from None
    with http, client:
        redact.add(secret_key_of(client))
        listener = _listener(args, redact, sandbox=False)
        result = _interruptible(
            lambda: _execute(workflow, client, args, env, listener, None, redact)
        )
    _report(result, workflow, args.output, redact, started)
    return _exit_code(result)


def _interruptible(run: Any) -> RunResult:
    """The run's result; after Ctrl+C, what it did until then (status interrupted)."""
    from .workflow.executor import RunInterrupted

    try:
        result: RunResult = run()
    except RunInterrupted as stop:
        return stop.result
    return result


def _listener(args: argparse.Namespace, redact: Redactor, *, sandbox: bool) -> Any:
    if args.output == "json":  # everything else goes into the one document
        return JsonLinkListener(redact)
    return HumanListener(redact, verbose=args.verbose, quiet=args.quiet, sandbox=sandbox)


def _execute(
    workflow: Any,
    client: Any,
    args: argparse.Namespace,
    env: dict[str, str],
    listener: Any,
    max_poll_interval: float | None,
    redact: Redactor,
) -> RunResult:
    from .workflow.executor import Executor
    from .workflow.gateway import Gateway
    from .workflow.runtime import RunOptions

    options = RunOptions(
        dry_run=args.dry_run,
        no_wait=args.no_wait,
        env=env,
        max_poll_interval=max_poll_interval,
    )
    # every credential the run reads (a connection's tokens, an integration's client secret)
    # is masked in what it shows, also where a provider's answer repeats one in free text
    gateway = Gateway(client, dry_run=args.dry_run, on_secret=redact.add)
    return Executor(gateway, options, listener).run(workflow)


def _run_in_sandbox(
    workflow: Any, args: argparse.Namespace, env: dict[str, str], redact: Redactor, started: float
) -> int:
    try:
        from .workflow.sandbox_mode import (
            SANDBOX_POLL_INTERVAL,
            SandboxConnector,
            embedded_sandbox,
            fake_app_env,
        )

        sandbox_context = embedded_sandbox()
        sandbox = sandbox_context.__enter__()
    except ImportError as exc:
        raise _UsageError(
            f"--sandbox needs the sandbox extra ({exc.name} is missing): "
            "pip install 'nango-toolbox[sandbox]'"
        ) from None
    try:
        from .client import Nango

        redact.add(sandbox.secret_key)
        if args.output == "human" and not args.quiet:
            print(
                f"nango-run: running against a throw-away sandbox at {sandbox.base_url} with "
                "fake provider APIs and fake OAuth apps; connect links are completed "
                "automatically. Nothing leaves this machine.",
                file=sys.stderr,
            )
        env = {**env, **fake_app_env()}
        listener = SandboxConnector(
            _listener(args, redact, sandbox=True), sandbox.base_url, sandbox.secret_key
        )
        with Nango(secret_key=sandbox.secret_key, base_url=sandbox.base_url) as client:
            result = _interruptible(
                lambda: _execute(
                    workflow, client, args, env, listener, SANDBOX_POLL_INTERVAL, redact
                )
            )
    finally:
        sandbox_context.__exit__(None, None, None)
    _report(result, workflow, args.output, redact, started)
    return _exit_code(result)


def _validate_command(argv: list[str]) -> int:
    usual = _usual_validate_arguments(argv)
    if usual is not None:
        files, output = usual
    else:
        args = _validate_parser().parse_args(argv)
        files, output = args.files, args.output

    from .workflow.errors import WorkflowInvalid
    from .workflow.validate import load_workflow

    redact = Redactor({})
    problems: list[Problem] = []
    warnings: list[Problem] = []
    ok: list[str] = []
    for path in files:
        try:
            warnings.extend(load_workflow(path).warnings)
        except WorkflowInvalid as invalid:
            problems.extend(invalid.problems)
        else:
            ok.append(path)
    if output == "json":
        doc: dict[str, Any] = {
            "status": "invalid" if problems else "valid",
            "valid": ok,
            "problems": [p.to_dict() for p in problems],
        }
        if warnings:
            doc["warnings"] = [w.to_dict() for w in warnings]
        print(dump(redact(doc)))
    else:
        for path in ok:
            print(f"{path}: valid")
        for warning in warnings:
            print(redact(str(warning)), file=sys.stderr)
        if problems:
            _print_problems(problems, "human", redact)
    return EXIT_USAGE if problems else EXIT_OK


_OUTPUTS = ("human", "json")


def _validate_parser() -> argparse.ArgumentParser:
    parser = _parser(prog="nango-run validate", description="Check workflow files.")
    parser.add_argument("files", metavar="FILE", nargs="+")
    parser.add_argument("--output", choices=_OUTPUTS, default="human")
    return parser


def _usual_validate_arguments(argv: list[str]) -> tuple[list[str], str] | None:
    """``(files, output)`` of a usual `nango-run validate` command line (files in one run, and
    ``--output human|json`` or ``--output=...`` before or after them), read without argparse:
    argparse, its help formatter and what they import cost about half a bare interpreter's
    start. None for anything else (--help, other or abbreviated options, a file starting with
    '-', files around an option), which argparse then reads or refuses in its own words."""
    files: list[str] = []
    output = "human"
    ended = False  # argparse takes the files as one run: more after an option are refused
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--output" and index + 1 < len(argv) and argv[index + 1] in _OUTPUTS:
            output, index = argv[index + 1], index + 2
        elif arg.startswith("--output=") and arg.removeprefix("--output=") in _OUTPUTS:
            output, index = arg.removeprefix("--output="), index + 1
        elif arg.startswith("-") or ended:
            return None
        else:
            files.append(arg)
            index += 1
            continue
        ended = bool(files)
    return (files, output) if files else None


def _schema_command(argv: list[str]) -> int:
    _parser(
        prog="nango-run schema",
        description="Print the workflow JSON Schema (for editors: save it and add "
        "'# yaml-language-server: $schema=<file>' to your workflows).",
    ).parse_args(argv)
    from .workflow.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _sandbox_command(argv: list[str]) -> int:
    try:
        from .sandbox.__main__ import serve
    except ImportError as exc:
        raise _UsageError(
            f"the sandbox needs the sandbox extra ({exc.name} is missing): "
            "pip install 'nango-toolbox[sandbox]'"
        ) from None
    return serve(argv, prog="nango-run sandbox")


if __name__ == "__main__":
    raise SystemExit(main())
