"""The secret guard: a pytest plugin that fails a test when a secret appears in what it produced.

Registered for the whole suite by tests/conftest.py (``pytest_plugins``). It keeps two things:

the secrets
    every Sandbox's secret key (``Sandbox.start`` is observed), every credential stored in a
    started sandbox (values under credential keys of connections and integrations, API keys of
    environments, the webhook signing key; read from its database after each test phase and
    before it stops), every secret key and webhook signing key given to Nango/AsyncNango
    (``Settings`` is observed), every environment variable with a credential name set through
    ``monkeypatch.setenv``, the
    literals of tests/known_secrets.py, every string literal a test file puts under a credential
    name (``known_secrets.literal_secrets``; for the tests of that file only when it is a
    test_*.py), and whatever a test passes to `add_secret`. Values
    shorter than 8 characters are ignored (known_secrets.MIN_LENGTH).
the texts
    per test phase: pytest's captured stdout, stderr and log sections, every logging record
    (a root handler at DEBUG for the whole session, message and traceback), everything read
    through ``capsys``/``capfd``, the output of subprocesses (``Popen.communicate``, so
    ``subprocess.run`` too), the ``str``/``repr`` of every exception caught by ``pytest.raises``
    and of its causes, the exception a test fails with, and whatever a test passes to `collect`.

After each phase it looks for every known secret in every text of the phase; a hit turns the
report into a failure naming the kind of secret, a masked prefix and where it appeared (never
the secret). A one-line summary closes the session (``secret guard: N tests guarded, ...``).
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import threading
import time
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from known_secrets import LITERALS, MIN_LENGTH, literal_secrets

__all__ = ["add_secret", "collect", "guard"]

# Values too common to mean anything when found in text, whatever their length.
_COMMON = frozenset({"password", "secret", "api_key", "apikey", "bearer", "basic", "changeme"})


@dataclass
class GuardStats:
    tests: int = 0
    texts: int = 0
    chars: int = 0
    leaks: int = 0
    leaking_tests: list[str] = field(default_factory=list)
    seconds: float = 0.0  # spent reading sandboxes and scanning, after each phase
    sources: Counter[str] = field(default_factory=Counter)  # texts by kind of place


class SecretGuard:
    """Known secrets, the texts of the current test phase, and the scan between them."""

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}  # value -> kind
        self.local: dict[str, dict[str, str]] = {}  # test file name -> its own literal secrets
        self.texts: list[tuple[str, str]] = []  # (where, text) of the current phase
        self.stats = GuardStats()
        self.lock = threading.Lock()
        self.sandboxes: weakref.WeakSet[Any] = weakref.WeakSet()
        self.seen_rows: dict[int, set[str]] = {}

    def add_secret(self, value: object, kind: str) -> None:
        if not isinstance(value, str):
            return
        value = value.strip()
        if len(value) < MIN_LENGTH or value.lower() in _COMMON:
            return
        with self.lock:
            self.secrets.setdefault(value, kind)

    def collect(self, where: str, text: object) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str) or not text:
            return
        with self.lock:
            self.texts.append((where, text))

    def take_texts(self) -> list[tuple[str, str]]:
        with self.lock:
            texts, self.texts = self.texts, []
        return texts

    def scan(self, texts: list[tuple[str, str]], local: dict[str, str] | None = None) -> list[str]:
        """One line per (secret, place) found, with the secrets of the test's own file
        (``local``); the secret itself never appears in a line."""
        self.stats.texts += len(texts)
        self.stats.chars += sum(len(t) for _, t in texts)
        self.stats.sources.update(_source(where) for where, _ in texts)
        if not texts:
            return []
        whole = "\n\x00\n".join(t for _, t in texts)
        with self.lock:
            secrets = list(self.secrets.items())
        secrets += [item for item in (local or {}).items() if item[0] not in self.secrets]
        found: list[str] = []
        for value, kind in secrets:
            if value not in whole:
                continue
            for where, text in texts:
                if value in text:
                    found.append(f"{kind} {mask(value)} appeared in {where}")
        return found

    # -- sandboxes --------------------------------------------------------------------------
    def harvest(self, sandbox: Any) -> None:
        """Register the secrets stored in a started sandbox's database (new rows only)."""
        store = getattr(sandbox, "_store", None)
        if store is None:
            return
        self.add_secret(sandbox.secret_key, "sandbox secret key")
        seen = self.seen_rows.setdefault(id(store), set())
        for sql, kind in _HARVEST:
            try:
                rows = store.query(sql)
            except (sqlite3.Error, AttributeError):  # a table created on first use, a closed store
                continue
            for row in rows:
                raw = row[0]
                if raw is None or raw in seen:
                    continue
                seen.add(raw)
                if kind is None:
                    for key, value in credential_values(_loads(raw)):
                        self.add_secret(value, _kind_of(key))
                else:
                    self.add_secret(raw, kind)

    def harvest_all(self) -> None:
        for sandbox in list(self.sandboxes):
            self.harvest(sandbox)


