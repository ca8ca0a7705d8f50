"""Check a whole workflow before any request, reporting every problem at once.

Checks: the JSON Schema, then what a schema cannot say (duplicate step ids, expressions that do not
parse, references to unknown inputs or to unknown or later steps, input defaults of the wrong
type), then the inputs given for a run (unknown, missing, wrong type).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from .._key_names import (
    COMPAT_SECRET_KEY_VAR,
    COMPAT_WEBHOOK_SIGNING_KEY_VAR,
    SECRET_KEY_VAR,
    WEBHOOK_SIGNING_KEY_VAR,
)
from ._schema_check import is_valid
from .errors import ExpressionError, Problem, WorkflowInvalid
from .expressions import expressions_in, parse, references
from .loader import Document, join_pointer, load_path
from .lookalikes import mistyped_expressions
from .schema import load_schema, step_kinds

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Workflow",
    "check_document",
    "coerce_input",
    "is_secret_key_variable",
    "load_workflow",
    "resolve_inputs",
]

_BUILTIN_ROOTS = ("inputs", "steps", "env")
_NANGO_KEYS = {  # the variables nango-toolbox reads Nango's own keys from, and what each holds
    SECRET_KEY_VAR: "secret key",
    COMPAT_SECRET_KEY_VAR: "secret key",
    WEBHOOK_SIGNING_KEY_VAR: "webhook signing key",
    COMPAT_WEBHOOK_SIGNING_KEY_VAR: "webhook signing key",
}
_STEP_FIELDS = ("outputs", "status", "error")


class Workflow:
    """A validated workflow, with its input values when loaded for a run."""

    __slots__ = ("document", "inputs", "warnings")

    def __init__(
        self,
        document: Document,
        inputs: dict[str, Any] | None = None,
        warnings: list[Problem] | None = None,
    ) -> None:
        self.document = document
        self.inputs: dict[str, Any] = {} if inputs is None else inputs
        self.warnings: list[Problem] = [] if warnings is None else warnings  # likely mistakes

    @property
    def data(self) -> dict[str, Any]:
        """The workflow as plain data."""
        data: dict[str, Any] = self.document.data
        return data

    @property
    def name(self) -> str:
        """The workflow's name."""
        return str(self.data.get("name", ""))


def is_secret_key_variable(name: str) -> bool:
    """Whether an environment variable name is (in any case) one Nango's secret key or webhook
    signing key is read from: a workflow never sees them."""
    return name.upper() in _NANGO_KEYS


def load_workflow(path: str, given: Mapping[str, Any] | None = None) -> Workflow:
    """Load and check a workflow (and, when ``given`` is not None, its inputs), or raise."""
    document = load_path(path)
    try:
        problems = check_document(document)
    except RecursionError:  # the loader's depth limit keeps this away: a last safety net
        problems = [document.problem("", "the workflow nests too deeply to be checked")]
    values: dict[str, Any] = {}
    if given is not None and isinstance(document.data, dict):
        values, input_problems = resolve_inputs(document, given)
        problems.extend(input_problems)
    if problems:
        raise WorkflowInvalid(problems)
    return Workflow(document, values, mistyped_expressions(document))


def check_document(document: Document) -> list[Problem]:
    """Every problem of a loaded document, in file order."""
    data = document.data
    if not isinstance(data, dict):
        return [document.problem("", "a workflow is a mapping with version, name and steps")]
    problems = list(_schema_problems(document))
    problems.extend(_input_default_problems(document))
    steps = data.get("steps")
    if isinstance(steps, list):
        checker = _References(document, _declared_inputs(data))
        checker.check_steps(steps, "/steps", outer=frozenset(), scope_vars=frozenset())
        problems.extend(checker.problems)
        outputs = data.get("outputs")
        if isinstance(outputs, dict):
            known = frozenset(checker.all_top_level)
            problems.extend(checker.check_value(outputs, "/outputs", known, frozenset()))
    unique = {(p.line, p.column, p.pointer, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column, p.pointer))


def _declared_inputs(data: dict[str, Any]) -> dict[str, Any]:
    inputs = data.get("inputs")
    return inputs if isinstance(inputs, dict) else {}


# --- schema ---------------------------------------------------------------------------------


def _schema_problems(document: Document) -> Iterator[Problem]:
    if is_valid(document.data):  # compiled from schema.json: no jsonschema for a valid file
        return
    from jsonschema import Draft202012Validator  # explains every problem, with its location

    schema = load_schema()
    validator = Draft202012Validator(schema)
    for error in validator.iter_errors(document.data):
        pointer = join_pointer("", *error.absolute_path)
        yield from _describe(document, pointer, error, schema)


