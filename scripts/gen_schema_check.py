"""Write workflow/_schema_check.py: a plain-Python validity check compiled from workflow/schema.json.

`nango-run validate` checks a file with it instead of importing jsonschema (which was half of its
start-up); jsonschema still runs when the check says no, to explain every problem with its
location. The check only answers valid or invalid, the way jsonschema's Draft 2020-12 validator
would on the plain data a YAML file loads to (None, bool, int, float, str, list, dict). It knows
exactly the keywords schema.json uses: any other keyword (or a form of one it does not handle) is
refused here, so a schema change the check cannot follow fails `make generate` instead of letting
the fast path accept what jsonschema rejects.

    python scripts/gen_schema_check.py          # rewrite the module
    python scripts/gen_schema_check.py --check  # CI: fail when it is stale or was edited by hand
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "runner" / "nango_toolbox" / "workflow"
SCHEMA = WORKFLOW / "schema.json"
TARGET = WORKFLOW / "_schema_check.py"

# Keywords that never change whether a value is valid.
ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated"}
)
SUPPORTED = frozenset(
    {
        "$ref",
        "type",
        "const",
        "enum",
        "minLength",
        "pattern",
        "minimum",
        "maximum",
        "required",
        "properties",
        "additionalProperties",
        "unevaluatedProperties",
        "propertyNames",
        "items",
        "minItems",
        "anyOf",
        "oneOf",
    }
)
# Keywords whose annotations unevaluatedProperties would have to follow: refused next to it.
_EVALUATING = frozenset({"additionalProperties", "unevaluatedProperties", "anyOf", "oneOf"})
_STRING = ("minLength", "pattern")
_NUMBER = ("minimum", "maximum")
_OBJECT = (
    "required",
    "properties",
    "additionalProperties",
    "unevaluatedProperties",
    "propertyNames",
)
_ARRAY = ("minItems", "items")
# Type tests as jsonschema's Draft 2020-12 type checker defines them (an integer may be a float
# with no fractional part; a bool is neither an integer nor a number).
_CLASSES = {"object": "dict", "array": "list", "string": "str", "boolean": "bool"}
_TYPE_TESTS = {
    "null": "{x} is None",
    "integer": "_is_integer({x})",
    "number": "_is_number({x})",
}

HEADER = '''\
# Generated from schema.json by scripts/gen_schema_check.py: do not edit.
# Change schema.json and run `make generate` (CI checks the two agree).
"""Whether plain data loaded from a workflow file is valid under schema.json, without jsonschema.

``is_valid`` answers as jsonschema's Draft 2020-12 validator would for YAML's plain data; it does not
say why. `validate` runs jsonschema only when it says no, to explain every problem.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: `nango-run validate` does not import typing for this
if TYPE_CHECKING:
    from typing import Any

__all__ = ["STEP_KINDS", "is_valid"]

