"""One-line positions for PyYAML errors, shared by the workflow loader, the CLI and the sandbox."""

from __future__ import annotations

import yaml

__all__ = ["yaml_error_position"]


def yaml_error_position(exc: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """Line, column (1-based) and a one-line reason of a PyYAML error, whose own text spans
    several lines; the reason names where an unclosed construct began."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        return line, column, f"character #x{exc.character:04x} is not allowed in YAML: {exc.reason}"
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        started = exc.context_mark
        if exc.problem and exc.context and started is not None and started.line + 1 != line:
            reason += f" ({exc.context} at {started.line + 1}:{started.column + 1})"
        return line, column, reason
    return 1, 1, " ".join(str(exc).split())
