"""Argument checks for every public method of Nango and AsyncNango, from their annotations.

``check_methods(cls)`` (run by ``ClientBase.__init_subclass__``) wraps each public method of a
facade so that a wrongly typed argument (``set_metadata(..., ["a"])``, ``get_connection(None,
None)``, ``list_connections(tags="team=blue")``), an unknown keyword or a missing argument raises
one-line :class:`InvalidArgumentError` naming the method and the argument before anything is
sent, instead of a bare TypeError or AttributeError from deep inside, or a request to
``/connections/None``. The expected types are the method's own annotations (``**kw:
Unpack[SomeKwargs]`` included), so there is one source: the signature users read. Values are
never echoed (they may be credentials), only their type.

``json_problem`` locates what cannot be encoded in a JSON body (a set, a datetime, NaN).
"""

from __future__ import annotations

import functools
import inspect
import math
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, Union, get_args, get_origin

from ._errors import InvalidArgumentError

__all__ = ["check_methods", "json_problem"]

_ANY: Any = Any
_TEXT = (str, bytes, bytearray)


def check_methods(cls: type) -> None:
    """Wrap every public method defined on ``cls``, and its constructor, with the check of
    their arguments."""
    for name, member in list(vars(cls).items()):
        if (name == "__init__" or not name.startswith("_")) and inspect.isfunction(member):
            setattr(cls, name, _checked(member))


def _checked(function: Callable[..., Any]) -> Callable[..., Any]:
    check = _Signature(function).check
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def checked_coroutine(*args: Any, **kwargs: Any) -> Any:
            check(args, kwargs)
            return await function(*args, **kwargs)

        return checked_coroutine

    @functools.wraps(function)  # also generators: the check runs at the call, not the first next()
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return function(*args, **kwargs)

    return checked


