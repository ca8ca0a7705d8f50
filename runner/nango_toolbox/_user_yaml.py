"""User-given YAML and JSON files, read under limits: the bottom floor shared by the workflow
loader, the CLI's ``--inputs`` and the sandbox's faults and providers files.

Limits, checked before anything recursive sees the text (PyYAML's composer and constructor are
recursive, so a deep or alias-heavy file would otherwise end in a RecursionError, a crash of the C
composer or an exponential "billion laughs" expansion): a file has at most ``MAX_FILE_BYTES`` bytes
(or the caller's limit), nests at most ``MAX_DEPTH`` levels and its aliases expand to at most
``MAX_ALIAS_VALUES`` values. The check reads the parser's events in a loop (libyaml's when there).
"""

from __future__ import annotations

import errno
import os
import stat
import sys

import yaml

from ._yaml_errors import yaml_error_position

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

__all__ = [
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "FileTooLarge",
    "UserFileError",
    "byte_position",
    "load_user_yaml",
    "read_limited",
    "structure_problem",
]

MAX_FILE_BYTES = 1024 * 1024
"""The largest workflow (or --inputs) file, in bytes: 1 MiB, hundreds of times a real workflow."""

MAX_DEPTH = 64
"""The deepest nesting of mappings and lists (a workflow needs about 10)."""

MAX_ALIAS_VALUES = 10_000
"""How many values YAML aliases (``*name``) may add to a file by repeating anchored values."""


class FileTooLarge(ValueError):
    """A file over the size limit; the message says the limit and what to do."""


def read_limited(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, or FileTooLarge past ``limit`` bytes, read or not: the
    size of a regular file is checked before reading, and a device or pipe is read no further."""
    with open(path, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "it is a directory")
        size = info.st_size if stat.S_ISREG(info.st_mode) else 0
        data = b"" if size > limit else stream.read(limit + 1)
    if size > limit or len(data) > limit:
        shown = f"{size:,} bytes" if size > limit else "more"
        raise FileTooLarge(
            f"the file is too large ({shown}; the limit is {limit:,} bytes, {_mib(limit)})"
        )
    return data


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def structure_problem(text: str) -> tuple[int, int, str] | None:
    """Line, column and message of the first place where ``text`` nests deeper than MAX_DEPTH or
    its aliases expand past MAX_ALIAS_VALUES values, else None (also for a syntax error, which the
    composer reports in its own words). Reads events in a loop: never recursive, never expanding."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    # One frame per open collection: [anchor, values inside (aliases expanded), height].
    stack: list[list[Any]] = []
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (values, height)
    added = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    return _at(event, f"nested more than {MAX_DEPTH} levels deep; flatten it")
                stack.append([event.anchor, 1, 0])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, count, height = stack.pop()
                size = (count, height + 1)
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, (1, 0)
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, sizes.get(str(event.anchor), (1, 0))
                added += size[0]
                if added > MAX_ALIAS_VALUES:
                    return _at(
                        event,
                        f"the aliases expand to more than {MAX_ALIAS_VALUES:,} values; "
                        "write the values out or use fewer aliases",
                    )
                if len(stack) + size[1] > MAX_DEPTH:
                    return _at(
                        event, f"the alias nests more than {MAX_DEPTH} levels deep; flatten it"
                    )
            else:  # stream and document events
                continue
            if anchor is not None:
                sizes[str(anchor)] = size
            if stack:
                stack[-1][1] += size[0]
                stack[-1][2] = max(stack[-1][2], size[1])
    except yaml.MarkedYAMLError as exc:
        # libyaml's scanner looks ahead past open flow collections ([[[[...) and stops at 1000
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            mark = exc.problem_mark
            return (
                mark.line + 1,
                mark.column + 1,
                f"nested more than {MAX_DEPTH} levels deep; flatten it",
            )
        return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _at(event: yaml.Event, message: str) -> tuple[int, int, str]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1, message) if mark is not None else (1, 1, message)


class UserFileError(ValueError):
    """A user-given file that cannot be used; ``str()`` is ``PATH[:LINE:COLUMN]: message``."""


def load_user_yaml(path: str, *, what: str = "file", limit: int = MAX_FILE_BYTES) -> Any:
    """The data of a user-given YAML or JSON file (``-``: standard input): read at most ``limit``
    bytes, refused when it nests too deep or its aliases expand too far, then parsed (a ``.json``
    path as JSON, anything else as YAML, which JSON is too). Every problem is a `UserFileError`
    ``PATH[:LINE:COLUMN]: message`` naming the ``what`` ("faults file", "inputs file"...)."""
    import json

    where = "stdin" if path == "-" else path
    text = _read_text(path, where, what, limit)
    problem = structure_problem(text)
    if problem is not None:
        line, column, message = problem
        raise UserFileError(f"{where}:{line}:{column}: {message}")
    try:
        return json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise UserFileError(
            f"{where}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}; fix the {what}"
        ) from None
    except yaml.YAMLError as exc:
        line, column, reason = yaml_error_position(exc, text)
        raise UserFileError(
            f"{where}:{line}:{column}: not valid YAML: {reason}; fix the {what}"
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:  # !!int x, 2024-13-45
        reason = " ".join(str(exc).split())[:100]
        raise UserFileError(f"{where}: a value cannot be read ({reason})") from None
    except RecursionError:  # not expected below MAX_DEPTH: a safety net, still one line
        raise UserFileError(f"{where}: the {what} nests too deeply") from None


def _read_text(path: str, where: str, what: str, limit: int) -> str:
    data = b""
    try:
        data = _read_stdin(limit, what) if path == "-" else read_limited(path, limit)
        return data.decode("utf-8")
    except FileTooLarge as exc:
        raise UserFileError(f"{where}: {exc}") from None
    except OSError as exc:
        raise UserFileError(f"{where}: cannot read the {what} ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise UserFileError(
            f"{where}:{line}:{column}: the {what} is not UTF-8 text; save it as UTF-8"
        ) from None


def _read_stdin(limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of standard input, as bytes (decoded like a file's, so that text
    that is not UTF-8 is one line, not a traceback); FileTooLarge past ``limit``."""
    stdin = sys.stdin
    if stdin is None:  # the process was started with standard input closed (<&-)
        raise OSError(errno.EBADF, "standard input is closed")
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data = bytes(buffer.read(limit + 1))
    else:  # a text stream without bytes under it (an embedding program's): already decoded
        data = stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    if len(data) > limit:
        raise FileTooLarge(f"the {what} is too large (more than {limit:,} bytes, {_mib(limit)})")
    return data
