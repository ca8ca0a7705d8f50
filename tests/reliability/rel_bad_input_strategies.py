"""Hypothesis strategies for the bad-input tests: workflow files mutated from the examples in
workflows/*.yaml (or random), and nango-run command lines with one mistake each.

A case says whether it is invalid by construction (``certain``); the few mutations that may leave a
file valid (a truncation at a line end, a type swap inside free-form JSON) are ``certain=False``,
and the test then checks them with the validator itself and discards those that stayed valid.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {
    path.name: (path.read_text(encoding="utf-8"), yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((REPO / "workflows").glob("*.yaml"))
}
_KEY_LINE = re.compile(r"^\s*(- )?[A-Za-z_]+: \S")
ROOT_REQUIRED = ("version", "name", "steps")
ROOT_FIELDS = ("$schema", "version", "name", "description", "inputs", "steps", "outputs")
STEP_CONTROLS = ("id", "name", "if", "retries", "retry_delay", "timeout", "continue_on_error")
STEP_KINDS = (
    "ensure_integration",
    "connection",
    "check_scopes",
    "proxy",
    "action",
    "call",
    "records",
    "sync",
    "metadata",
    "discover",
    "for_each",
)


@dataclass(frozen=True)
class Case:
    """One workflow file to try: its bytes, how it was made and whether it is surely invalid."""

    content: bytes
    category: str
    certain: bool


DEEP = "__deep_placeholder__"


def _dump(data: Any, unicode: bool = True) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=unicode, width=120)
    return text.encode("utf-8")


def _deep_text(depth: int, shape: str, json_style: bool) -> str:
    """Flow-style nesting written as text (dumpers recurse, so they cannot write it)."""
    if shape == "list":
        return "[" * depth + "1" + "]" * depth
    opener = '{"a": ' if json_style else "{a: "
    return opener * depth + "1" + "}" * depth


# --- values ---------------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30
)
_odd_chars = st.sampled_from(
    ["é", "中文", "🙂", "\u200b", "\u202e", "\ufeff", "a\u0301", "Ω", "\U0001f600x", "\U0001d518"]
)
_wrong_values: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    _text,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["a", "b", "é"]), st.integers(), max_size=2),
)
_huge_values: st.SearchStrategy[Any] = st.one_of(
    st.integers(min_value=5_000, max_value=100_000).map(lambda n: "x " * n),
    st.just(10**200),
    st.just(-(10**200)),
    st.just(float("inf")),
    st.integers(min_value=1000, max_value=5_000).map(lambda n: list(range(n))),
    st.integers(min_value=500, max_value=2000).map(lambda n: {f"k{i}": i for i in range(n)}),
)


def _deep(depth: int, leaf: Any = 1, kind: str = "list") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


_broken_expressions = st.one_of(
    st.sampled_from(
        [
            "${{ inputs.repo",
            "${{",
            "x ${{ inputs.repo }} ${{ steps",
            "${{ }}",
            "${{ inputs. }}",
            "${{ inputs.repo inputs.repo }}",
            "${{ 'unclosed }}",
            "${{ inputs[1.5] }}",
            "${{ == }}",
            "${{ && inputs.repo }}",
            "${{ (inputs.repo }}",
            "${{ inputs.repo) }}",
            "${{ inputs.repo $ 1 }}",
            "${{ inputs.nope_not_declared }}",
            "${{ steps.no_such_step.outputs.x }}",
            "${{ steps.no_such_step }}",
            "${{ unknown_root.x }}",
            "${{ env }}",
            "${{ os.system('x') }}",
            "${{ __import__('os') }}",
            "${{ inputs.repo.__class__ }}",
            "${{ inputs['a }}",
            "${{ !  }}",
            "${{ 1 == }}",
        ]
    ),
    st.integers(min_value=33, max_value=100_000).map(
        lambda n: "${{ " + "(" * n + "1" + ")" * n + " }}"
    ),
    st.integers(min_value=33, max_value=100_000).map(lambda n: "${{ " + "!" * n + "true }}"),
    st.integers(min_value=102, max_value=20_000).map(
        lambda n: "${{ " + " || ".join(["true"] * n) + " }}"
    ),
    st.integers(min_value=1001, max_value=100_000).map(lambda n: "${{ a" + ".b" * n + " }}"),
    _text.filter(lambda t: "}}" not in t).map(lambda t: "${{ " + t),
    st.text(alphabet="$%@#^&*`~;:<>?,/\\{}+-", min_size=1, max_size=10).map(
        lambda t: "${{ inputs.repo " + t + " }}"
    ),
)


# --- mutations of the examples' data --------------------------------------------------------


def _steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in data.get("steps", []) if isinstance(s, dict)]


@st.composite
def data_mutation(draw: st.DrawFn) -> Case:
    """An example's data with one (or a few) structural mistakes, dumped as YAML."""
    _, original = EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))]
    data = json.loads(json.dumps(original))  # a deep copy, faster than copy.deepcopy
    steps = _steps(data)
    step = draw(st.sampled_from(steps))
    kind = draw(
        st.sampled_from(
            [
                "delete_required",
                "delete_step_field",
                "unknown_key",
                "wrong_type",
                "huge",
                "deep",
                "bad_expression",
                "unknown_step",
                "duplicate_id",
                "unicode",
                "wrong_type_anywhere",
            ]
        )
    )
    certain = True
    if kind == "delete_required":
        for key in draw(st.lists(st.sampled_from(ROOT_REQUIRED), min_size=1, unique=True)):
            data.pop(key, None)
    elif kind == "delete_step_field":
        victim = draw(st.sampled_from(["id", *(k for k in step if k in STEP_KINDS)]))
        del step[victim]
    elif kind == "unknown_key":
        key = draw(
            st.one_of(_text, _odd_chars, st.sampled_from(["Version", "step", "input", " name"]))
        )
        key = key if key not in ROOT_FIELDS + STEP_CONTROLS + STEP_KINDS else key + "_x"
        target = draw(st.sampled_from(["root", "step"]))
        (data if target == "root" else step)[key] = draw(_wrong_values)
    elif kind == "wrong_type":
        where = draw(st.sampled_from(["version", "name", "steps", "inputs", "id", "if", "retries"]))
        value = draw(_wrong_values)
        if where in ("version", "name", "steps", "inputs"):
            bad = {
                "version": lambda v: v != 1 or isinstance(v, bool),
                "name": lambda v: not isinstance(v, str) or v == "",
                "steps": lambda v: (
                    not isinstance(v, list) or all(not isinstance(i, dict) for i in v)
                ),
                "inputs": lambda v: not isinstance(v, dict) or bool(v),
            }[where]
            if where == "steps" and isinstance(value, list):
                value = value or [1]  # a list of non-steps, or empty: invalid either way
            if where == "inputs" and isinstance(value, dict):
                value = {**value, "not valid name!": 1}
            if where == "version" and value == 1 and not isinstance(value, bool):
                value = 2
            if where == "name" and isinstance(value, str) and value:
                value = None
            assert bad(value)
            data[where] = value
        elif where == "id":
            step["id"] = draw(
                st.one_of(
                    _wrong_values.filter(lambda v: not isinstance(v, str)),
                    st.sampled_from(["", "1abc", "has space", "a.b", "é"]),
                )
            )
        elif where == "if":
            step["if"] = draw(
                st.one_of(
                    st.integers(),
                    st.lists(st.booleans(), max_size=2),
                    st.dictionaries(st.just("a"), st.integers(), max_size=1),
                )
            )
        else:
            step["retries"] = draw(
                st.one_of(
                    st.text(alphabet="xyz", min_size=1),
                    st.integers(max_value=-1),
                    st.lists(st.integers(), max_size=2),
                )
            )
    elif kind == "huge":
        value = draw(_huge_values)
        where = draw(st.sampled_from(["version", "unknown", "id", "steps"]))
        if where == "version":
            data["version"] = value
        elif where == "unknown":
            data["x" * draw(st.integers(min_value=1, max_value=200_000))] = value
        elif where == "id":
            step["id"] = value if not isinstance(value, str) else "bad id " + value
        else:
            data["steps"] = [value] * draw(st.integers(min_value=1, max_value=3))
    elif kind == "deep":
        target = draw(st.sampled_from(["root", "step", "outputs"]))
        if target == "root":
            data = DEEP
        elif target == "step":
            step[draw(st.sampled_from(["if", "x_deep"]))] = DEEP
        else:
            data["outputs"] = {"deep": DEEP}
    elif kind == "bad_expression":
        expression = draw(_broken_expressions)
        if draw(st.booleans()):
            data["outputs"] = {**(data.get("outputs") or {}), "broken": expression}
        else:
            step["if"] = expression
    elif kind == "unknown_step":
        index = steps.index(step)
        later = [s["id"] for s in steps[index + 1 :]]
        name = draw(st.sampled_from([*later, "no_such_step", "nope-1"]))
        if draw(st.booleans()):
            step["if"] = f"${{{{ steps.{name}.outputs.x == 1 }}}}"
        else:
            data["outputs"] = {"x": f"${{{{ steps.{name}.outputs.body }}}}"}
            if name in later:
                data["outputs"]["x"] = "${{ steps.no_such_step.outputs.body }}"
    elif kind == "duplicate_id":
        if len(steps) >= 2:
            other = draw(st.sampled_from([s for s in steps if s is not step]))
            other["id"] = step["id"]
        else:
            data["steps"] = [step, copy.deepcopy(step)]
    elif kind == "unicode":
        odd = draw(_odd_chars)
        if draw(st.booleans()):
            step["id"] = str(step["id"]) + odd  # ids are ASCII letters, digits, _ and -
        else:
            data[odd] = draw(_wrong_values)  # an unknown root key
    else:  # wrong_type_anywhere: may land in free-form JSON and stay valid
        certain = False
        _replace_random_leaf(draw, data, draw(_wrong_values))
    as_json = draw(st.booleans())
    if as_json:
        content = json.dumps(data, ensure_ascii=draw(st.booleans()), default=str).encode("utf-8")
    else:
        content = _dump(data, unicode=draw(st.booleans()))
    if kind == "deep":
        depth = draw(st.integers(min_value=65, max_value=100_000))
        nested = _deep_text(depth, draw(st.sampled_from(["list", "dict"])), as_json)
        placeholder = DEEP.encode()
        assert placeholder in content
        content = content.replace(b'"' + placeholder + b'"', placeholder)
        content = content.replace(placeholder, nested.encode())
    return Case(content, f"data:{kind}", certain)