'''

HELPERS = """

def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, float):
        return x.is_integer()
    return isinstance(x, int) and not isinstance(x, bool)
"""


class Unsupported(Exception):
    """schema.json uses something this generator cannot compile faithfully."""


class Generator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.constants: list[str] = []
        self.functions: list[str] = []
        self.def_names: dict[str, str] = {}
        self.pending: list[str] = []
        self.inline = 0

    # --- module -------------------------------------------------------------------------------

    def module(self) -> str:
        root = {k: v for k, v in self.schema.items() if k != "$defs"}
        self.functions.append(self.function("is_valid", root, public=True))
        while self.pending:
            name = self.pending.pop(0)
            self.functions.append(self.function(self.def_names[name], self.defs[name]))
        try:
            kinds = tuple(entry["required"][0] for entry in self.defs["step"]["oneOf"])
        except (KeyError, IndexError, TypeError):
            raise Unsupported("$defs/step/oneOf does not list the step kinds") from None
        return (
            HEADER
            + f"STEP_KINDS = {kinds!r}\n"
            + '"""The step kinds, in the order the schema lists them."""\n\n'
            + "\n".join(self.constants)
            + "\n"
            + "\n\n".join(self.functions)
            + HELPERS
        )

    def function(self, name: str, schema: Any, *, public: bool = False) -> str:
        tests = self.conditions(schema, "x", None)
        doc = ['    """Whether ``x`` is valid under schema.json."""'] if public else []
        if len(tests) > 1:
            body = [
                "    return (",
                *(f"        {'and ' if i else ''}{t}" for i, t in enumerate(tests)),
                "    )",
            ]
        else:
            body = [f"    return {tests[0] if tests else 'True'}"]
        return "\n\n" + "\n".join([f"def {name}(x: Any) -> bool:", *doc, *body]) + "\n"

    def constant(self, prefix: str, value: str, annotation: str = "") -> str:
        name = f"_{prefix}{len(self.constants)}"
        self.constants.append(f"{name}{': ' + annotation if annotation else ''} = {value}")
        return name

    def ref(self, ref: Any) -> str:
        self.target(ref)
        name = ref.removeprefix("#/$defs/")
        if name not in self.def_names:
            self.def_names[name] = f"_def_{name}"
            self.pending.append(name)
        return self.def_names[name]

    # --- expressions and statements -----------------------------------------------------------

    def expr(self, schema: Any, x: str) -> str:
        """A boolean expression: is ``x`` valid under ``schema``."""
        if schema is True:
            return "True"
        if schema is False:
            return "False"
        keys = self.keywords(schema)
        if not keys:
            return "True"
        if keys == {"$ref"}:
            target = self.target(schema["$ref"])
            if isinstance(target, bool) or self.keywords(target) in ({"type"}, {"$ref"}, set()):
                return self.expr(target, x)  # a plain type, or an alias of another: no call
            return f"{self.ref(schema['$ref'])}({x})"
        if keys == {"type"}:
            return self.type_test(schema["type"], x)
        self.inline += 1
        name = f"_s{self.inline}"
        self.functions.append(self.function(name, schema))
        return f"{name}({x})"

    def target(self, ref: Any) -> Any:
        """The definition a $ref names (refused unless it is ``#/$defs/<name>``)."""
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            raise Unsupported(f"$ref {ref!r}: only #/$defs/<name> is supported")
        name = ref.removeprefix("#/$defs/")
        if name not in self.defs:
            raise Unsupported(f"$ref {ref!r} names no definition")
        return self.defs[name]

    def keywords(self, schema: Any) -> set[str]:
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be an object or a boolean, not {schema!r}")
        keys = set(schema) - ANNOTATIONS
        unknown = keys - SUPPORTED
        if unknown:
            raise Unsupported(f"keyword(s) {sorted(unknown)} are not supported by the generator")
        return keys

    def type_test(self, kind: Any, x: str) -> str:
        kinds = kind if isinstance(kind, list) else [kind]
        if not kinds or any(k not in _CLASSES and k not in _TYPE_TESTS for k in kinds):
            raise Unsupported(f"type {kind!r}")
        classes = [_CLASSES[k] for k in kinds if k in _CLASSES]
        tests = [f"isinstance({x}, {' | '.join(classes)})"] if classes else []
        tests += [_TYPE_TESTS[k].format(x=x) for k in kinds if k not in _CLASSES]
        return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"

    def conditions(self, schema: Any, x: str, known: str | None) -> list[str]:
        """Expressions that all hold when ``x`` is valid under ``schema``."""
        if schema is True:
            return []
        if schema is False:
            return ["False"]
        keys = self.keywords(schema)
        out: list[str] = []
        if "$ref" in keys:
            out.append(f"{self.ref(schema['$ref'])}({x})")
        if "type" in keys:
            out.append(self.type_test(schema["type"], x))
            kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if len(kinds) == 1:
                known = kinds[0]
        for key in ("const", "enum"):
            if key in keys:
                out.append(self.equals([schema[key]] if key == "const" else schema[key], x))
        group: list[str] = []
        if "minLength" in keys:
            group.append(f"len({x}) >= {self.integer(schema['minLength'])}")
        if "pattern" in keys:
            pattern = schema["pattern"]
            if not isinstance(pattern, str):
                raise Unsupported(f"pattern {pattern!r}")
            group.append(
                f"{self.constant('P', f're.compile({pattern!r})')}.search({x}) is not None"
            )
        out.extend(self.guarded(group, f"isinstance({x}, str)", known == "string"))
        group = []
        for key, op in (("minimum", ">="), ("maximum", "<=")):
            if key in keys:
                group.append(f"{x} {op} {self.number(schema[key])}")
        out.extend(self.guarded(group, f"_is_number({x})", known in ("number", "integer")))
        group = self.object_conditions(schema, keys, x)
        out.extend(self.guarded(group, f"isinstance({x}, dict)", known == "object"))
        group = []
        if "minItems" in keys:
            group.append(f"len({x}) >= {self.integer(schema['minItems'])}")
        if "items" in keys:
            item = self.expr(schema["items"], "v")
            if item != "True":
                group.append(f"all({item} for v in {x})")
        out.extend(self.guarded(group, f"isinstance({x}, list)", known == "array"))
        if "anyOf" in keys:
            choices = schema["anyOf"]
            if isinstance(choices, list) and all(self.only_type(c) for c in choices):
                kinds = [
                    k
                    for c in choices
                    for k in (c["type"] if isinstance(c["type"], list) else [c["type"]])
                ]
                out.append(self.type_test(kinds, x))  # one isinstance for "string or boolean"
            else:
                out.append("(" + " or ".join(self.branches(choices, x, known)) + ")")
        if "oneOf" in keys:
            out.append("sum((" + ", ".join(self.branches(schema["oneOf"], x, known)) + ",)) == 1")
        return out

    def only_type(self, schema: Any) -> bool:
        return isinstance(schema, dict) and self.keywords(schema) == {"type"}

    @staticmethod
    def guarded(tests: list[str], guard: str, known: bool) -> list[str]:
        """``tests`` that apply only to one type (a string's length, say): true for others."""
        if known or not tests:
            return tests
        return [f"(not {guard} or ({' and '.join(tests)}))"]

    def object_conditions(self, schema: dict[str, Any], keys: set[str], x: str) -> list[str]:
        out: list[str] = []
        required = schema.get("required", [])
        if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
            raise Unsupported(f"required {required!r}")
        out.extend(f"{r!r} in {x}" for r in required)
        properties = schema.get("properties", {})
        if not isinstance(properties, dict):
            raise Unsupported(f"properties {properties!r}")
        for name, subschema in properties.items():
            test = self.expr(subschema, f"{x}[{name!r}]")
            if test != "True":  # a required one is known to be there (tested above)
                out.append(test if name in required else f"({name!r} not in {x} or {test})")
        if "additionalProperties" in keys:
            extra = schema["additionalProperties"]
            names = self.name_set(properties)
            if extra is False:
                out.append(f"{names}.issuperset({x})")
            else:
                test = self.expr(extra, "v")
                if test != "True":
                    out.append(f"all(k in {names} or {test} for k, v in {x}.items())")
        if "unevaluatedProperties" in keys:
            if schema["unevaluatedProperties"] is not False:
                raise Unsupported("unevaluatedProperties other than false")
            beside = keys & (_EVALUATING - {"unevaluatedProperties"})
            if beside:
                raise Unsupported(f"unevaluatedProperties next to {sorted(beside)}")
            out.append(f"{self.name_set(self.evaluated(schema))}.issuperset({x})")
        if "propertyNames" in keys:
            test = self.expr(schema["propertyNames"], "k")
            if test != "True":
                out.append(f"all({test} for k in {x})")
        return out

    def evaluated(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The properties an unevaluatedProperties: false next to ``schema`` allows: its own and
        those of the definitions it refers to (which must not evaluate properties otherwise)."""
        names = dict(schema.get("properties", {}))
        if "$ref" in schema:
            self.ref(schema["$ref"])
            target = self.defs[schema["$ref"].removeprefix("#/$defs/")]
            inside = self.keywords(target) & _EVALUATING
            if inside:
                raise Unsupported(
                    f"unevaluatedProperties through a $ref that uses {sorted(inside)}"
                )
            names.update(self.evaluated(target))
        return names

    def branches(self, schemas: Any, x: str, known: str | None) -> list[str]:
        if not isinstance(schemas, list) or not schemas:
            raise Unsupported(f"anyOf/oneOf {schemas!r}")
        return [self.branch(s, x, known) for s in schemas]

    def branch(self, schema: Any, x: str, known: str | None) -> str:
        """One anyOf/oneOf member; ``{"required": [...]}`` on a known object is tested in place."""
        if known == "object" and isinstance(schema, dict) and self.keywords(schema) == {"required"}:
            tests = self.object_conditions(schema, {"required"}, x)
            if tests:
                return "(" + " and ".join(tests) + ")"
        return self.expr(schema, x)

    def block(self, guard: str, body: list[str]) -> list[str]:
        if not body:
            return []
        return [f"if {guard}:", *("    " + line for line in body)]

    def name_set(self, names: dict[str, Any]) -> str:
        return self.constant("K", f"frozenset({sorted(names)!r})", "frozenset[str]")

    @staticmethod
    def integer(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise Unsupported(f"{value!r} where a non-negative integer belongs")
        return value

    @staticmethod
    def number(value: Any) -> int | float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Unsupported(f"{value!r} where a number belongs")
        return value

    def equals(self, values: Any, x: str) -> str:
        """``x`` equals one of ``values`` as jsonschema compares them (True is not 1)."""
        if not isinstance(values, list) or not values:
            raise Unsupported(f"enum {values!r}")
        if all(isinstance(v, str) for v in values):
            if len(values) == 1:
                return f"{x} == {values[0]!r}"
            choices = self.constant("E", f"frozenset({values!r})", "frozenset[str]")
            return f"(isinstance({x}, str) and {x} in {choices})"
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            return f"(_is_number({x}) and {x} in {tuple(values)!r})"
        raise Unsupported(f"const/enum {values!r}: only all-string or all-number lists")


def generate() -> str:
    """The module's text, formatted like the rest of the package."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return _ruff(Generator(schema).module(), "format")


def _ruff(text: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(TARGET), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"gen_schema_check: ruff {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print("usage: python scripts/gen_schema_check.py [--check]", file=sys.stderr)
        return 2
    try:
        wanted = generate()
    except Unsupported as exc:
        print(f"gen_schema_check: schema.json: {exc}", file=sys.stderr)
        return 1
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if current == wanted:
        if check:
            print(f"{TARGET.relative_to(ROOT)} is up to date with schema.json")
        return 0
    if check:
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                wanted.splitlines(keepends=True),
                f"{TARGET.name} (on disk)",
                f"{TARGET.name} (from schema.json)",
            )
        )
        print(f"{TARGET.name} is stale or was edited by hand: run 'make generate'")
        return 1
    TARGET.write_text(wanted, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
