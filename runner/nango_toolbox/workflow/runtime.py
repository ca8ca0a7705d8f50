"""What a step sees while it runs: its arguments (rendered on demand), the run's gateway, options
and listener, its deadline, and helpers to resolve a connection and to wait."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import ConnectLink, ExpressionError, StepFailed
from .expressions import Unknown, contains_unknown, render
from .gateway import Gateway, Planned

__all__ = [
    "Args",
    "ConnectionRef",
    "Listener",
    "NullListener",
    "RunOptions",
    "StepContext",
    "StepResult",
    "parse_duration",
]


@dataclass
class RunOptions:
    """How a run behaves: dry run, no waiting for end users, the environment for ${{ env.X }}."""

    dry_run: bool = False
    no_wait: bool = False
    env: Mapping[str, str] = field(default_factory=dict)
    max_poll_interval: float | None = None


@dataclass
class StepResult:
    """What happened to one step (nested steps have paths such as ``fanout[2].send``)."""

    path: str
    kind: str
    status: str  # success | failed | skipped | planned | waiting
    duration_ms: int = 0
    outputs: Any = None
    error: str | None = None
    attempts: int = 1

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data."""
        data: dict[str, Any] = {
            "id": self.path,
            "kind": self.kind,
            "status": self.status,
            "duration_ms": self.duration_ms,
            "outputs": None if isinstance(self.outputs, Unknown) else self.outputs,
        }
        if self.error is not None:
            data["error"] = self.error
        if self.attempts > 1:
            data["attempts"] = self.attempts
        return data


class Listener(Protocol):
    """Receives progress; the CLI prints it, library code never does."""

    def step_started(self, path: str, kind: str) -> None: ...

    def step_finished(self, result: StepResult) -> None: ...

    def connect_link(self, link: ConnectLink, *, waiting: bool) -> None: ...

    def waiting(self, link: ConnectLink, elapsed: float, limit: float) -> None: ...


class NullListener:
    """A listener that ignores everything."""

    def step_started(self, path: str, kind: str) -> None:
        """Ignore."""

    def step_finished(self, result: StepResult) -> None:
        """Ignore."""

    def connect_link(self, link: ConnectLink, *, waiting: bool) -> None:
        """Ignore."""

    def waiting(self, link: ConnectLink, elapsed: float, limit: float) -> None:
        """Ignore."""


_STOP_CHECK_EVERY = 0.2  # seconds between two looks at the run's interruption while sleeping
_DURATION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}


