"""The runner's errors: what can go wrong with a workflow, as values the CLI turns into exit codes.

::

    WorkflowError
     ├── WorkflowInvalid       the file or the inputs have problems (exit code 2); carries them all
     ├── ExpressionError       an expression cannot be evaluated (names the reference)
     ├── StepFailed            a step failed (exit code 1)
     │    ├── SeveralConnections   more than one connection matches (carries the candidates)
     │    └── AppCredentialsNeeded an OAuth integration needs the developer's own app
     └── WaitingForUser        an end user must open a connect link first (exit code 3)

    KeyboardInterrupt
     └── Terminated            SIGTERM, raised by nango-run's handler: stops a run as Ctrl+C does
"""

from __future__ import annotations

from collections.abc import Mapping

from .._frozen import Frozen

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "AppCredentialsNeeded",
    "ConnectLink",
    "ExpressionError",
    "Problem",
    "SeveralConnections",
    "StepFailed",
    "Terminated",
    "WaitingForUser",
    "WorkflowError",
    "WorkflowInvalid",
    "interrupt_reason",
]


class Problem(Frozen):
    """One problem of a workflow file, located by line, column and JSON pointer."""

    __slots__ = ("column", "file", "line", "message", "pointer")
    file: str
    line: int
    column: int
    pointer: str
    message: str

    def __init__(self, file: str, line: int, column: int, pointer: str, message: str) -> None:
        self._set(file=file, line=line, column=column, pointer=pointer, message=message)

    def __str__(self) -> str:
        message = _printable(_cut(self.message, MAX_MESSAGE))
        if self.line == 0:  # about the file itself (missing, unreadable)
            return f"{_printable(self.file)}: {message}"
        where = _printable(_cut(self.pointer, MAX_POINTER)) or "/"
        return f"{_printable(self.file)}:{self.line}:{self.column}: {where}: {message}"

    def to_dict(self) -> dict[str, object]:
        """The problem as plain data, for JSON output."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": _cut(self.pointer, MAX_POINTER),
            "message": _cut(self.message, MAX_MESSAGE),
        }


MAX_MESSAGE = 500
"""A problem's message is cut to this many characters (a huge key or value stays readable)."""

MAX_POINTER = 200
"""A problem's JSON pointer is cut to this many characters."""


def _printable(text: str) -> str:
    """``text`` with control characters and line separators escaped (a key may hold any), so
    that a problem stays one line on a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ConnectLink(Frozen):
    """A connect (or reconnect) link an end user must open."""

    __slots__ = ("expires_at", "integration", "reconnect", "token", "url")
    url: str
    expires_at: str | None
    integration: str
    token: str
    reconnect: bool

    def __init__(
        self,
        url: str,
        expires_at: str | None,
        integration: str,
        token: str,
        reconnect: bool = False,
    ) -> None:
        self._set(
            url=url,
            expires_at=expires_at,
            integration=integration,
            token=token,
            reconnect=reconnect,
        )

    @classmethod
    def of_session(
        cls, session: Mapping[str, Any], integration: str, *, reconnect: bool = False
    ) -> ConnectLink:
        """The link of a connect session Nango created (``POST /connect/sessions``'s data)."""
        return cls(
            url=str(session.get("connect_link")),
            expires_at=session.get("expires_at"),
            integration=integration,
            token=str(session.get("token")),
            reconnect=reconnect,
        )

    def to_dict(self) -> dict[str, object]:
        """The link as plain data, without the session token."""
        return {
            "url": self.url,
            "expires_at": self.expires_at,
            "integration": self.integration,
            "reconnect": self.reconnect,
        }


class Terminated(KeyboardInterrupt):
    """SIGTERM (timeout, systemd, docker stop, Kubernetes, CI cancellation): the run stops as
    with Ctrl+C, and says so with its own words and exit code."""

    reason = "terminated (SIGTERM)"


def interrupt_reason(exc: BaseException) -> str:
    """How a KeyboardInterrupt is named to the user: Ctrl+C, or SIGTERM when it is Terminated."""
    return Terminated.reason if isinstance(exc, Terminated) else "interrupted (Ctrl+C)"


class WorkflowError(Exception):
    """Root of the runner's errors."""


class WorkflowInvalid(WorkflowError):
    """The workflow file or its inputs have problems; every one of them is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ExpressionError(WorkflowError):
    """An expression is malformed or names something that does not exist."""


class StepFailed(WorkflowError):
    """A step could not do its job; the message says why and what to do.

    ``outputs`` keeps what the step produced anyway (e.g. for_each results with failed items).
    """

    def __init__(self, message: str, outputs: Any = None) -> None:
        super().__init__(message)
        self.outputs = outputs


class SeveralConnections(StepFailed):
    """Several connections match and none was named: ``candidates`` describe them (no
    credentials), so that a person (or an agent) can choose."""

    def __init__(self, message: str, candidates: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.candidates = candidates


class AppCredentialsNeeded(StepFailed):
    """An OAuth integration does not exist and cannot be created without an OAuth app's client
    id and secret (or Nango's developer app, enabled in the dashboard)."""

    def __init__(self, message: str, *, provider: str, auth_mode: str) -> None:
        super().__init__(message)
        self.provider = provider
        self.auth_mode = auth_mode


class WaitingForUser(WorkflowError):
    """The run stops until the end user has opened the connect link."""

    def __init__(self, link: ConnectLink, message: str) -> None:
        self.link = link
        super().__init__(message)
