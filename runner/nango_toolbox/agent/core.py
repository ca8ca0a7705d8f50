"""What every nango-toolbox decision shares: the session (client, limits, listener), the shape of
an outcome, the one error class, and the translation of the runner's errors into outcomes.

Each decision (``ops_setup``, ``ops_calls``, ``doctor``, ``workflows``) is a plain function
``f(tb, **arguments) -> dict`` whose keyword arguments are the MCP tool's arguments and whose
result is plain JSON-ready data with an ``outcome``:

- ``"ok"``: done;
- ``"needs_person"``: a person must act (open ``connect_link``, or give ``needs``); exit code 3;
- ``"choose"``: several connections match: ``candidates`` to choose from; exit code 3;
- ``"dry_run"``: nothing was sent; ``request`` says what would have been.

Anything else is a :class:`ToolboxError` with a one-line message (exit code 1, or 2 for bad
input), which the CLI prints and the MCP server returns as a tool error.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .._errors import NangoError
from ..workflow.errors import (
    AppCredentialsNeeded,
    ConnectLink,
    SeveralConnections,
    StepFailed,
    WaitingForUser,
    WorkflowError,
)
from ..workflow.gateway import Gateway, Planned
from ..workflow.runtime import Listener, NullListener, RunOptions, StepContext

__all__ = [
    "OUTCOMES",
    "Toolbox",
    "ToolboxError",
    "choose",
    "decide",
    "missing_connection",
    "needs_person",
    "ok",
    "require_integration",
    "unknown_integration",
    "waiting_for",
]

OUTCOMES = ("ok", "needs_person", "choose", "dry_run")
T = TypeVar("T")


class ToolboxError(Exception):
    """A decision could not be made; ``str()`` is one line saying what and what to do.
    ``usage`` marks bad input (exit code 2) rather than a failure (exit code 1)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(" ".join(message.split()))
        self.usage = usage


@dataclass
class Toolbox:
    """One session: the SDK client and the rules every decision follows.

    ``integrations`` (when given) limits every decision to those integration keys; ``read_only``
    refuses writes (proxy calls other than GET/HEAD included); ``dry_run`` plans writes instead
    of sending them; ``listener`` hears connect links while a decision waits for the end user.
    """

    client: Any
    dry_run: bool = False
    read_only: bool = False
    integrations: frozenset[str] | None = None
    listener: Listener = field(default_factory=NullListener)
    max_poll_interval: float | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    on_secret: Callable[[str], None] | None = None
    _credentials_read: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)

    # How long a connection's credentials, once read, are taken as known: a token Nango
    # refreshes in the meantime is learnt at the next read after this.
    CREDENTIALS_KNOWN_FOR = 60.0

    def gateway(self) -> Gateway:
        """A fresh gateway (its read cache lives for one decision only)."""
        return Gateway(self.client, dry_run=self.dry_run, on_secret=self.on_secret)

    def learn_credentials(self, gateway: Gateway, integration: str, connection_id: str) -> None:
        """Make sure ``on_secret`` has heard the connection's current credentials before a
        provider's answer is shown: a provider may repeat its API key or token in free text
        ("invalid key sk-..."), where only the value itself can be recognised. One
        ``GET /connections/{id}`` per connection and CREDENTIALS_KNOWN_FOR seconds; when that
        read fails the answer is still shown, masked by key names and Bearer/Basic values."""
        if self.on_secret is None or self.dry_run:
            return
        import time

        now = time.monotonic()
        key = (integration, connection_id)
        if now - self._credentials_read.get(key, -self.CREDENTIALS_KNOWN_FOR) < (
            self.CREDENTIALS_KNOWN_FOR
        ):
            return
        try:
            gateway.get_connection(integration, connection_id)
        except NangoError:
            return
        self._credentials_read[key] = now

    def context(self, gateway: Gateway, name: str, *, wait: float) -> StepContext:
        """The step context the runner's shared steps expect, for one decision."""
        options = RunOptions(
            dry_run=self.dry_run,
            no_wait=wait <= 0,
            env=dict(self.env),
            max_poll_interval=self.max_poll_interval,
        )
        return StepContext(
            gateway=gateway,
            options=options,
            listener=self.listener,
            path=name,
            scope={"inputs": {}, "env": {}, "steps": {}},
            deadline=None,
            run_nested=_no_nested_steps,
        )

    def allow(self, integration: str) -> str:
        """``integration`` when this session may use it, else ToolboxError (bad input)."""
        if self.integrations is not None and integration not in self.integrations:
            allowed = ", ".join(sorted(self.integrations))
            raise ToolboxError(
                f"integration {integration!r} is outside this session's integrations "
                f"({allowed}); use one of them",
                usage=True,
            )
        return integration

    def allowed(self, items: Iterable[T], key: Callable[[T], Any]) -> list[T]:
        """The items whose integration this session may use."""
        if self.integrations is None:
            return list(items)
        return [item for item in items if key(item) in self.integrations]

    def writing(self, what: str) -> None:
        """Refuse a write in a read-only session."""
        if self.read_only:
            raise ToolboxError(f"read-only: {what} is a write; it is not allowed here", usage=True)


