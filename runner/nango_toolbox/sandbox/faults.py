"""Fault injection: rules matched by a glob on ``"METHOD /path"``, applied by the middleware.

A rule (the body of ``POST /_sandbox/faults``, or one item of a ``--faults FILE``)::

    {"route": "GET /connections*", "times": 2, "fraction": null, "latency_ms": 0,
     "status": 503, "body": {...}, "headers": {...}, "drop": false, "malformed": false,
     "after": false}

``times`` limits the rule to the next N matching calls (null: every call), ``fraction`` applies it
to that share of matching calls (random). ``latency_ms`` alone only delays the real answer (a
client that leaves during the delay ends the request: its handler does not run); with
``status`` the given answer replaces it; ``drop`` closes the connection without a complete answer;
``malformed`` answers 200 with a truncated JSON body. ``after: true`` lets the request reach its
handler first (it takes effect) and then loses, replaces or delays the answer: the case where a
client cannot know whether its POST was done. The first matching rule wins.
"""

from __future__ import annotations

import fnmatch
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from .._user_yaml import load_user_yaml
from .errors import ApiError, field_error, invalid_body

_KEYS = {
    "route",
    "times",
    "fraction",
    "latency_ms",
    "status",
    "body",
    "headers",
    "drop",
    "malformed",
    "after",
}


@dataclass
class Fault:
    route: str
    times: int | None = None
    fraction: float | None = None
    latency_ms: int = 0
    status: int | None = None
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    malformed: bool = False
    after: bool = False
    id: int = 0
    hits: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "route": self.route,
            "times": self.times,
            "fraction": self.fraction,
            "latency_ms": self.latency_ms,
            "status": self.status,
            "body": self.body,
            "headers": self.headers,
            "drop": self.drop,
            "malformed": self.malformed,
            "after": self.after,
            "hits": self.hits,
        }


def _check(condition: bool, path: str, message: str) -> None:
    if not condition:
        raise invalid_body(field_error([path], message))


def parse_fault(data: Any) -> Fault:
    """Validate one rule; 400 ``invalid_body`` naming the field otherwise."""
    _check(isinstance(data, dict), "", "A fault is a JSON object")
    unknown = sorted(set(data) - _KEYS)
    _check(
        not unknown, unknown[0] if unknown else "", f"Unknown key, expected one of {sorted(_KEYS)}"
    )
    route = data.get("route")
    _check(
        isinstance(route, str) and " " in route,
        "route",
        "Expected 'METHOD /path-glob', e.g. 'GET /connections*'",
    )
    times = data.get("times")
    _check(
        times is None or (isinstance(times, int) and times > 0),
        "times",
        "Expected a positive integer or null",
    )
    fraction = data.get("fraction")
    _check(
        fraction is None or (isinstance(fraction, int | float) and 0 < fraction <= 1),
        "fraction",
        "Expected a number in (0, 1] or null",
    )
    latency = data.get("latency_ms", 0)
    _check(
        isinstance(latency, int) and 0 <= latency <= 60_000,
        "latency_ms",
        "Expected an integer 0..60000",
    )
    status = data.get("status")
    _check(
        status is None or (isinstance(status, int) and 100 <= status <= 599),
        "status",
        "Expected an HTTP status code",
    )
    headers = data.get("headers") or {}
    _check(
        isinstance(headers, dict) and all(isinstance(v, str) for v in headers.values()),
        "headers",
        "Expected an object of strings",
    )
    drop, malformed = data.get("drop", False), data.get("malformed", False)
    _check(
        isinstance(drop, bool) and isinstance(malformed, bool),
        "drop",
        "drop and malformed are booleans",
    )
    after = data.get("after", False)
    _check(isinstance(after, bool), "after", "Expected a boolean")
    _check(
        bool(latency or status or drop or malformed),
        "route",
        "A fault needs one of latency_ms, status, drop, malformed",
    )
    method, _, path = str(route).partition(" ")
    return Fault(
        route=f"{method.upper()} {path.strip()}",
        times=times,
        fraction=float(fraction) if fraction is not None else None,
        latency_ms=latency,
        status=status,
        body=data.get("body"),
        headers=dict(headers),
        drop=drop,
        malformed=malformed,
        after=after,
    )


def load_faults_file(path: str) -> list[Fault]:
    """Rules from a JSON or YAML file holding a list of rules (or ``{"faults": [...]}``)."""
    # The limits of workflow files: 1 MiB, 64 levels of nesting, no alias bomb.
    data = load_user_yaml(path, what="faults file")
    if isinstance(data, dict):
        data = data.get("faults")
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of fault rules (or {{'faults': [...]}})")
    return parse_fault_rules(data, f"{path}: ")


def parse_fault_rules(items: list[Any], where: str = "") -> list[Fault]:
    """Rules (`Fault` or dicts as POST /_sandbox/faults takes); ValueError naming the bad one."""
    faults = []
    for index, item in enumerate(items):
        if isinstance(item, Fault):
            faults.append(item)
            continue
        try:
            faults.append(parse_fault(item))
        except ApiError as exc:
            detail = (exc.errors or [{}])[0]
            field_name = ".".join(map(str, detail.get("path", [])))
            raise ValueError(
                f"{where}fault #{index + 1}, field '{field_name}': {detail.get('message')}"
            ) from None
    return faults


class FaultRegistry:
    """The active rules, shared by the middleware and the control endpoints."""

    def __init__(self, faults: list[Fault] | None = None) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 1
        self._random = random.Random()
        for fault in faults or []:
            self.add(fault)

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            fault.id = self._next_id
            self._next_id += 1
            self._faults.append(fault)
            return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def match(self, method: str, path: str) -> Fault | None:
        """The rule to apply to this call (consuming one of its ``times``), or None."""
        target = f"{method.upper()} {path}"
        with self._lock:
            for fault in self._faults:
                if not fnmatch.fnmatchcase(target, fault.route):
                    continue
                if fault.fraction is not None and self._random.random() >= fault.fraction:
                    continue
                fault.hits += 1
                if fault.times is not None and fault.hits >= fault.times:
                    self._faults.remove(fault)
                return fault
        return None
