"""A tiny, pure expression language over plain data: ``${{ inputs.repo }}`` and friends.

Grammar (no ``eval``, no attribute access into Python objects, only dicts and lists are walked)::

    expr    := or
    or      := and ("||" and)*          returns the first truthy operand, else the last
    and     := unary ("&&" unary)*      returns the first falsy operand, else the last
    unary   := "!" unary | compare
    compare := primary (("==" | "!=") primary)?
    primary := literal | reference | "(" expr ")"
    reference := NAME ("." NAME | "[" INTEGER "]" | "[" STRING "]")*
    literal := 'text' | "text" | number | true | false | null

Limits, so that parsing and evaluating (both recursive) stay shallow: parentheses and ``!`` nest at
most ``MAX_NESTING`` deep, and one expression has at most ``MAX_OPERATORS`` operators and
``MAX_TOKENS`` tokens.

A string that is exactly one ``${{ ... }}`` evaluates to the value itself (keeping its type);
expressions embedded in a longer string are rendered as text. An unknown reference raises
ExpressionError naming it. In a dry run, values that later steps would produce are ``Unknown``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from .._frozen import Frozen
from .errors import ExpressionError

TYPE_CHECKING = False  # not typing's: `nango-run validate` starts without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "MAX_NESTING",
    "MAX_OPERATORS",
    "MAX_TOKENS",
    "Expr",
    "Ref",
    "Unknown",
    "contains_unknown",
    "evaluate",
    "expressions_in",
    "has_expression",
    "parse",
    "references",
    "render",
    "to_text",
]

MAX_NESTING = 32
"""The deepest nesting of parentheses and ``!`` in one expression."""

MAX_TOKENS = 1000
"""The most names, literals and operators in one expression."""

MAX_OPERATORS = 100
"""The most operators (``==``, ``!=``, ``&&``, ``||``, ``!``) in one expression."""

_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_WHOLE = re.compile(r"^\s*\$\{\{(.*?)\}\}\s*$", re.DOTALL)
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>-?\d+(?:\.\d+)?)
      | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
      | (?P<op>==|!=|&&|\|\||!|\.|\[|\]|\(|\))
    )""",
    re.VERBOSE,
)


