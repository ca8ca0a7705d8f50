"""Load a workflow file as plain data, remembering where every value sits in the file.

The YAML is composed into nodes and converted by hand, so that every value's JSON pointer maps to
its line and column; duplicate keys are reported instead of silently overwritten.

Limits, checked before anything recursive sees the text (composing and converting are recursive,
so a deep or alias-heavy file would otherwise end in a RecursionError, a crash of the C composer
or an exponential "billion laughs" expansion): a file has at most ``MAX_FILE_BYTES`` bytes, nests
at most ``MAX_DEPTH`` levels and its aliases expand to at most ``MAX_ALIAS_VALUES`` values. The
check reads the parser's events in a loop (libyaml's when there), which costs a fraction of a
millisecond on a workflow. The limits and that check live in `nango_toolbox._user_yaml`, shared
with the CLI's ``--inputs`` and the sandbox's files.
"""

from __future__ import annotations

import datetime

import yaml

from .._user_yaml import (
    MAX_DEPTH,
    FileTooLarge,
    byte_position,
    read_limited,
    structure_problem,
)
from .._yaml_errors import yaml_error_position
from .errors import Problem, WorkflowInvalid

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

__all__ = ["Document", "Marks", "escape_pointer", "join_pointer", "load_path", "load_text"]


def escape_pointer(token: str | int) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: str | int) -> str:
    """Append tokens to a JSON pointer."""
    return base + "".join("/" + escape_pointer(t) for t in tokens)


class Marks:
    """Line and column (1-based) of each value, and of each mapping key, by JSON pointer."""

    __slots__ = ("keys", "values")

    def __init__(
        self,
        values: dict[str, tuple[int, int]] | None = None,
        keys: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.values: dict[str, tuple[int, int]] = {} if values is None else values
        self.keys: dict[str, tuple[int, int]] = {} if keys is None else keys

    def at(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Position of ``pointer`` (its key when ``key``), else of its nearest known ancestor."""
        if key and pointer in self.keys:
            return self.keys[pointer]
        current = pointer
        while True:
            if current in self.values:
                return self.values[current]
            if not current:
                return (1, 1)
            current = current.rsplit("/", 1)[0]


class Document:
    """A loaded workflow file: its name for messages, its data and the marks of its values."""

    __slots__ = ("data", "file", "marks")

    def __init__(self, file: str, data: Any, marks: Marks) -> None:
        self.file = file
        self.data = data
        self.marks = marks

    def problem(self, pointer: str, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``pointer``."""
        line, column = self.marks.at(pointer, key=key)
        return Problem(self.file, line, column, pointer, message)


def load_path(path: str | Path) -> Document:
    """Read and load a workflow file, or raise WorkflowInvalid."""
    name = str(path)
    try:
        data = read_limited(path)
    except FileNotFoundError:
        raise WorkflowInvalid([Problem(name, 0, 0, "", "file not found; check the path")]) from None
    except OSError as exc:
        raise WorkflowInvalid(
            [Problem(name, 0, 0, "", f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    except FileTooLarge as exc:
        hint = "; keep large data out of the workflow and pass it as inputs at run time"
        raise WorkflowInvalid([Problem(name, 0, 0, "", f"{exc}{hint}")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        raise WorkflowInvalid(
            [
                Problem(
                    name,
                    line,
                    column,
                    "",
                    f"the file is not UTF-8 text (byte 0x{bad} at byte {exc.start}); "
                    "save it as UTF-8",
                )
            ]
        ) from None
    return load_text(text, name)


def load_text(text: str, name: str = "<workflow>") -> Document:
    """Load YAML text, or raise WorkflowInvalid with the syntax problem and duplicate keys."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)  # the reader refuses control characters here already
        too_much = structure_problem(text)
        if too_much is not None:
            line, column, message = too_much
            raise WorkflowInvalid([Problem(name, line, column, "", message)])
        composed = _compose_fast(text)
        # libyaml missing or refusing the text: PyYAML composes it, in its own words for errors.
        node = composed[0] if composed is not None else loader.get_single_node()
    except yaml.YAMLError as exc:
        line, column, reason = yaml_error_position(exc, text)
        raise WorkflowInvalid(
            [Problem(name, line, column, "", f"YAML syntax error: {reason}")]
        ) from None
    except RecursionError:  # not expected below MAX_DEPTH: a safety net, still one line
        raise WorkflowInvalid(
            [Problem(name, 1, 1, "", f"the YAML nests too deeply; keep it under {MAX_DEPTH}")]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    marks = Marks()
    problems: list[Problem] = []
    if node is None:
        return Document(name, None, marks)
    converter = _Converter(name, marks, problems)
    data = converter.convert(node, "")
    if problems:
        raise WorkflowInvalid(problems)
    return Document(name, data, marks)


def _compose_fast(text: str) -> tuple[yaml.Node | None] | None:
    """``(root node,)`` composed by libyaml (pure-Python composing was a third of `nango-run
    validate`'s run time), or None when libyaml is not there or finds an error."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    loader = loader_class(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return (node,)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _scalar_error(node: yaml.ScalarNode, exc: Exception) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor" in str(exc.problem):
        return f"unsupported tag {tag!r}; remove it (workflows hold plain data)"
    reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
    return f"the value cannot be read as {tag}: {' '.join(str(reason).split())[:100]}"


class _Converter:
    def __init__(self, name: str, marks: Marks, problems: list[Problem]) -> None:
        self._name = name
        self._marks = marks
        self._problems = problems
        self._scalars = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, pointer: str) -> Any:
        self._marks.values[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, join_pointer(pointer, i)) for i, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _TIMESTAMP:  # kept as text: 2024-13-45 would not even construct
            return str(node.value)
        try:
            value = self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            self._problems.append(
                Problem(self._name, *self._marks.values[pointer], pointer, _scalar_error(node, exc))
            )
            return None
        if isinstance(value, datetime.date | bytes):
            return str(node.value)
        return value

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self._problems.append(
                    Problem(self._name, *mark, pointer, "mapping keys must be plain strings")
                )
                continue
            key = str(key_node.value)
            child = join_pointer(pointer, key)
            if key in result:
                self._problems.append(
                    Problem(self._name, *mark, child, f"duplicate key {key!r}; keep only one")
                )
                continue
            self._marks.keys[child] = mark
            result[key] = self.convert(value_node, child)
        return result