def _replace_random_leaf(draw: st.DrawFn, data: Any, value: Any) -> None:
    node = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.integers(0, 3)) > 0:
            node = child
            continue
        node[key] = value
        return


# --- mutations of the examples' text --------------------------------------------------------


@st.composite
def text_mutation(draw: st.DrawFn) -> Case:
    """An example's text broken as text: truncated, tabs, control characters, bad UTF-8,
    duplicate keys, aliases, several documents, a root that is not a mapping."""
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    text, _ = EXAMPLES[name]
    lines = text.splitlines(keepends=True)
    kind = draw(
        st.sampled_from(
            [
                "truncate",
                "tab_indent",
                "control_char",
                "bad_utf8",
                "duplicate_key",
                "undefined_alias",
                "alias_bomb",
                "alias_unknown_key",
                "two_documents",
                "non_mapping_root",
                "unclosed_flow",
                "unclosed_quote",
                "bad_tag",
                "shift_indent",
                "bom_inside",
            ]
        )
    )
    certain = True
    data = text.encode("utf-8")
    if kind == "truncate":
        certain = False
        cut = draw(st.integers(min_value=0, max_value=len(text) - 1))
        data = text[:cut].encode("utf-8")
    elif kind == "tab_indent":
        indented = [
            i
            for i, line in enumerate(lines)
            if line.startswith("  ") and ":" in line and not line.lstrip().startswith("#")
        ]
        i = draw(st.sampled_from(indented))
        lines[i] = "\t" + lines[i].lstrip(" ")
        data = "".join(lines).encode("utf-8")
    elif kind == "control_char":
        char = draw(
            st.sampled_from(
                [*map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127]), "\ufffe", "\uffff"]
            )
        )
        at = draw(st.integers(min_value=0, max_value=len(text)))
        data = (text[:at] + char + text[at:]).encode("utf-8")
    elif kind == "bad_utf8":
        junk = draw(
            st.sampled_from(
                [
                    b"\xff",
                    b"\xc3\x28",
                    b"\xed\xa0\x80",
                    b"\xf8\x88\x80\x80\x80",
                    b"\x80",
                    b"\xe2\x82",
                    b"\xfe\xff",
                ]
            )
        )
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + junk + data[at:]
    elif kind == "duplicate_key":
        top = [i for i, line in enumerate(lines) if line[:1].isalpha() and ":" in line]
        i = draw(st.sampled_from(top))
        key = lines[i].split(":", 1)[0]
        data = (text + f"{key}: {draw(st.sampled_from(['1', 'x', '[]', '{}']))}\n").encode("utf-8")
    elif kind == "undefined_alias":
        data = (text + f"x_alias: *{draw(st.sampled_from(['nope', 'a', 'x1']))}\n").encode("utf-8")
    elif kind == "alias_bomb":
        width = draw(st.integers(min_value=5, max_value=12))
        levels = draw(st.integers(min_value=5, max_value=12))
        bomb = "bomb0: &b0 [" + ", ".join(["lol"] * width) + "]\n"
        for level in range(1, levels):
            bomb += f"bomb{level}: &b{level} [" + ", ".join([f"*b{level - 1}"] * width) + "]\n"
        data = (text + bomb).encode("utf-8")
    elif kind == "alias_unknown_key":  # anchors are fine, the key they fill is not
        data = (text.replace("name:", "name: &n", 1) + "x_copy: *n\n").encode("utf-8")
    elif kind == "two_documents":
        data = (text + "---\n" + draw(st.sampled_from([text, "a: 1\n", "- x\n"]))).encode("utf-8")
    elif kind == "non_mapping_root":
        choice = draw(st.sampled_from(["list", "scalar", "empty", "null", "flow_list", "comment"]))
        data = {
            "list": "".join("- " + line if i == 0 else "  " + line for i, line in enumerate(lines)),
            "scalar": draw(st.sampled_from(["hello", "42", "true", "~", "'quoted'", "3.5"])) + "\n",
            "empty": "",
            "null": "null\n",
            "flow_list": "[1, 2, 3]\n",
            "comment": "# only a comment\n",
        }[choice].encode("utf-8")
    elif kind == "unclosed_flow":
        at = draw(st.sampled_from([i for i, line in enumerate(lines) if _KEY_LINE.match(line)]))
        lines[at] = lines[at].rstrip("\n").replace(": ", ": [", 1) + "\n"
        data = "".join(lines).encode("utf-8")
    elif kind == "unclosed_quote":  # a double-quoted scalar may span lines: not always an error
        certain = False
        at = draw(
            st.sampled_from([i for i, line in enumerate(lines) if ": " in line and "#" not in line])
        )
        lines[at] = lines[at].replace(": ", ': "', 1)
        data = "".join(lines).encode("utf-8")
    elif kind == "bad_tag":
        tag = draw(
            st.sampled_from(
                [
                    "!!python/object:os.system",
                    "!!int",
                    "!!float",
                    "!foo",
                    "!!binary",
                    "!!timestamp",
                    "!!python/name:os.system",
                ]
            )
        )
        value = draw(st.sampled_from(["x", "'2024-13-45'", "'not base64'", "'1'"]))
        data = (text + f"x_tagged: {tag} {value}\n").encode("utf-8")
    elif kind == "shift_indent":
        certain = False
        indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
        i = draw(st.sampled_from(indented))
        lines[i] = draw(st.sampled_from([" ", "   ", "     "])) + lines[i].lstrip(" ")
        data = "".join(lines).encode("utf-8")
    else:  # bom_inside: allowed by YAML inside a value, so it may stay valid
        certain = False
        at = draw(st.integers(min_value=0, max_value=len(text)))
        data = (text[:at] + "\ufeff" + text[at:]).encode("utf-8")
    return Case(data, f"text:{kind}", certain)