def parse_duration(value: Any) -> float:
    """Seconds from a number or a string such as '500ms', '30s', '10m', '1h'."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration, got {value!r}")
    if isinstance(value, int | float) and value >= 0:
        return float(value)
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            return float(match.group(1)) * _UNITS[match.group(2)]
    raise ValueError(f"expected a duration such as 30s or 10m, got {value!r}")


@dataclass(frozen=True)
class ConnectionRef:
    """Which connection a step works on."""

    provider_config_key: str
    connection_id: str
    provider: str | None = None


class Args:
    """A step's arguments, each rendered (expressions evaluated) when the step reads it."""

    def __init__(self, raw: Mapping[str, Any], ctx: StepContext, where: str) -> None:
        self.raw = raw
        self.ctx = ctx
        self.where = where

    def has(self, name: str) -> bool:
        """Whether the field is present."""
        return name in self.raw

    def value(self, name: str, default: Any = None) -> Any:
        """The rendered value (default when absent); in a dry run, unknown values stop the step."""
        if name not in self.raw:
            return default
        try:
            value = render(self.raw[name], self.ctx.scope)
        except ExpressionError as exc:
            raise ExpressionError(f"{self.where}.{name}: {exc}") from None
        if contains_unknown(value):
            raise Planned(None, f"{self.where}.{name} depends on a write planned by the dry run")
        return value

    def _fail(self, name: str, wanted: str, value: Any) -> StepFailed:
        return StepFailed(f"{self.where}.{name}: expected {wanted}, got {value!r}")

    def string(self, name: str, default: str | None = None) -> str | None:
        """A string field (numbers are converted); None when absent or null."""
        value = self.value(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self._fail(name, "a string", value)
        return str(value)

    def require_string(self, name: str) -> str:
        """A string field that must have a non-empty value."""
        value = self.string(name)
        if not value:
            raise StepFailed(f"{self.where}.{name}: a value is required (it is empty or null)")
        return value

    def integer(self, name: str, default: int) -> int:
        """A non-negative integer field ('3' from an expression is accepted)."""
        value = self.value(name, default)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._fail(name, "a non-negative integer", value)
        return value

    def boolean(self, name: str, default: bool) -> bool:
        """A boolean field ('true'/'false' from an expression are accepted)."""
        value = self.value(name, default)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if not isinstance(value, bool):
            raise self._fail(name, "true or false", value)
        return value

    def duration(self, name: str, default: float) -> float:
        """A duration field, in seconds."""
        value = self.value(name, default)
        try:
            return parse_duration(value)
        except ValueError:
            raise self._fail(name, "a duration such as 30s or 10m", value) from None

    def mapping(self, name: str) -> dict[str, Any] | None:
        """An object field; None when absent or null."""
        value = self.value(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._fail(name, "an object", value)
        return value

    def string_list(self, name: str) -> list[str]:
        """A list of strings, or a comma-separated string."""
        value = self.value(name, [])
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(name, "a list of strings", value)
        return list(value)

    def child(self, name: str) -> Args | None:
        """The arguments of a nested object (e.g. call.proxy), or None."""
        raw = self.raw.get(name)
        if not isinstance(raw, Mapping):
            return None
        return Args(raw, self.ctx, f"{self.where}.{name}")


class StepContext:
    """The run as one step sees it."""

    def __init__(
        self,
        *,
        gateway: Gateway,
        options: RunOptions,
        listener: Listener,
        path: str,
        scope: Mapping[str, Any],
        deadline: float | None,
        run_nested: Callable[[list[Any], dict[str, Any], str], dict[str, Any]],
        stopped: threading.Event | None = None,
    ) -> None:
        self.gateway = gateway
        self.options = options
        self.listener = listener
        self.path = path
        self.scope = scope
        self.deadline = deadline
        # made when first asked for: most steps never wait (two Events cost ~4 us per step)
        self._events: dict[str, threading.Event] = {} if stopped is None else {"stopped": stopped}
        self._run_nested = run_nested

    @property
    def cancelled(self) -> threading.Event:
        """Set when this step's timeout ran out."""
        return self._event("cancelled")

    @property
    def stopped(self) -> threading.Event:
        """Set when the whole run was interrupted."""
        return self._event("stopped")

    def _event(self, name: str) -> threading.Event:
        event = self._events.get(name)
        if event is None:  # setdefault is atomic: two threads asking at once get the same one
            event = self._events.setdefault(name, threading.Event())
        return event

    def run_nested(
        self, steps: list[Any], variables: dict[str, Any], prefix: str
    ) -> dict[str, Any]:
        """Run steps with extra expression variables; returns {status, outputs, error}."""
        return self._run_nested(steps, variables, prefix)

    def remaining(self) -> float | None:
        """Seconds left before the step's timeout, or None without a timeout."""
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def bounded(self, seconds: float) -> float:
        """``seconds``, cut to what is left of the step's timeout: for a wait the SDK does
        itself (it cannot be cancelled), so that it never outlives the step."""
        remaining = self.remaining()
        return seconds if remaining is None else min(seconds, remaining)

    def sleep(self, seconds: float) -> None:
        """Sleep, waking up early if the step is cancelled by its timeout."""
        if self.options.max_poll_interval is not None:
            seconds = min(seconds, self.options.max_poll_interval)
        remaining = self.remaining()
        if remaining is not None:
            seconds = min(seconds, remaining)
        end = time.monotonic() + seconds
        while not self.stopped.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return
            if self.cancelled.wait(min(left, _STOP_CHECK_EVERY)):
                raise StepFailed(f"step {self.path} timed out")
        raise StepFailed(f"step {self.path} interrupted")

    def stop_run(self) -> None:
        """Interrupt the whole run: every step sleeping in another thread gives up at once."""
        self.stopped.set()

    def plan_local(self, description: str) -> None:
        """In a dry run, stop before a local write (e.g. a file) and record it."""
        if self.options.dry_run:
            from .gateway import PlannedWrite

            raise Planned(PlannedWrite("WRITE", "(local)", description), f"would {description}")

    def connection(self, args: Args, name: str = "connection") -> ConnectionRef:
        """Resolve a connection field: an earlier connection step's id, an object or an expression."""
        raw = args.raw.get(name)
        if isinstance(raw, str) and "${{" not in raw:
            step = self.scope["steps"].get(raw)
            if not isinstance(step, Mapping) or step.get("status") != "success":
                status = step.get("status") if isinstance(step, Mapping) else "not run"
                if status == "planned":
                    raise Planned(None, f"the connection of step {raw!r} is planned, not made")
                raise StepFailed(f"{args.where}.{name}: the connection step {raw!r} is {status}")
            value: Any = step.get("outputs")
        else:
            value = args.value(name)
        if isinstance(value, Mapping):
            key = value.get("provider_config_key") or value.get("integration")
            connection_id = value.get("connection_id")
            if isinstance(key, str) and isinstance(connection_id, str) and key and connection_id:
                provider = value.get("provider")
                return ConnectionRef(
                    key, connection_id, provider if isinstance(provider, str) else None
                )
        raise StepFailed(
            f"{args.where}.{name}: expected a connection (a connection step id, or an object with "
            f"integration/provider_config_key and connection_id), got {value!r}"
        )

    def provider_of(self, connection: ConnectionRef) -> str:
        """The provider behind a connection (from the connection, else its integration)."""
        if connection.provider:
            return connection.provider
        integration = self.gateway.get_integration(connection.provider_config_key)
        if integration is None:
            raise StepFailed(f"integration {connection.provider_config_key!r} does not exist")
        return str(integration.get("provider"))
