"""What nango-run and nango-toolbox print through: the redactor (the one place their output is
cleaned of secrets), JSON dumps, the progress listeners of a run, and stdout's last rites.

Shared by the two command lines (``cli`` and ``agent``); neither imports the other for it.
Cheap to import: everything heavy is imported where it is used.
"""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False  # not typing's: importing typing costs more than the rest of --version
if TYPE_CHECKING:
    from typing import Any

    from .workflow.errors import ConnectLink
    from .workflow.runtime import StepResult

__all__ = [
    "HumanListener",
    "JsonLinkListener",
    "Redactor",
    "dump",
    "dump_line",
    "secret_key_of",
    "silence_stdout",
]

_SECRET_SUFFIXES = ("SECRET", "TOKEN", "PASSWORD", "KEY", "CREDENTIALS")


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (stdout replaced in-process)
        pass


class Redactor:
    """The one place where what nango-run shows is cleaned of secrets.

    A secret of 3 characters or more is masked wherever it appears; a 1- or 2-character one
    only where a whole value equals it (masking every "a" in the output would garble it and,
    by where the masks fall, show the secret anyway).
    """

    SHORTEST_IN_TEXT = 3

    def __init__(self, env: dict[str, str]) -> None:
        self.secrets: list[str] = []
        self.whole: set[str] = set()
        for name, value in env.items():
            if name.upper().endswith(_SECRET_SUFFIXES):
                self.add(value)

    def add(self, secret: str | None) -> None:
        if not secret or secret in self.secrets:
            return  # a long-lived session (the MCP server) is given the same secret again and again
        if len(secret) >= self.SHORTEST_IN_TEXT:
            self.secrets.append(secret)
        else:
            self.whole.add(secret)

    def add_inputs(self, given: dict[str, Any]) -> None:
        """Input values under a credential's name (client_secret, api_key, token...) are secret."""
        from ._redact import is_sensitive_key

        for name, value in given.items():
            if is_sensitive_key(name) and isinstance(value, str):
                self.add(value)

    def __call__(self, value: Any) -> Any:
        from ._redact import redact_value

        return redact_value(value, self.secrets, whole=self.whole)

    def json(self, value: Any) -> tuple[Any, str]:
        """``value`` redacted, and its JSON text (``json.dumps``, non-ASCII kept, anything else
        as ``str``): when nothing in it needs masking (the usual answer), ``value`` itself and
        the one dump, without copying it."""
        from ._redact import redact_dumped

        return redact_dumped(value, self.secrets, whole=self.whole)


def dump(value: Any, *, ascii_only: bool = True) -> str:
    """``value`` as indented JSON (nango-toolbox keeps non-ASCII text as it is: ascii_only=False)."""
    import json

    return json.dumps(value, indent=2, sort_keys=False, ensure_ascii=ascii_only, default=str)


def dump_line(value: Any) -> str:
    import json

    return json.dumps(value, default=str)