@st.composite
def random_file(draw: st.DrawFn) -> Case:
    """Random text or bytes: never a workflow."""
    if draw(st.booleans()):
        return Case(draw(st.binary(max_size=300)), "random:bytes", True)
    alphabet = draw(st.sampled_from(["yaml", "any"]))
    if alphabet == "yaml":
        text = draw(st.text(alphabet=" \n\t:-[]{}#&*!|>'\"%@`,?abc019", max_size=200))
    else:
        text = draw(st.text(max_size=200))
    return Case(text.encode("utf-8"), f"random:{alphabet}", True)


workflow_files = st.one_of(data_mutation(), text_mutation(), random_file())


# --- command lines --------------------------------------------------------------------------


@dataclass(frozen=True)
class Argv:
    """A command line with one mistake, and the text its error message must name."""

    args: tuple[str, ...]
    names: str
    category: str


def argv_cases(valid: str, workdir: str) -> st.SearchStrategy[Argv]:
    """Command lines around a valid workflow file, each with exactly one usage mistake."""
    missing = f"{workdir}/no-such-file.yaml"
    options = st.lists(
        st.sampled_from([("--dry-run",), ("--no-wait",), ("-q",), ("-v",), ("--output", "human")]),
        max_size=2,
    ).map(lambda groups: tuple(a for g in groups for a in g))
    unknown = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12).filter(
        lambda t: not any(o.startswith("--" + t) for o in _RUN_OPTIONS)
    )
    mistakes = st.one_of(
        unknown.map(lambda t: Argv(("--zz" + t, valid), "--zz" + t, "unknown_option")),
        st.sampled_from(["xml", "JSON", "", "yaml"]).map(
            lambda v: Argv((valid, "--output", v), "--output", "bad_output")
        ),
        st.sampled_from(["noequals", "=value", " =x", ""]).map(
            lambda v: Argv((valid, "--input", v), "--input", "bad_input")
        ),
        st.just(Argv((valid, "--input"), "--input", "input_without_value")),
        st.just(Argv((valid, "--inputs", missing), missing, "missing_inputs_file")),
        st.just(Argv((valid, "--inputs", workdir), workdir, "inputs_is_directory")),
        st.just(Argv((missing,), missing, "missing_file")),
        st.just(Argv((workdir,), workdir, "file_is_directory")),
        st.just(Argv(("validate",), "FILE", "validate_without_file")),
        st.just(Argv(("validate", missing), missing, "validate_missing_file")),
        st.just(Argv(("validate", valid, "--output", "xml"), "--output", "validate_bad_output")),
        st.just(Argv(("validate", valid, "--bogus"), "--bogus", "validate_unknown_option")),
        st.just(Argv(("schema", "extra"), "extra", "schema_extra_argument")),
        st.just(Argv((), "FILE", "no_arguments")),
        st.sampled_from(["valdate", "shema", "run", "sandbx", "validat"]).map(
            lambda c: Argv((c, valid), c, "mistyped_command")
        ),
        st.sampled_from(["ftp://x", "not a url", "http://", "://x"]).map(
            lambda u: Argv((valid, "--server-url", u), "--server-url", "bad_server_url")
        ),
        st.just(
            Argv(
                (valid, "--sandbox", "--server-url", "http://127.0.0.1:1"),
                "--sandbox",
                "sandbox_and_server_url",
            )
        ),
        st.just(Argv((valid, valid), valid, "two_files")),
        st.just(Argv((valid, "--in", "a=b"), "--in", "ambiguous_option")),
    )
    return st.tuples(options, mistakes, st.booleans()).map(
        lambda t: Argv(
            t[1].args
            + (t[0] if t[1].args[:1] not in (("validate",), ("schema",)) and t[1].args else ()),
            t[1].names,
            t[1].category,
        )
    )


_RUN_OPTIONS = (
    "--input",
    "--inputs",
    "--dry-run",
    "--no-wait",
    "--output",
    "--verbose",
    "--quiet",
    "--server-url",
    "--sandbox",
    "--version",
    "--help",
)