class Unknown:
    """A value not known in a dry run (a step that would write was not performed)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


class Ref(Frozen):
    """A reference such as ``steps.issue.outputs.body[0]``: a root name and a path."""

    __slots__ = ("path", "root")
    root: str
    path: tuple[str | int, ...]

    def __init__(self, root: str, path: tuple[str | int, ...]) -> None:
        self._set(root=root, path=path)

    def __str__(self) -> str:
        text = self.root
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else f".{part}"
        return text


class _Lit(Frozen):
    __slots__ = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        self._set(value=value)


class _Not(Frozen):
    __slots__ = ("operand",)
    operand: Expr

    def __init__(self, operand: Expr) -> None:
        self._set(operand=operand)


class _Bin(Frozen):
    __slots__ = ("left", "op", "right")
    op: str
    left: Expr
    right: Expr

    def __init__(self, op: str, left: Expr, right: Expr) -> None:
        self._set(op=op, left=left, right=right)


Expr = Ref | _Lit | _Not | _Bin


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0
        self.nesting = 0
        self.operators = 0

    def shown(self) -> str:
        """The expression for a message, shortened."""
        return _shorten(self.text.strip())

    def operator(self) -> None:
        self.operators += 1
        if self.operators > MAX_OPERATORS:
            raise ExpressionError(
                f"more than {MAX_OPERATORS} operators in expression {self.shown()}; "
                "split it over several steps"
            )

    def nest(self) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExpressionError(
                f"parentheses or '!' nested more than {MAX_NESTING} deep in expression "
                f"{self.shown()}; simplify it"
            )

    def _tokenize(self, text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        index = 0
        stop = len(text.rstrip())  # not text[index:].strip() per token: quadratic on long text
        while index < stop:
            match = _TOKEN.match(text, index)
            if match is None or match.end() == index:
                bad = text[index:].strip()[:1]
                raise ExpressionError(
                    f"unexpected character {bad!r} in expression {_shorten(text.strip())}"
                )
            kind = match.lastgroup or ""
            tokens.append((kind, match.group(kind)))
            if len(tokens) > MAX_TOKENS:
                raise ExpressionError(
                    f"expression {_shorten(text.strip())} is too long (more than {MAX_TOKENS} "
                    "names, values and operators); split it over several steps"
                )
            index = match.end()
        return tokens

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            found = "the end" if token is None else repr(token[1])
            wanted = repr(value) if value else "a value"
            raise ExpressionError(f"expected {wanted} but found {found} in {self.shown()}")
        self.pos += 1
        return token

    def parse(self) -> Expr:
        if not self.tokens:
            raise ExpressionError("empty expression ${{ }}")
        expr = self.or_()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {self.take()[1]!r} in expression {self.shown()}")
        return expr

    def or_(self) -> Expr:
        expr = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            self.operator()
            expr = _Bin("||", expr, self.and_())
        return expr

    def and_(self) -> Expr:
        expr = self.unary()
        while self.peek() == ("op", "&&"):
            self.take()
            self.operator()
            expr = _Bin("&&", expr, self.unary())
        return expr

    def unary(self) -> Expr:
        if self.peek() == ("op", "!"):
            self.take()
            self.operator()
            self.nest()
            operand = self.unary()
            self.nesting -= 1
            return _Not(operand)
        left = self.primary()
        token = self.peek()
        if token in (("op", "=="), ("op", "!=")):
            self.take()
            self.operator()
            return _Bin(token[1], left, self.primary())
        return left

    def primary(self) -> Expr:
        kind, value = self.take()
        if kind == "num":
            return _Lit(float(value) if "." in value else int(value))
        if kind == "str":
            return _Lit(_unquote(value))
        if kind == "op" and value == "(":
            self.nest()
            expr = self.or_()
            self.take(")")
            self.nesting -= 1
            return expr
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r} in expression {self.shown()}")
        if value in ("true", "false", "null"):
            return _Lit({"true": True, "false": False, "null": None}[value])
        path: list[str | int] = []
        while self.peek() in (("op", "."), ("op", "[")):
            _, sep = self.take()
            if sep == ".":
                name_kind, name = self.take()
                if name_kind not in ("name", "num") or name.startswith("-"):
                    raise ExpressionError(f"expected a name after '.' in {self.shown()}")
                path.append(int(name) if name_kind == "num" else name)
            else:
                index_kind, index = self.take()
                self.take("]")
                if index_kind == "num" and "." not in index:
                    path.append(int(index))
                elif index_kind == "str":
                    path.append(_unquote(index))
                else:
                    raise ExpressionError(
                        f"an index must be an integer or a quoted key in {self.shown()}"
                    )
        return Ref(value, tuple(path))


def _shorten(text: str, limit: int = 80) -> str:
    """``repr`` of a text for a message, cut to about ``limit`` characters."""
    return repr(text) if len(text) <= limit else repr(text[: limit - 3]) + "..."


def _unquote(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Expr:
    """Parse the inside of one ``${{ ... }}``, or raise ExpressionError. Parsed once per text
    (the trees are immutable): a for_each body renders the same expressions for every item."""
    return _Parser(text).parse()


def has_expression(value: str) -> bool:
    """Whether a string contains ``${{``."""
    return "${{" in value


def expressions_in(value: str) -> Iterator[str]:
    """The inside of every ``${{ ... }}`` in a string; raises ExpressionError if one is unclosed."""
    end = 0
    for match in _EXPR.finditer(value):
        end = match.end()
        yield match.group(1)
    if "${{" in value[end:]:
        raise ExpressionError(f"unclosed expression in {_shorten(value)}: add the closing '}}}}'")


def references(expr: Expr) -> Iterator[Ref]:
    """Every reference in a parsed expression."""
    if isinstance(expr, Ref):
        yield expr
    elif isinstance(expr, _Not):
        yield from references(expr.operand)
    elif isinstance(expr, _Bin):
        yield from references(expr.left)
        yield from references(expr.right)


def evaluate(expr: Expr, scope: Mapping[str, Any]) -> Any:
    """Evaluate a parsed expression against the scope (``inputs``, ``steps``, ``env``, ...)."""
    if isinstance(expr, _Lit):
        return expr.value
    if isinstance(expr, Ref):
        return _lookup(expr, scope)
    if isinstance(expr, _Not):
        operand = evaluate(expr.operand, scope)
        return operand if isinstance(operand, Unknown) else not operand
    left = evaluate(expr.left, scope)
    if expr.op in ("||", "&&"):
        if isinstance(left, Unknown):
            return left
        if bool(left) == (expr.op == "||"):
            return left
        return evaluate(expr.right, scope)
    right = evaluate(expr.right, scope)
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        return left if isinstance(left, Unknown) else right
    return (left == right) == (expr.op == "==")


def _lookup(ref: Ref, scope: Mapping[str, Any]) -> Any:
    if ref.root not in scope:
        known = ", ".join(sorted(scope))
        raise ExpressionError(f"unknown reference {ref}: {ref.root!r} is not one of {known}")
    value = scope[ref.root]
    walked = ref.root
    for part in ref.path:
        if isinstance(value, Unknown):
            return Unknown(str(ref))
        label = f"[{part}]" if isinstance(part, int) and isinstance(value, list) else f".{part}"
        if isinstance(value, Mapping) and str(part) in value:
            value = value[str(part)]
        elif isinstance(value, list) and isinstance(part, int) and -len(value) <= part < len(value):
            value = value[part]
        else:
            raise ExpressionError(_missing(ref, walked, value, part))
        walked += label
    return value


def _missing(ref: Ref, walked: str, value: Any, part: str | int) -> str:
    if walked == "env":
        return f"unknown reference {ref}: the environment variable {part} is not set; set it"
    if isinstance(value, Mapping):
        keys = ", ".join(sorted(str(k) for k in value)[:20]) or "nothing"
        return f"unknown reference {ref}: {walked} has no {part!r} (it has {keys})"
    if isinstance(value, list):
        return f"unknown reference {ref}: {walked} has {len(value)} items, no index {part!r}"
    kind = "null" if value is None else type(value).__name__
    return f"unknown reference {ref}: {walked} is {kind}, it has no {part!r}"


def to_text(value: Any) -> str:
    """How a value is written inside a longer string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        return repr(value)
    if not isinstance(value, dict | list):
        return str(value)
    import json

    return json.dumps(value, separators=(",", ":"))


def render(value: Any, scope: Mapping[str, Any]) -> Any:
    """Evaluate every expression inside a value (strings, and lists/dicts recursively)."""
    if isinstance(value, str):
        return _render_string(value, scope)
    if isinstance(value, list):
        return [render(item, scope) for item in value]
    if isinstance(value, dict):
        return {key: render(item, scope) for key, item in value.items()}
    return value


def _render_string(text: str, scope: Mapping[str, Any]) -> Any:
    if "${{" not in text:
        return text
    whole = _WHOLE.match(text)
    if whole and "${{" not in whole.group(1):
        return evaluate(parse(whole.group(1)), scope)
    parts: list[str] = []
    unknown: Unknown | None = None
    end = 0
    for match in _EXPR.finditer(text):
        parts.append(text[end : match.start()])
        result = evaluate(parse(match.group(1)), scope)
        if isinstance(result, Unknown):
            unknown = result
        parts.append(to_text(result))
        end = match.end()
    if "${{" in text[end:]:
        raise ExpressionError(f"unclosed expression in {_shorten(text)}: add the closing '}}}}'")
    parts.append(text[end:])
    return Unknown(unknown.name) if unknown is not None else "".join(parts)


def contains_unknown(value: Any) -> bool:
    """Whether a rendered value still holds a dry-run Unknown."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False