def _no_nested_steps(steps: list[Any], variables: dict[str, Any], prefix: str) -> dict[str, Any]:
    raise ToolboxError("nested steps are not available outside a workflow")


# -- outcomes --------------------------------------------------------------------------------


def ok(**data: Any) -> dict[str, Any]:
    """A decision that is done."""
    return {"outcome": "ok", **data}


def needs_person(message: str, **data: Any) -> dict[str, Any]:
    """A person must act: ``message`` says what, ``data`` carries the link or what to ask for."""
    return {"outcome": "needs_person", "message": message, **data}


def waiting_for(link: ConnectLink) -> dict[str, Any]:
    """The end user must open a connect (or reconnect) link."""
    action = "reconnect" if link.reconnect else "connect"
    expires = f" (it expires at {link.expires_at})" if link.expires_at else ""
    return needs_person(
        f"the end user must {action} {link.integration}: send them the link {link.url} as it "
        f"is{expires}, then ask again once they have",
        connect_link=link.to_dict(),
    )


def choose(message: str, candidates: list[dict[str, Any]]) -> dict[str, Any]:
    """Several connections match: the caller (or the person) chooses one."""
    return {"outcome": "choose", "message": message, "candidates": candidates}


def decide(run: Callable[[], dict[str, Any]], *, connection_hint: str = "") -> dict[str, Any]:
    """Run a decision; the runner's waits, choices and planned writes become outcomes, its
    failures and the SDK's errors one ToolboxError."""
    try:
        return run()
    except WaitingForUser as waiting:
        return waiting_for(waiting.link)
    except SeveralConnections as several:
        ids = ", ".join(str(c.get("connection_id")) for c in several.candidates)
        return choose(
            f"{len(several.candidates)} connections match ({ids}); ask which one to use and "
            f"pass it as {connection_hint or 'connection_id'}",
            several.candidates,
        )
    except AppCredentialsNeeded as app:
        return needs_person(
            f"{app.provider} uses {app.auth_mode}: either enable it in the Nango dashboard "
            "(Integrations, then the provider; Nango's developer app where it offers one), or "
            "create an OAuth app at the provider (callback URL: your Nango server's "
            "/oauth/callback) and give its client id and secret",
            needs=["client_id", "client_secret"],
            provider=app.provider,
            auth_mode=app.auth_mode,
        )
    except Planned as planned:
        request = planned.write.to_dict() if planned.write else {"description": planned.reason}
        return {"outcome": "dry_run", "message": planned.reason, "request": request}
    except (StepFailed, WorkflowError) as exc:
        raise ToolboxError(str(exc)) from None
    except NangoError as exc:
        raise ToolboxError(str(exc)) from None


def unknown_integration(tb: Toolbox, gateway: Gateway, key: str) -> ToolboxError:
    """The error for an integration that does not exist: the known ones and the closest."""
    known = [
        str(i.get("unique_key"))
        for i in tb.allowed(gateway.list_integrations(), lambda i: i.get("unique_key"))
    ]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    names = sorted(known)
    listed = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "")
    if not listed:
        return ToolboxError(
            f"unknown integration {key!r}: there are none yet; create one with "
            "ensure-integration PROVIDER",
            usage=True,
        )
    return ToolboxError(f"unknown integration {key!r} (known: {listed}){hint}", usage=True)


def missing_connection(
    tb: Toolbox, gateway: Gateway, integration: str, connection_id: str
) -> ToolboxError:
    """The error for a connection Nango does not find: the unknown-integration error when the
    integration is the missing part, else the connection's."""
    if gateway.get_integration(integration) is None:
        return unknown_integration(tb, gateway, integration)
    return ToolboxError(
        f"connection {connection_id!r} of integration {integration!r} does not exist; list "
        "them with connections (connections_list)",
        usage=True,
    )


def require_integration(tb: Toolbox, gateway: Gateway, key: str) -> dict[str, Any]:
    """The integration ``key`` (allowed in this session), or the unknown-integration error."""
    tb.allow(key)
    found = gateway.get_integration(key)
    if found is None:
        raise unknown_integration(tb, gateway, key)
    return found