_HARVEST: tuple[tuple[str, str | None], ...] = (
    ("SELECT credentials FROM connections", None),
    ("SELECT credentials FROM integrations WHERE credentials IS NOT NULL", None),
    ("SELECT secret FROM api_keys", "environment API key"),
    ("SELECT value FROM settings WHERE key = 'webhook_signing_key'", "webhook signing key"),
    ("SELECT value FROM settings WHERE key = 'secret_key'", "sandbox secret key"),
)


def _source(where: str) -> str:
    """The kind of place a text came from, without its details ("captured stdout")."""
    kind = where.split(" (", 1)[0]
    words = kind.split() or ["?"]
    if words[0] == "captured":  # "captured stdout call": the phase goes
        return " ".join(words[:2])
    if words[1:3] == ["of", "subprocess"]:  # the command line goes
        return " ".join(words[:3])
    return kind


def _loads(raw: str) -> Any:
    import json

    try:
        return json.loads(raw)
    except ValueError:
        return None


def credential_values(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, value) of every string under a credential key of JSON-like ``value``."""
    from nango_toolbox._redact import is_sensitive_key

    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str):
                if is_sensitive_key(str(k)):
                    yield str(k), v
            else:
                yield from credential_values(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from credential_values(item, key)


def _kind_of(key: str) -> str:
    normalised = key.lower().replace("_", "").replace("-", "")
    for needle, kind in (
        ("refresh", "refresh token"),
        ("access", "access token"),
        ("apikey", "API key"),
        ("password", "password"),
        ("clientsecret", "client secret"),
        ("webhook", "webhook secret"),
        ("token", "token"),
    ):
        if needle in normalised:
            return kind
    return f"credential ({key})"


def mask(value: str) -> str:
    """A prefix short enough to identify a secret in a report without disclosing it."""
    return f"'{value[:3]}...' ({len(value)} chars)"


def hide(text: str, secrets: list[str]) -> str:
    for value in secrets:
        text = text.replace(value, mask(value))
    return text


# ---------------------------------------------------------------------------------------------
# The active guard and the functions tests call.

_active: SecretGuard | None = None


def guard() -> SecretGuard | None:
    """The guard of the running session (None when the plugin is not loaded)."""
    return _active


def add_secret(value: str, kind: str) -> None:
    """Register a secret a test uses (ignored without the plugin)."""
    if _active is not None:
        _active.add_secret(value, kind)


def collect(where: str, text: str | bytes) -> None:
    """Register text a test produced and kept in a variable (a CLI run's output, a result)."""
    if _active is not None:
        _active.collect(where, text)


# ---------------------------------------------------------------------------------------------
# Observation points, installed in pytest_configure and removed in pytest_unconfigure.


class _RecordHandler(logging.Handler):
    def __init__(self, active: SecretGuard) -> None:
        super().__init__(logging.DEBUG)
        self.active = active

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a bad format string: the raw parts are the text
            text = f"{record.msg!r} {record.args!r}"
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + "".join(exception_texts(record.exc_info[1]))
        self.active.collect(f"log record ({record.name} {record.levelname})", text)


def exception_texts(exc: BaseException) -> list[str]:
    """str and repr of an exception and of its causes and contexts."""
    texts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        try:
            texts.append(f"{current}\n{current!r}\n")
        except Exception:  # an exception whose __str__ fails: its type is all there is
            texts.append(type(current).__name__)
        current = current.__cause__ or current.__context__
    return texts


class _Patches:
    """The patched attributes, put back at the end of the session."""

    def __init__(self) -> None:
        self.undo: list[tuple[Any, str, Any]] = []

    def set(self, owner: Any, name: str, value: Any) -> None:
        self.undo.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, value)

    def restore(self) -> None:
        for owner, name, value in reversed(self.undo):
            setattr(owner, name, value)
        self.undo.clear()