def _describe(
    document: Document, pointer: str, error: Any, schema: dict[str, Any]
) -> Iterator[Problem]:
    kind = error.validator
    instance = error.instance
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        allowed = _allowed_fields(error.schema, schema)
        for key in instance:
            if key not in allowed and not _matches_pattern(error.schema, key):
                yield document.problem(
                    join_pointer(pointer, key),
                    f"unknown field {_short_key(key)}; allowed fields: {', '.join(sorted(allowed))}",
                    key=True,
                )
        return
    if kind == "required":
        missing = [name for name in error.validator_value if name not in instance]
        for name in missing:
            yield document.problem(pointer, f"missing required field {name!r}")
        return
    if kind == "oneOf" and _is_step_kind_choice(error.validator_value):
        present = [k for k in step_kinds() if isinstance(instance, dict) and k in instance]
        if present:
            message = (
                f"a step has exactly one kind, this one has {' and '.join(present)}; "
                "split it into separate steps"
            )
        else:
            message = f"the step has no kind; add one of: {', '.join(step_kinds())}"
        yield document.problem(pointer, message)
        return
    if kind == "anyOf" and all(set(s) == {"required"} for s in error.validator_value):
        names = [s["required"][0] for s in error.validator_value]
        yield document.problem(pointer, f"needs at least one of the fields {', '.join(names)}")
        return
    if kind == "anyOf":
        wanted = " or ".join(_kind_name(s, schema) for s in error.validator_value)
        yield document.problem(pointer, f"{_show(instance)} is not valid: expected {wanted}")
        return
    if kind == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        yield document.problem(pointer, f"{_show(instance)} is not one of: {choices}")
        return
    if kind == "const":
        yield document.problem(pointer, f"must be {_show(error.validator_value)}")
        return
    if kind == "minItems" and isinstance(instance, list):
        count = int(error.validator_value)
        yield document.problem(pointer, f"needs at least {count} item{'s' if count != 1 else ''}")
        return
    if kind == "type":
        wanted = error.validator_value
        wanted_text = " or ".join(wanted) if isinstance(wanted, list) else wanted
        yield document.problem(
            pointer, f"{_show(instance)} is {_a(_type_name(instance))}, expected {wanted_text}"
        )
        return
    if (kind == "pattern" and pointer.endswith("/id")) or kind == "pattern":
        yield document.problem(pointer, f"{_show(instance)} is not valid: {_pattern_hint(error)}")
        return
    yield document.problem(pointer, str(error.message))


def _pattern_hint(error: Any) -> str:
    description = error.schema.get("description")
    return str(description) if description else f"it must match {error.validator_value}"


