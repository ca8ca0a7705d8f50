"""Helpers of the fault tests: functions deployed to their sandbox, the fault kinds, a sleep
recorder and the check of one recorded wait.

Loaded twice: by pytest as a helper module, and by the sandbox (``Sandbox(functions=<this
file>)``) for ``register``. The action keeps no state here: it counts on the provider side
(each run of ``charge`` is one POST /v1/charges recorded by the RecordingProvider).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nango_toolbox._retry import RetryPolicy

FUNCTIONS_FILE = __file__
POLICY = RetryPolicy()  # the clients' default policy: the waits are checked against it
TRUNCATED_JSON = b'{"data": [{"id": 1, "na'

# Faults the sandbox injects in front of a Nango route, and the provider behind the proxy.
SANDBOX_KINDS = ("429", "502", "503", "drop", "timeout", "malformed")
PROVIDER_KINDS = ("p429", "p502", "p503", "pdrop", "pslow", "pmalformed")
SLOW_MS = 800  # a slow answer, well past CALL_TIMEOUT
CALL_TIMEOUT = 0.5  # the whole-attempt bound of a run that meets a slow answer (a busy
# machine must still answer the run's other calls within it)


def register(registry: Any) -> None:
    """The sandbox's functions: ``charge`` posts its input to the provider once per run."""

    @registry.action("charge", provider="sendgrid")
    def charge(nango: Any, input: Any) -> Any:
        return nango.post("/v1/charges", json=input).json()


@dataclass
class Injected:
    """One fault of a run, and the wait it must cause (None: the policy's backoff)."""

    kind: str
    retry_after: float | None = None


@dataclass
class Tally:
    """What a workload did: runs, faults by kind, retries, failures."""

    runs: int = 0
    async_runs: int = 0
    by_call: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    waits: int = 0
    failures: list[str] = field(default_factory=list)

    def count(self, table: dict[str, int], key: str) -> None:
        table[key] = table.get(key, 0) + 1


def check_wait(wait: float, attempt: int, fault: Injected) -> str | None:
    """Why ``wait`` (before retry number ``attempt``, 0-based) is wrong after ``fault``, or None."""
    if fault.retry_after is not None:
        # A 429 is never retried "now": Nango rounds Retry-After down, the SDK adds a margin.
        margin = POLICY.rate_limit_margin if fault.kind in ("429", "p429") else 0.0
        if wait != fault.retry_after + margin or fault.retry_after > POLICY.max_retry_after:
            return f"waited {wait}s after {fault.kind}, Retry-After was {fault.retry_after}s"
        return None
    nominal = min(POLICY.max_delay, POLICY.initial_delay * 2**attempt)
    if not (nominal * (1 - POLICY.jitter) <= wait <= nominal <= POLICY.max_delay):
        return f"waited {wait}s after {fault.kind} (retry {attempt}), expected backoff {nominal}s"
    return None


def sandbox_rule(route: str, kind: str, retry_after: float | None) -> dict[str, Any]:
    """The sandbox fault rule (one hit) of ``kind`` on ``route``."""
    rule: dict[str, Any] = {"route": route, "times": 1}
    if kind in ("429", "502", "503"):
        rule["status"] = int(kind)
        if retry_after is not None:
            rule["headers"] = {"Retry-After": f"{retry_after:g}"}
    elif kind == "drop":
        rule.update(drop=True)
    elif kind == "timeout":
        rule.update(latency_ms=SLOW_MS)
    elif kind == "malformed":
        rule.update(malformed=True)
    else:  # pragma: no cover - a typo in the test
        raise ValueError(kind)
    return rule