def _install(active: SecretGuard, patches: _Patches) -> None:
    from _pytest.capture import CaptureFixture
    from _pytest.raises import RaisesExc
    from nango_toolbox._config import Settings
    from nango_toolbox._redact import is_sensitive_key
    from nango_toolbox.sandbox.server import Sandbox

    raises_exit = RaisesExc.__exit__

    def exit_(self: Any, exc_type: Any, exc_val: Any, exc_tb: Any) -> Any:
        if isinstance(exc_val, BaseException):
            for text in exception_texts(exc_val):
                active.collect(
                    f"exception caught by pytest.raises ({type(exc_val).__name__})", text
                )
        return raises_exit(self, exc_type, exc_val, exc_tb)

    patches.set(RaisesExc, "__exit__", exit_)

    readouterr = CaptureFixture.readouterr

    def readouterr_(self: Any) -> Any:
        result = readouterr(self)
        active.collect("stdout read through capsys/capfd", result.out)
        active.collect("stderr read through capsys/capfd", result.err)
        return result

    patches.set(CaptureFixture, "readouterr", readouterr_)

    communicate = subprocess.Popen.communicate

    def communicate_(self: Any, *args: Any, **kwargs: Any) -> Any:
        out, err = communicate(self, *args, **kwargs)
        argv = self.args if isinstance(self.args, str) else " ".join(map(str, self.args[:3]))
        active.collect(f"stdout of subprocess {argv}", out)
        active.collect(f"stderr of subprocess {argv}", err)
        return out, err

    patches.set(subprocess.Popen, "communicate", communicate_)

    settings_init = Settings.__init__

    def settings_init_(self: Any, *args: Any, **kwargs: Any) -> None:
        settings_init(self, *args, **kwargs)
        active.add_secret(self.secret_key, "Nango secret key")
        if self.webhook_signing_key:
            active.add_secret(self.webhook_signing_key, "webhook signing key")

    patches.set(Settings, "__init__", settings_init_)

    start, stop = Sandbox.start, Sandbox.stop

    def start_(self: Any) -> Any:
        started = start(self)
        active.sandboxes.add(self)
        active.harvest(self)
        return started

    def stop_(self: Any) -> None:
        active.harvest(self)
        stop(self)

    patches.set(Sandbox, "start", start_)
    patches.set(Sandbox, "stop", stop_)

    setenv = pytest.MonkeyPatch.setenv

    def setenv_(self: Any, name: str, value: str, prepend: str | None = None) -> None:
        if is_sensitive_key(name):
            active.add_secret(value, f"environment variable {name}")
        setenv(self, name, value, prepend)

    patches.set(pytest.MonkeyPatch, "setenv", setenv_)


# ---------------------------------------------------------------------------------------------
# Hooks


_patches = _Patches()
_handler: _RecordHandler | None = None
_root_level = logging.WARNING


def pytest_configure(config: pytest.Config) -> None:
    global _active, _handler, _root_level
    _active = SecretGuard()
    for kind, value in LITERALS:
        _active.add_secret(value, kind)
    for kind, value, file_name in literal_secrets(Path(__file__).parent):
        if file_name.startswith("test_"):
            if len(value) >= MIN_LENGTH and value.lower() not in _COMMON:
                _active.local.setdefault(file_name, {}).setdefault(value, kind)
        else:
            _active.add_secret(value, kind)
    _install(_active, _patches)
    root = logging.getLogger()
    _root_level = root.level
    _handler = _RecordHandler(_active)
    root.addHandler(_handler)
    root.setLevel(logging.DEBUG)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _active, _handler
    _patches.restore()
    if _handler is not None:
        root = logging.getLogger()
        root.removeHandler(_handler)
        root.setLevel(_root_level)
    _active = _handler = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    active = _active
    if active is None:
        return
    report: pytest.TestReport = outcome.get_result()
    started = time.perf_counter()
    try:
        _check(active, item, call, report)
    finally:
        active.stats.seconds += time.perf_counter() - started


def _check(
    active: SecretGuard, item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport
) -> None:
    if call.when == "setup":
        active.stats.tests += 1
    for title, text in report.sections:
        if title.endswith(f" {call.when}"):
            active.collect(title.lower(), text)
    if call.excinfo is not None and not isinstance(
        call.excinfo.value, AssertionError | pytest.skip.Exception | pytest.fail.Exception
    ):
        for text in exception_texts(call.excinfo.value):
            active.collect(f"the exception the test {call.when} failed with", text)
    active.harvest_all()
    texts = active.take_texts()
    local = active.local.get(item.path.name, {})
    found = active.scan(texts, local)
    if not found:
        return
    active.stats.leaks += len(found)
    active.stats.leaking_tests.append(item.nodeid)
    message = "secret guard: a secret appeared in what this test produced\n" + "\n".join(
        f"  - {line}" for line in dict.fromkeys(found)
    )
    # The report shows the captured sections and the traceback of a failure: mask them first.
    with active.lock:  # a sandbox thread may register secrets meanwhile
        known = [*active.secrets, *local]
    leaked = [value for value in known if any(value in text for _, text in texts)]
    message = hide(message, leaked)  # a place may quote the secret (a subprocess's argv)
    if report.failed and report.longrepr is not None:
        message = f"{hide(report.longreprtext, leaked)}\n\n{message}"
    report.sections = [(title, hide(text, leaked)) for title, text in report.sections]
    report.outcome = "failed"
    report.longrepr = message
    if hasattr(report, "wasxfail"):
        del report.wasxfail


def pytest_terminal_summary(terminalreporter: Any) -> None:
    active = _active
    if active is None:
        return
    stats = active.stats
    terminalreporter.write_line(
        f"secret guard: {stats.tests} tests guarded, {stats.texts} texts "
        f"({stats.chars} characters) scanned, {len(active.secrets)} secrets known "
        f"(and {sum(map(len, active.local.values()))} of single test files), "
        f"{stats.leaks} leaks in {len(stats.leaking_tests)} tests, {stats.seconds:.1f} s of checks"
    )
    if stats.sources:
        terminalreporter.write_line(
            "secret guard texts by source: "
            + ", ".join(f"{name} {count}" for name, count in stats.sources.most_common())
        )