def _resolve(subschema: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = subschema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = schema["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return subschema


def _allowed_fields(subschema: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    allowed = set(subschema.get("properties", {}))
    if "$ref" in subschema:
        allowed |= _allowed_fields(_resolve(subschema, schema), schema)
    return allowed


def _matches_pattern(subschema: dict[str, Any], key: str) -> bool:
    import re

    return any(re.search(p, key) for p in subschema.get("patternProperties", {}))


def _is_step_kind_choice(choices: Any) -> bool:
    return isinstance(choices, list) and all(
        isinstance(c, dict) and set(c) == {"required"} for c in choices
    )


def _kind_name(subschema: dict[str, Any], schema: dict[str, Any]) -> str:
    if subschema.get("$ref") == "#/$defs/expression":
        return "an expression ${{ ... }}"
    resolved = _resolve(subschema, schema)
    if resolved is not subschema:
        return _kind_name(resolved, schema)
    if "pattern" in resolved:
        return (
            "a duration such as '30s' or '10m'"
            if "ms|s|m|h" in resolved["pattern"]
            else ("a matching string")
        )
    kind = resolved.get("type")
    if kind == "integer" and "minimum" in resolved:
        return f"an integer >= {resolved['minimum']}"
    if kind == "number" and "minimum" in resolved:
        return f"a number >= {resolved['minimum']}"
    return {"object": "an object", "array": "a list", "string": "a string"}.get(
        str(kind), f"a {kind}"
    )


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


def _a(noun: str) -> str:
    """``noun`` with its indefinite article ("an integer", "a string"); "null" stays bare."""
    if noun == "null":
        return noun
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _short_key(key: str) -> str:
    """``repr`` of a key for a message, cut to about 60 characters."""
    return repr(key) if len(key) <= 60 else repr(key[:57]) + "..."


def _show(value: Any) -> str:
    import json

    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


# --- references -----------------------------------------------------------------------------


class _References:
    """Walks the steps in order, checking ids and every expression against what is in scope."""

    def __init__(self, document: Document, inputs: dict[str, Any]) -> None:
        self.document = document
        self.inputs = inputs
        self.problems: list[Problem] = []
        self.seen_ids: dict[str, str] = {}
        self.all_ids: set[str] = set()
        self.nested_in: dict[str, str] = {}
        self.chain: list[str] = []
        self.kinds: dict[str, str] = {}
        self.all_top_level: list[str] = []
        self._collect_ids(document.data.get("steps"))

    def _collect_ids(self, steps: Any, parent: str | None = None) -> None:
        if not isinstance(steps, list):
            return
        for step in steps:
            if isinstance(step, dict) and isinstance(step.get("id"), str):
                self.all_ids.add(step["id"])
                if parent is not None:
                    self.nested_in.setdefault(step["id"], parent)
                body = step.get("for_each")
                if isinstance(body, dict):
                    self._collect_ids(body.get("steps"), step["id"])

    def check_steps(
        self, steps: list[Any], pointer: str, *, outer: frozenset[str], scope_vars: frozenset[str]
    ) -> None:
        earlier: list[str] = []
        for index, step in enumerate(steps):
            step_pointer = join_pointer(pointer, index)
            if not isinstance(step, dict):
                continue
            step_id = step.get("id")
            visible = outer | frozenset(earlier)
            for key, value in step.items():
                if key in ("id", "for_each"):
                    continue
                child = join_pointer(step_pointer, key)
                if key == "if" and isinstance(value, str) and "${{" not in value:
                    self.problems.extend(self._check_expression(value, child, visible, scope_vars))
                else:
                    self.problems.extend(self.check_value(value, child, visible, scope_vars))
            body = step.get("for_each")
            if isinstance(body, dict):
                self.chain.append(str(step_id))
                self._check_for_each(
                    body, join_pointer(step_pointer, "for_each"), visible, scope_vars
                )
                self.chain.pop()
            if isinstance(step_id, str):
                where = join_pointer(step_pointer, "id")
                if step_id in self.seen_ids:
                    self.problems.append(
                        self.document.problem(
                            where,
                            f"duplicate step id {step_id!r} (first used at "
                            f"{self.seen_ids[step_id]}); give each step a unique id",
                        )
                    )
                else:
                    self.seen_ids[step_id] = where
                    earlier.append(step_id)
                    kind = next((k for k in step_kinds() if k in step), "")
                    self.kinds[step_id] = kind
                    if pointer == "/steps":
                        self.all_top_level.append(step_id)

    def _check_for_each(
        self,
        body: dict[str, Any],
        pointer: str,
        visible: frozenset[str],
        scope_vars: frozenset[str],
    ) -> None:
        for key in ("items", "concurrency"):
            if key in body:
                self.problems.extend(
                    self.check_value(body[key], join_pointer(pointer, key), visible, scope_vars)
                )
        name = body.get("as", "item")
        inner_vars = scope_vars | {str(name), "index"}
        steps = body.get("steps")
        if isinstance(steps, list):
            self.check_steps(
                steps, join_pointer(pointer, "steps"), outer=visible, scope_vars=inner_vars
            )

    def check_value(
        self, value: Any, pointer: str, visible: frozenset[str], scope_vars: frozenset[str]
    ) -> list[Problem]:
        problems: list[Problem] = []
        if isinstance(value, dict):
            for key, item in value.items():
                child = join_pointer(pointer, key)
                if key == "connection" and isinstance(item, str) and "${{" not in item:
                    problems.extend(self._check_connection_ref(item, child, visible))
                else:
                    problems.extend(self.check_value(item, child, visible, scope_vars))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                problems.extend(
                    self.check_value(item, join_pointer(pointer, index), visible, scope_vars)
                )
        elif isinstance(value, str) and "${{" in value:
            try:
                texts = list(expressions_in(value))
            except ExpressionError as exc:
                return [self.document.problem(pointer, str(exc))]
            for text in texts:
                problems.extend(self._check_expression(text, pointer, visible, scope_vars))
        return problems

    def _check_connection_ref(
        self, name: str, pointer: str, visible: frozenset[str]
    ) -> list[Problem]:
        if name in visible and self.kinds.get(name) == "connection":
            return []
        if name in visible:
            return [
                self.document.problem(
                    pointer,
                    f"step {name!r} is {_a(str(self.kinds.get(name)))} step, not a connection step; "
                    "name a connection step or use an expression",
                )
            ]
        return [self.document.problem(pointer, self._unknown_step(name, "connection"))]

    def _unknown_step(self, name: str, what: str) -> str:
        if name in self.nested_in and self.nested_in[name] not in self.chain:
            parent = self.nested_in[name]
            return (
                f"step {name!r} runs inside for_each {parent!r}; read its outputs from "
                f"steps.{parent}.outputs.results[<n>].outputs.{name}"
            )
        if name in self.all_ids:
            return (
                f"step {name!r} does not run before this point; a step can only use the "
                f"{what} of earlier steps"
            )
        known = ", ".join(sorted(self.seen_ids)) or "none yet"
        return f"unknown step {name!r} (earlier steps: {known})"

    def _check_expression(
        self, text: str, pointer: str, visible: frozenset[str], scope_vars: frozenset[str]
    ) -> list[Problem]:
        try:
            expr = parse(text)
        except ExpressionError as exc:
            return [self.document.problem(pointer, str(exc))]
        problems = []
        for ref in references(expr):
            message = self._check_ref(ref.root, ref.path, visible, scope_vars, str(ref))
            if message:
                problems.append(self.document.problem(pointer, message))
        return problems

    def _check_ref(
        self,
        root: str,
        path: tuple[str | int, ...],
        visible: frozenset[str],
        scope_vars: frozenset[str],
        text: str,
    ) -> str | None:
        if root == "env" and root not in scope_vars:
            if not path:  # the whole environment would show every variable, secrets included
                return f"{text}: name one environment variable, as in env.NAME"
            if is_secret_key_variable(str(path[0])):
                return (
                    f"{text}: a workflow cannot read the Nango {_NANGO_KEYS[str(path[0]).upper()]} "
                    f"({path[0]}): nango-run authenticates to Nango itself, and a shared workflow "
                    "file could send the key to a provider; remove the reference"
                )
            return None
        if root in scope_vars:
            return None
        if root == "inputs":
            if not path:
                return None
            if str(path[0]) not in self.inputs:
                known = ", ".join(sorted(self.inputs)) or "none"
                return f"unknown input {path[0]!r} in {text} (declared inputs: {known})"
            return None
        if root == "steps":
            if not path:
                return None
            name = str(path[0])
            if name not in visible:
                return f"in {text}: {self._unknown_step(name, 'outputs')}"
            if len(path) > 1 and path[1] not in _STEP_FIELDS:
                return f"in {text}: a step has {', '.join(_STEP_FIELDS)}, not {path[1]!r}"
            return None
        roots = ", ".join(sorted(set(_BUILTIN_ROOTS) | scope_vars))
        return f"unknown reference {text}: {root!r} is not one of {roots}"


# --- inputs ---------------------------------------------------------------------------------

_TYPE_CHECKS: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
}


def _has_type(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _TYPE_CHECKS.get(kind, object))


def _input_default_problems(document: Document) -> Iterator[Problem]:
    for name, spec in _declared_inputs(document.data).items():
        if isinstance(spec, dict) and "default" in spec:
            kind = spec.get("type", "string")
            if kind in _TYPE_CHECKS and not _has_type(spec["default"], kind):
                yield document.problem(
                    join_pointer("/inputs", name, "default"),
                    f"the default of input {name!r} is {_a(_type_name(spec['default']))}, "
                    f"but the input's type is {kind}",
                )


def coerce_input(value: Any, kind: str) -> Any:
    """Convert a command-line string to the input's type; raise ValueError with a reason."""
    converted = _coerce(value, kind)
    if not _finite(converted):  # JSON has no Infinity or NaN: outputs would not parse
        raise ValueError(f"expected a finite number, got {_show(value)}")
    return converted


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(item) for item in value.values())
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    return True


def _coerce(value: Any, kind: str) -> Any:
    if not isinstance(value, str) or kind == "string":
        if not _has_type(value, kind):
            raise ValueError(f"expected {kind}, got {_type_name(value)} {_show(value)}")
        return value
    text = value.strip()
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"expected an integer, got {_show(value)}") from None
    if kind == "number":
        try:
            return float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise ValueError(f"expected a number, got {_show(value)}") from None
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        raise ValueError(f"expected true or false, got {_show(value)}")
    import json

    try:
        parsed = json.loads(text)
    except ValueError:
        raise ValueError(f"expected {kind} as JSON text, got {_show(value)}") from None
    if not _has_type(parsed, kind):
        raise ValueError(f"expected {kind} as JSON text, got {_show(value)}")
    return parsed


def resolve_inputs(
    document: Document, given: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Problem]]:
    """The input values for a run (given, else default, else null), and the problems found."""
    declared = _declared_inputs(document.data)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in given:
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            problems.append(
                document.problem(
                    "/inputs",
                    f"input {name!r} is given but the workflow does not declare it "
                    f"(declared inputs: {known})",
                )
            )
    for name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        kind = str(spec.get("type", "string"))
        pointer = join_pointer("/inputs", name)
        if name in given:
            try:
                values[name] = coerce_input(given[name], kind)
            except ValueError as exc:
                problems.append(document.problem(pointer, f"input {name!r}: {exc}", key=True))
        elif "default" in spec:
            values[name] = spec["default"]
        elif spec.get("required"):
            problems.append(
                document.problem(
                    pointer,
                    f"missing required input {name!r}: pass --input {name}=<{kind}>",
                    key=True,
                )
            )
        else:
            values[name] = None
    return values, problems
