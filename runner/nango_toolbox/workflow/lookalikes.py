"""Text that looks like a mistyped expression: ``${ inputs.x }`` (shell style) or
``{{ inputs.x }}`` (template style) is sent as written, not evaluated, which a newcomer rarely
means. They are warnings, not errors: a provider's own template (SendGrid's ``{{first_name}}``)
is legitimate text, so ``{{ ... }}`` is reported only when it starts with one of the workflow's
names (inputs, steps, env, item, index), while ``${ ... }`` always is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import Problem
from .loader import Document, join_pointer

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["mistyped_expressions"]

_SHELL_STYLE = re.compile(r"\$\{(?!\{)\s*([^{}\s][^{}]*?)\s*\}")
_TEMPLATE_STYLE = re.compile(r"(?<!\$)\{\{\s*((?:inputs|steps|env|item|index)\b[^{}]*?)\s*\}\}")


def mistyped_expressions(document: Document) -> list[Problem]:
    """A warning for every string value holding a likely mistyped expression, in file order."""
    return [
        document.problem(pointer, message)
        for pointer, text in _strings(document.data, "")
        for message in _messages(text)
    ]


def _messages(text: str) -> Iterator[str]:
    for match in _SHELL_STYLE.finditer(text):
        yield (
            f"warning: {match.group(0)!r} is sent as written, not evaluated; write "
            f"${{{{ {_as_reference(match.group(1))} }}}} for an expression"
        )
    for match in _TEMPLATE_STYLE.finditer(text):
        yield (
            f"warning: {match.group(0)!r} is sent as written, not evaluated; write "
            f"${{{{ {match.group(1)} }}}} for an expression"
        )


def _as_reference(name: str) -> str:
    """``${ HOME }`` means an environment variable; ``${ inputs.x }`` is already a reference."""
    if re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
        return f"env.{name}"
    return name


def _strings(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, join_pointer(pointer, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, join_pointer(pointer, index))
    elif isinstance(value, str) and ("${" in value or "{{" in value):
        yield pointer, value