class HumanListener:
    """Prints one line per step, connect links and waiting progress, to stderr.

    The steps inside a for_each print their first ``NESTED_SHOWN`` lines (failures included);
    the rest are counted and the for_each's own line is followed by a summary, so that 5,000
    items do not print 5,000 lines (``-v`` prints them all).
    """

    PROGRESS_EVERY = 10.0
    NESTED_SHOWN = 10

    def __init__(self, redact: Redactor, *, verbose: bool, quiet: bool, sandbox: bool) -> None:
        import threading

        self.redact = redact
        self.verbose = verbose
        self.quiet = quiet
        self.sandbox = sandbox
        self._last_progress = 0.0
        self._lock = threading.Lock()  # for_each workers report from their own threads
        self._shown: dict[str, int] = {}
        self._hidden: dict[str, int] = {}

    def _err(self, text: str) -> None:
        print(self.redact(text), file=sys.stderr, flush=True)

    def step_started(self, path: str, kind: str) -> None:
        """Nothing: the line comes when the step ends."""

    def step_finished(self, result: StepResult) -> None:
        if self.quiet and result.status != "failed":
            return
        if not self._room_for(result.path):
            return
        seconds = result.duration_ms / 1000
        line = f"{result.status.upper():<8} {result.path} ({result.kind}) {seconds:.2f}s"
        if result.attempts > 1:
            line += f" after {result.attempts} attempts"
        if result.error and result.status in ("failed", "planned"):
            line += f": {result.error}"
        self._err(line)
        if self.verbose and result.status == "success":
            for text in dump(self.redact(result.outputs)).splitlines():
                self._err(f"         {text}")
        if "[" not in result.path:
            self._summarise(result)

    def _room_for(self, path: str) -> bool:
        """Whether a step's line is printed: always at the top level and with -v; inside a
        for_each, the first NESTED_SHOWN lines of the outermost one."""
        if "[" not in path or self.verbose:
            return True
        top = path.split("[", 1)[0]
        with self._lock:
            if self._shown.get(top, 0) < self.NESTED_SHOWN:
                self._shown[top] = self._shown.get(top, 0) + 1
                return True
            self._hidden[top] = self._hidden.get(top, 0) + 1
            return False

    def _summarise(self, result: StepResult) -> None:
        with self._lock:
            self._shown.pop(result.path, None)
            hidden = self._hidden.pop(result.path, 0)
        if not hidden:
            return
        outputs = result.outputs if isinstance(result.outputs, dict) else {}
        counts = ""
        if isinstance(outputs.get("succeeded"), int) and isinstance(outputs.get("failed"), int):
            counts = f"; items: {outputs['succeeded']:,} succeeded, {outputs['failed']:,} failed"
        self._err(
            f"         ... {hidden:,} more lines of {result.path}'s items not shown{counts} "
            "(-v or --output json shows every item)"
        )

    def connect_link(self, link: ConnectLink, *, waiting: bool) -> None:
        action = "reconnect" if link.reconnect else "connect"
        self._last_progress = float("-inf")  # the first progress line comes at once
        if self.quiet:  # one line, only when someone must open it while the run waits
            if waiting and not self.sandbox:
                expiry = f" (expires {link.expires_at})" if link.expires_at else ""
                self._err(
                    f">>> waiting for the end user to {action} {link.integration}: "
                    f"{link.url}{expiry}"
                )
            return
        self._err("")
        self._err(f">>> The end user must {action} {link.integration}. Send them this link:")
        self._err(f">>>   {link.url}")
        if link.expires_at:
            self._err(f">>> It expires at {link.expires_at}.")
        if self.sandbox and waiting:
            self._err(">>> (sandbox: completing it now as the end user)")
        self._err("")

    def waiting(self, link: ConnectLink, elapsed: float, limit: float) -> None:
        now = time.monotonic()
        if not self.quiet and now - self._last_progress >= self.PROGRESS_EVERY:
            self._last_progress = now
            self._err(f"... waiting for the end user ({elapsed:.0f}s of {limit:g}s)")


def secret_key_of(client: Any) -> str | None:
    settings = getattr(client, "_settings", None)
    key = getattr(settings, "secret_key", None)
    return key if isinstance(key, str) else None


class JsonLinkListener:
    """JSON mode: stdout keeps its one document; a link the run waits on goes to stderr at once,
    as one JSON line, so that someone can hand it to the end user during the wait."""

    def __init__(self, redact: Redactor) -> None:
        self.redact = redact

    def step_started(self, path: str, kind: str) -> None:
        """Nothing: steps are in the final document."""

    def step_finished(self, result: StepResult) -> None:
        """Nothing: steps are in the final document."""

    def connect_link(self, link: ConnectLink, *, waiting: bool) -> None:
        if waiting:
            event = {"event": "waiting_for_end_user", **link.to_dict()}
            print(dump_line(self.redact(event)), file=sys.stderr, flush=True)

    def waiting(self, link: ConnectLink, elapsed: float, limit: float) -> None:
        """Nothing: the link was given once."""