class _Signature:
    """The parameters of one method (``self`` left out) and the type each one takes."""

    def __init__(self, function: Callable[..., Any]) -> None:
        name = function.__name__
        self.name = function.__qualname__.split(".")[0] if name == "__init__" else name
        hints = typing.get_type_hints(function)
        parameters = list(inspect.signature(function).parameters.values())[1:]
        kinds = inspect.Parameter
        self.positional = [
            p.name
            for p in parameters
            if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)
        ]
        self.types: dict[str, Any] = {}
        self.required: set[str] = set()
        for parameter in parameters:
            if parameter.kind is kinds.VAR_KEYWORD:
                typed = get_args(hints.get(parameter.name, _ANY))  # Unpack[SomeKwargs]
                if typed and isinstance(typed[0], type):
                    self.types.update(typing.get_type_hints(typed[0]))
                    self.required |= _required_keys(typed[0])
                continue
            self.types[parameter.name] = hints.get(parameter.name, _ANY)
            if parameter.default is inspect.Parameter.empty:
                self.required.add(parameter.name)
        self.fits: dict[str, Callable[[Any], bool]] = {
            name: _compile(expected) for name, expected in self.types.items()
        }

    def check(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Raise InvalidArgumentError for the first argument that does not fit the signature."""
        values = args[1:]
        if len(values) > len(self.positional):
            self._fail(
                f"takes {len(self.positional)} positional argument(s) "
                f"({', '.join(self.positional) or 'none'}), got {len(values)}; pass the others "
                "by keyword"
            )
        given = dict(zip(self.positional, values, strict=False))
        for name, value in kwargs.items():
            if name not in self.types:
                self._fail(f"unexpected keyword argument {name!r}")
            if name in given:
                self._fail(f"{name} given twice (by position and by keyword)")
            given[name] = value
        if not self.required <= given.keys():
            self._fail(f"missing argument {min(self.required - given.keys())!r}")
        for name, value in given.items():
            if not self.fits[name](value):
                self._fail(_mismatch(value, self.types[name], name) or f"{name} is invalid")

    def _fail(self, problem: str) -> typing.NoReturn:
        raise InvalidArgumentError(f"{self.name}(): {problem}")


def _required_keys(typed_dict: type) -> set[str]:
    """The keys marked ``Required[...]`` (``__required_keys__`` misses them when annotations
    are postponed strings) and, in a total TypedDict, those not marked ``NotRequired[...]``."""
    total = getattr(typed_dict, "__total__", True)
    required = set()
    for key, hint in typing.get_type_hints(typed_dict, include_extras=True).items():
        origin = get_origin(hint)
        if origin is typing.Required or (total and origin is not typing.NotRequired):
            required.add(key)
    return required


def _anything(value: Any) -> bool:
    return True


def _compile(expected: Any) -> Callable[[Any], bool]:
    """A fast ``_fits(value, expected)`` for the common annotations (a call pays it each time);
    the slow path below only explains a failure."""
    if expected is Any:
        return _anything
    options = _union(expected)
    if len(options) > 1:
        nullable = type(None) in options
        checks = [_compile(option) for option in options if option is not type(None)]
        if len(checks) == 1:
            (single,) = checks
            return (lambda v: v is None or single(v)) if nullable else single
        if len(checks) == 2:  # timeout: float | httpx.Timeout | None
            first, second = checks
            if nullable:
                return lambda v: v is None or first(v) or second(v)
            return lambda v: first(v) or second(v)
        return lambda v: (nullable and v is None) or any(check(v) for check in checks)
    if expected is str:
        return lambda v: isinstance(v, str)
    if expected is float:  # as _outer_fits: an int is a number, a bool is not
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    if expected is int:
        return lambda v: isinstance(v, int) and not isinstance(v, bool)
    if isinstance(expected, type) and expected is not type(None):  # bool, bytes, httpx.Timeout
        return lambda v: isinstance(v, expected)
    origin, params = get_origin(expected), get_args(expected)
    if origin in (Mapping, dict) and params and params[0] is str:
        values = _compile(params[1])
        if values is _anything:
            return lambda v: isinstance(v, Mapping) and all(isinstance(k, str) for k in v)
        return lambda v: (
            isinstance(v, Mapping)
            and all(isinstance(k, str) and values(item) for k, item in v.items())
        )
    return lambda v: _fits(v, expected)


def _mismatch(value: Any, expected: Any, where: str) -> str | None:
    """None when ``value`` fits ``expected``, else what is wrong, naming ``where``."""
    if _fits(value, expected):
        return None
    options = _union(expected)
    shallow = [option for option in options if _outer_fits(value, option)]
    if len(shallow) == 1:  # the right kind of container with a wrong item: name the item
        inner = _inner_mismatch(value, shallow[0], where)
        if inner is not None:
            return inner
    wrap = isinstance(value, str) and any(
        get_origin(option) in (Sequence, list) for option in options
    )
    then = "; wrap a single one in a list" if wrap else ""
    return f"{where} must be {_describe(expected)}, got {_type_name(value)}{then}"


def _union(expected: Any) -> tuple[Any, ...]:
    if get_origin(expected) in (Union, types.UnionType):
        return get_args(expected)
    return (expected,)


def _fits(value: Any, expected: Any) -> bool:
    if expected is Any:
        return True
    origin = get_origin(expected)
    if origin in (Union, types.UnionType):
        return any(_fits(value, option) for option in get_args(expected))
    if not _outer_fits(value, expected):
        return False
    return _inner_mismatch(value, expected, "") is None


def _outer_fits(value: Any, expected: Any) -> bool:
    """Whether ``value`` is of the right kind, its items not looked at."""
    if expected is Any:
        return True
    if expected is None or expected is type(None):
        return value is None
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    origin = get_origin(expected)
    if origin is Literal:
        return value in get_args(expected)
    if origin in (Union, types.UnionType):
        return any(_outer_fits(value, option) for option in get_args(expected))
    if origin in (Mapping, dict):
        return isinstance(value, Mapping)
    if origin in (Sequence, list):
        return (
            isinstance(value, Collection)
            and not isinstance(value, _TEXT)
            and not isinstance(value, Mapping)
        )
    if origin is tuple:
        return isinstance(value, tuple)
    if origin is Iterable:
        return isinstance(value, Iterable) and not isinstance(value, _TEXT)
    if isinstance(expected, type):
        return isinstance(value, expected)
    return True  # a form this check does not know: let the method decide


def _inner_mismatch(value: Any, expected: Any, where: str) -> str | None:
    """What is wrong with the items of a container that is of the right kind."""
    origin, params = get_origin(expected), get_args(expected)
    if origin in (Mapping, dict) and len(params) == 2:
        key_type, value_type = params
        for key, item in value.items():
            if not _fits(key, key_type):
                return f"{where} keys must be {_describe(key_type)}, got {_type_name(key)}"
            problem = _mismatch(item, value_type, f"{where}[{key!r}]")
            if problem is not None:
                return problem
    elif origin in (Sequence, list) and params:
        for index, item in enumerate(value):
            problem = _mismatch(item, params[0], f"{where}[{index}]")
            if problem is not None:
                return problem
    elif origin is tuple and params and params[-1] is not Ellipsis:
        if len(value) != len(params):
            return f"{where} must be a tuple of {len(params)} items, got {len(value)}"
        for index, (item, item_type) in enumerate(zip(value, params, strict=True)):
            problem = _mismatch(item, item_type, f"{where}[{index}]")
            if problem is not None:
                return problem
    return None


_NAMES: dict[Any, str] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "True or False",
    bytes: "bytes",
    datetime: "a datetime",
    type(None): "None",
    None: "None",
}


def _describe(expected: Any) -> str:
    if expected in _NAMES:
        return _NAMES[expected]
    origin, params = get_origin(expected), get_args(expected)
    if origin in (Union, types.UnionType):
        names = list(dict.fromkeys(_describe(option) for option in params))
        return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    if origin is Literal:
        return " or ".join(repr(option) for option in params)
    if origin in (Mapping, dict):
        return "a mapping (dict)"
    if origin in (Sequence, list):
        return "a list"
    if origin is tuple:
        return "a tuple"
    if origin is Iterable:
        return "an iterable"
    if isinstance(expected, type):
        name = f"{expected.__module__.split('.')[0]}.{expected.__name__}"
        return f"{'an' if name[0] in 'aeiouh' else 'a'} {name}"
    return str(expected)


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def json_problem(value: Any, where: str = "json body") -> str | None:
    """What in ``value`` cannot be encoded as JSON, e.g. ``set at json body['input']['tags']``,
    or None when all of it can."""
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value!r} (not a finite number) at {where}"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str | int | float | bool) and key is not None:
                return f"a {type(key).__name__} key at {where}"
            problem = json_problem(item, f"{where}[{key!r}]")
            if problem is not None:
                return problem
        return None
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            problem = json_problem(item, f"{where}[{index}]")
            if problem is not None:
                return problem
        return None
    hint = " (pass .isoformat())" if isinstance(value, date) else ""
    return f"{type(value).__name__}{hint} at {where}"
