"""Run a validated workflow: steps in order, with ``if``, retries, timeouts and continue_on_error,
collecting each step's outputs for the expressions of later steps."""

from __future__ import annotations

import threading
import time
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import (
    ConnectLink,
    ExpressionError,
    StepFailed,
    Terminated,
    WaitingForUser,
    interrupt_reason,
)
from .expressions import Unknown, evaluate, parse, render
from .gateway import Gateway, Planned, PlannedWrite
from .runtime import Args, Listener, NullListener, RunOptions, StepContext, StepResult
from .schema import step_kinds
from .steps import get_runner
from .validate import Workflow, is_secret_key_variable

__all__ = ["Executor", "RunInterrupted", "RunResult"]

_MAX_RETRY_DELAY = 30.0


@dataclass
class RunResult:
    """The outcome of a run: success, failed, waiting (for an end user) or interrupted."""

    status: str
    steps: list[StepResult] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    link: ConnectLink | None = None
    plan: list[PlannedWrite] = field(default_factory=list)
    interrupted_step: str | None = None  # the top-level step running when the run was stopped
    not_run: list[str] = field(default_factory=list)  # top-level steps never started
    signal: str | None = None  # what interrupted the run: SIGINT (Ctrl+C) or SIGTERM

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data (not yet redacted)."""
        data: dict[str, Any] = {
            "status": self.status,
            "steps": [step.to_dict() for step in self.steps],
            "outputs": self.outputs,
        }
        if self.error is not None:
            data["error"] = self.error
        if self.link is not None:
            data["connect_link"] = self.link.to_dict()
        if self.plan:
            data["plan"] = [write.to_dict() for write in self.plan]
        if self.status == "interrupted":
            data["interrupted_step"] = self.interrupted_step
            data["not_run"] = list(self.not_run)
            data["signal"] = self.signal
        return data

    def done(self) -> list[str]:
        """The top-level steps that ended (success, failed, skipped, planned), in order."""
        return [s.path for s in self.steps if "." not in s.path and s.status != "interrupted"]


class RunInterrupted(KeyboardInterrupt):
    """Ctrl+C or SIGTERM during a run; carries what was done (``result.status ==
    "interrupted"``)."""

    def __init__(self, result: RunResult) -> None:
        super().__init__("interrupted")
        self.result = result


class _Abort(Exception):
    """A step failed and the workflow stops."""


class Executor:
    """Runs workflows through one gateway."""

    def __init__(
        self, gateway: Gateway, options: RunOptions | None = None, listener: Listener | None = None
    ) -> None:
        self.gateway = gateway
        self.options = options or RunOptions(dry_run=gateway.dry_run)
        self.listener = listener or NullListener()
        self._results: list[StepResult] = []
        self._plan: list[PlannedWrite] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._current: str | None = None  # the top-level step being run

    def run(self, workflow: Workflow) -> RunResult:
        """Run every step, then render the workflow's outputs."""
        self._results, self._plan = [], []
        self._stopped.clear()
        scope: dict[str, Any] = {
            "inputs": workflow.inputs,
            "env": {k: v for k, v in self.options.env.items() if not is_secret_key_variable(k)},
            "steps": {},
        }
        steps = workflow.data.get("steps", [])
        self._current = None
        try:
            self._run_list(steps, scope, "")
            outputs = self._outputs(workflow.data.get("outputs") or {}, scope)
        except KeyboardInterrupt as stop:
            self._stopped.set()  # steps sleeping in other threads give up at once
            raise RunInterrupted(self._interrupted(steps, stop)) from None
        except _Abort as abort:
            return self._result("failed", error=str(abort))
        except WaitingForUser as waiting:
            return self._result("waiting", error=str(waiting), link=waiting.link)
        return self._result("success", outputs=outputs)

    def _result(self, status: str, **fields: Any) -> RunResult:
        with self._lock:
            return RunResult(status, list(self._results), plan=list(self._plan), **fields)

    def _interrupted(self, steps: list[Any], stop: KeyboardInterrupt) -> RunResult:
        """What a run stopped by Ctrl+C or SIGTERM did: the steps that ended, the one running,
        the rest."""
        with self._lock:
            ended = {r.path for r in self._results if r.status != "interrupted"}
        current = self._current if self._current not in ended else None
        not_run = [
            str(step["id"])
            for step in steps
            if str(step["id"]) not in ended and str(step["id"]) != current
        ]
        where = f" during step {current}" if current else ""
        return self._result(
            "interrupted",
            error=f"{interrupt_reason(stop)}{where}",
            interrupted_step=current,
            not_run=not_run,
            signal="SIGTERM" if isinstance(stop, Terminated) else "SIGINT",
        )

    def _outputs(self, spec: Mapping[str, Any], scope: Mapping[str, Any]) -> dict[str, Any]:
        outputs: dict[str, Any] = {}
        for name, expression in spec.items():
            try:
                value = render(expression, scope)
            except ExpressionError as exc:
                raise _Abort(f"outputs.{name}: {exc}") from None
            outputs[name] = None if isinstance(value, Unknown) else value
        return outputs

    # -- steps -------------------------------------------------------------------------------

    def _run_list(self, steps: list[Any], scope: dict[str, Any], prefix: str) -> None:
        for step in steps:
            if not prefix:
                self._current = str(step["id"])
            self._run_step(step, scope, prefix)

    def _record(self, result: StepResult) -> None:
        with self._lock:
            self._results.append(result)
        self.listener.step_finished(result)

    def _run_step(self, step: Mapping[str, Any], scope: dict[str, Any], prefix: str) -> None:
        step_id = str(step["id"])
        path = prefix + step_id
        kind = next(k for k in step_kinds() if k in step)
        finish = _StepEnd(self, scope, step_id, path, kind)
        controls = Args(step, self._context(path, scope, None), f"step {path}")
        try:
            run_it = self._condition(step, scope, path)
        except Planned as planned:
            finish("planned", Unknown(f"steps.{step_id}.outputs"), planned.reason)
            return
        if not run_it:
            finish("skipped", {})
            return
        self.listener.step_started(path, kind)
        try:
            retries = controls.integer("retries", 0)
            delay = controls.duration("retry_delay", 1.0)
            timeout = controls.duration("timeout", 0.0) if "timeout" in step else None
            continue_on_error = controls.boolean("continue_on_error", False)
        except (StepFailed, ExpressionError) as exc:
            finish("failed", None, str(exc))
            raise _Abort(f"step {path} failed: {exc}") from None
        try:
            self._attempts(
                step, kind, scope, path, finish, (retries, delay, timeout, continue_on_error)
            )
        except KeyboardInterrupt as stop:
            finish.record_only("interrupted", None, interrupt_reason(stop))
            raise

    def _attempts(
        self,
        step: Mapping[str, Any],
        kind: str,
        scope: dict[str, Any],
        path: str,
        finish: _StepEnd,
        controls: tuple[int, float, float | None, bool],
    ) -> None:
        """Run a step until it succeeds, fails for good or its retries run out."""
        step_id = str(step["id"])
        retries, delay, timeout, continue_on_error = controls

        attempt = 0
        while True:
            attempt += 1
            try:
                outputs = self._attempt(kind, step[kind], scope, path, timeout)
            except Planned as planned:
                if planned.write is not None:
                    with self._lock:
                        self._plan.append(planned.write)
                finish("planned", Unknown(f"steps.{step_id}.outputs"), planned.reason, attempt)
                return
            except WaitingForUser as waiting:
                finish("waiting", None, str(waiting), attempt)
                raise
            except Exception as exc:
                message = _failure_message(exc)
                if attempt <= retries and _retryable(exc):
                    self._sleep_before_retry(delay, attempt)
                    continue
                outputs = exc.outputs if isinstance(exc, StepFailed) else None
                finish("failed", outputs, message, attempt)
                if continue_on_error:
                    return
                raise _Abort(f"step {path} failed: {message}") from None
            finish("success", outputs, None, attempt)
            return

    def _condition(self, step: Mapping[str, Any], scope: Mapping[str, Any], path: str) -> bool:
        if "if" not in step:
            return True
        condition = step["if"]
        try:
            if isinstance(condition, str) and "${{" not in condition:
                value = evaluate(parse(condition), scope)
            else:
                value = render(condition, scope)
        except ExpressionError as exc:
            raise _Abort(f"step {path}: if: {exc}") from None
        if isinstance(value, Unknown):
            raise Planned(None, "its condition depends on a write planned by the dry run")
        return bool(value)

    def _sleep_before_retry(self, delay: float, attempt: int) -> None:
        time.sleep(min(delay * (2 ** (attempt - 1)), _MAX_RETRY_DELAY))

    def _context(self, path: str, scope: Mapping[str, Any], deadline: float | None) -> StepContext:
        return StepContext(
            gateway=self.gateway,
            options=self.options,
            listener=self.listener,
            path=path,
            scope=scope,
            deadline=deadline,
            run_nested=lambda steps, variables, prefix: self._nested(
                steps, scope, variables, prefix
            ),
            stopped=self._stopped,
        )

    def _attempt(
        self,
        kind: str,
        body: Mapping[str, Any],
        scope: Mapping[str, Any],
        path: str,
        timeout: float | None,
    ) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        ctx = self._context(path, scope, deadline)
        run = get_runner(kind)
        args = Args(body, ctx, kind)
        if timeout is None:
            return run(ctx, args)
        return _with_timeout(lambda: run(ctx, args), timeout, ctx, path)

    def _nested(
        self, steps: list[Any], outer: Mapping[str, Any], variables: dict[str, Any], prefix: str
    ) -> dict[str, Any]:
        inner_steps: dict[str, Any] = {}
        scope: dict[str, Any] = {
            **outer,
            **variables,
            "steps": ChainMap(inner_steps, outer["steps"]),
        }
        try:
            self._run_list(steps, scope, prefix)
        except _Abort as abort:
            return {"status": "failed", "outputs": _step_outputs(inner_steps), "error": str(abort)}
        except WaitingForUser as waiting:
            return {
                "status": "waiting",
                "outputs": _step_outputs(inner_steps),
                "error": str(waiting),
            }
        return {"status": "success", "outputs": _step_outputs(inner_steps), "error": None}


