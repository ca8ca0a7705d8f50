"""Workflow files as tools: one ``workflow_<file stem>`` per valid workflow of a directory, its
inputs as the input schema and its outputs as the structured result; an invalid file is reported
(every problem, located) and left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..workflow.errors import WorkflowInvalid
from .core import Toolbox, ToolboxError, ok, waiting_for
from .tools import ToolSpec

__all__ = ["run_workflow", "workflow_tools"]

_TYPES = {"string", "integer", "number", "boolean", "array", "object"}
_NOT_A_NAME = re.compile(r"[^A-Za-z0-9_-]")


def workflow_tools(directory: str) -> tuple[list[ToolSpec], list[str]]:
    """The tools of the valid workflows in ``directory`` (``*.yaml``, ``*.yml``) and one line
    per problem of the others."""
    from ..workflow.validate import load_workflow

    root = Path(directory)
    if not root.is_dir():
        raise ToolboxError(f"--workflows {directory}: not a directory", usage=True)
    tools: list[ToolSpec] = []
    problems: list[str] = []
    for path in sorted([*root.glob("*.yaml"), *root.glob("*.yml")]):
        try:
            workflow = load_workflow(str(path))
        except WorkflowInvalid as invalid:
            problems.extend(str(p) for p in invalid.problems)
            continue
        tools.append(_tool(path, workflow.data))
    return tools, problems


def _tool(path: Path, data: dict[str, Any]) -> ToolSpec:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, spec in (data.get("inputs") or {}).items():
        spec = spec if isinstance(spec, dict) else {}
        kind = spec.get("type", "string")
        schema: dict[str, Any] = {"type": kind if kind in _TYPES else "string"}
        if spec.get("description"):
            schema["description"] = str(spec["description"])
        if "default" in spec:
            schema["default"] = spec["default"]
        elif spec.get("required"):
            required.append(str(name))
        properties[str(name)] = schema
    outputs: dict[str, Any] = {str(name): {} for name in (data.get("outputs") or {})}
    name = "workflow_" + _NOT_A_NAME.sub("_", path.stem)
    description = str(data.get("description") or data.get("name") or path.stem)
    file = str(path.resolve())
    return ToolSpec(
        name,
        f"Run the workflow {data.get('name') or path.stem} ({path.name}): {description}",
        properties,
        tuple(required),
        lambda tb, **arguments: run_workflow(tb, file, arguments),
        destructive=True,
        output={"outputs": {"type": "object", "properties": outputs}, "steps": {"type": "array"}},
    )


def run_workflow(tb: Toolbox, path: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """Run a workflow file with ``arguments`` as its inputs; never waits for an end user (a
    connect link comes back as needs_person)."""
    from ..workflow.executor import Executor
    from ..workflow.runtime import RunOptions
    from ..workflow.validate import load_workflow

    tb.writing(f"running the workflow {Path(path).name}")
    try:
        workflow = load_workflow(path, arguments)
    except WorkflowInvalid as invalid:
        raise ToolboxError("; ".join(str(p) for p in invalid.problems), usage=True) from None
    options = RunOptions(
        dry_run=tb.dry_run,
        no_wait=True,
        env=dict(tb.env),
        max_poll_interval=tb.max_poll_interval,
    )
    result = Executor(tb.gateway(), options, tb.listener).run(workflow)
    steps = [{"id": s.path, "status": s.status} for s in result.steps]
    if result.status == "waiting" and result.link is not None:
        return {**waiting_for(result.link), "steps": steps}
    if result.status != "success":
        raise ToolboxError(f"workflow {workflow.name} {result.status}: {result.error}")
    return ok(outputs=result.outputs, steps=steps)
