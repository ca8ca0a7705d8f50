"""Write the method reference of docs/sdk.md from the SDK itself, so the docs cannot drift.

Every public method of ``Nango`` (``AsyncNango`` has the same ones, ``async``) with its parameters
as ``inspect.signature`` gives them, its return type and the first line of its docstring, grouped
by the ``# -- area --`` comments of ``_async_client.py``. The section sits between two markers in
docs/sdk.md; ``--check`` fails (exit 1) when it differs from what this script writes.

    python scripts/sdk_docs.py          # rewrite the section
    python scripts/sdk_docs.py --check  # the tests run this: fail when the section is stale
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "sdk.md"
SOURCE = ROOT / "runner" / "nango_toolbox" / "_async_client.py"
START = "<!-- methods: written by scripts/sdk_docs.py (make docs); do not edit by hand -->"
END = "<!-- /methods -->"


def areas() -> list[tuple[str, list[str]]]:
    """The ``# -- area --`` sections of the async source and the public methods of each."""
    found: list[tuple[str, list[str]]] = [("client", [])]
    for line in SOURCE.read_text().splitlines():
        heading = re.match(r"    # -- (.+?) -+$", line)
        method = re.match(r"    (?:async )?def ([a-z]\w*)\(", line)
        if heading:
            found.append((heading.group(1), []))
        elif method:
            found[-1][1].append(method.group(1))
    return [(area, names) for area, names in found if names]


def _parameters(function: Any) -> list[str]:
    shown = []
    star = False
    for parameter in list(inspect.signature(function).parameters.values())[1:]:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            shown.extend(_typed_dict_keys(parameter.annotation, star))
            continue
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            shown.append("*")
            star = True
        text = parameter.name
        if parameter.default is not inspect.Parameter.empty:
            text += f"={parameter.default!r}"
        shown.append(text)
    return shown


def _typed_dict_keys(annotation: Any, star: bool) -> list[str]:
    """The keywords of ``**kw: Unpack[SomeKwargs]`` other than the per-call overrides."""
    match = re.search(r"Unpack\[(\w+)\]", str(annotation))
    if match is None or match.group(1) == "CallKwargs":
        return []
    from nango_toolbox import _client_base

    kwargs = getattr(_client_base, match.group(1))
    per_call = _client_base.CallKwargs.__annotations__
    keys = [k for k in kwargs.__annotations__ if k not in per_call]
    shown = [] if star else ["*"]
    for key in keys:  # Required[...] is a string here (postponed annotations): read it as such
        required = "Required[" in str(kwargs.__annotations__[key])
        shown.append(key if required else f"{key}=None")
    return shown


def _returns(function: Any) -> str:
    annotation = inspect.signature(function).return_annotation
    if annotation is inspect.Signature.empty or annotation == "None":
        return ""
    return f" -> {annotation}"


def section() -> str:
    """The generated markdown, markers included."""
    from nango_toolbox import Nango

    lines = [
        START,
        "",
        "Every method of `Nango`; `AsyncNango` has the same ones, `async` (`aclose()` for",
        "`close()`). Every API method also takes `timeout=`, `max_retries=` and",
        "`max_response_size=` for that call.",
    ]
    for area, names in areas():
        lines += ["", f"**{area}**", ""]
        for name in names:
            name = "close" if name == "aclose" else name
            function = getattr(Nango, name)
            if isinstance(function, property):
                continue
            doc = (inspect.getdoc(function) or "").split("\n\n", 1)[0].replace("\n", " ")
            signature = f"{name}({', '.join(_parameters(function))}){_returns(function)}"
            lines.append(f"- `{signature}`: {doc}" if doc else f"- `{signature}`")
    lines += ["", END]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    text = DOC.read_text()
    if START not in text or END not in text:
        print(f"{DOC.relative_to(ROOT)} lacks the method reference markers", file=sys.stderr)
        return 1
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    wanted = before + section() + after
    if wanted == text:
        return 0
    if check:
        print("docs/sdk.md's method reference is stale: run 'make docs'", file=sys.stderr)
        return 1
    DOC.write_text(wanted)
    print("wrote docs/sdk.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