def _step_outputs(steps: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: None if isinstance(entry.get("outputs"), Unknown) else entry.get("outputs")
        for name, entry in steps.items()
    }


def _failure_message(exc: Exception) -> str:
    """The one-line message of a failure; an unexpected exception is reported as a bug."""
    from .._errors import NangoError

    if isinstance(exc, StepFailed | ExpressionError | NangoError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc} (a bug in nango-run: please report it)"


def _retryable(exc: Exception) -> bool:
    """Failures worth running the step again for (not expression errors, bad arguments or bugs)."""
    from .._errors import InvalidArgumentError, NangoError

    return isinstance(exc, StepFailed | NangoError) and not isinstance(exc, InvalidArgumentError)


def _with_timeout(run: Any, timeout: float, ctx: StepContext, path: str) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = run()
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name=f"step {path}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        ctx.cancelled.set()
        raise StepFailed(f"timed out after {timeout:g}s (the step's timeout)")
    if "error" in box:
        raise box["error"]
    return box["value"]


class _StepEnd:
    """Records how a step ended: its result for the report, its entry in ``steps`` for later
    expressions. Created when the step starts, which is what its duration counts from."""

    def __init__(
        self, executor: Executor, scope: dict[str, Any], step_id: str, path: str, kind: str
    ) -> None:
        self._executor = executor
        self._scope = scope
        self._step_id = step_id
        self._path = path
        self._kind = kind
        self._started = time.monotonic()

    def __call__(
        self, status: str, outputs: Any = None, error: str | None = None, attempts: int = 1
    ) -> None:
        self._scope["steps"][self._step_id] = {"status": status, "outputs": outputs, "error": error}
        self.record_only(status, outputs, error, attempts)

    def record_only(
        self, status: str, outputs: Any = None, error: str | None = None, attempts: int = 1
    ) -> None:
        """The result for the report only (an interrupted step is no input to later steps)."""
        elapsed = int((time.monotonic() - self._started) * 1000)
        self._executor._record(
            StepResult(self._path, self._kind, status, elapsed, outputs, error, attempts)
        )
