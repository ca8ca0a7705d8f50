"""No ``Unset`` reaches a user: a field the server left out reads as None.

The generated models mark a field Nango may omit with the ``UNSET`` sentinel (``SyncStatus.
finished_at`` of a sync that never ran). :func:`fill_unset` runs on every result the SDK parses
(:mod:`._operations`) and turns those fields into None, in nested models too. So that
``to_dict()`` still gives Nango's JSON back, the models' ``to_dict`` is wrapped once (as
``_redact.mask_model_reprs`` wraps their repr): a None in a field the spec does not allow to be
null was a left-out field, and stays out of the dict. A nullable field the server left out comes
back as ``null``.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import nango_client.models as models
from nango_client.types import UNSET, Unset

__all__ = ["fill_unset"]

_MODELS: frozenset[type] = frozenset(
    cls
    for cls in (getattr(models, name) for name in models.__all__)
    if isinstance(cls, type) and attrs.has(cls)
)
_NAMES = frozenset(cls.__name__ for cls in _MODELS)
# Per model class: the fields that may hold Unset, and those that may hold models (a quarter of
# the fields of a typical model; the others are never looked at).
_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def fill_unset(value: Any) -> Any:
    """``value`` (a generated model, or a list of them) with every Unset field set to None."""
    if isinstance(value, list):
        _fill_items(value)
    elif type(value) in _MODELS:
        _fill(value)
    return value


def _plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    unsettable, nested = [], []
    for field in attrs.fields(cls):
        words = set(re.findall(r"[A-Za-z_]\w*", str(field.type)))
        if "Unset" in words:
            unsettable.append(field.name)
        if words & _NAMES:
            nested.append(field.name)
    plan = _PLANS[cls] = (tuple(unsettable), tuple(nested))
    return plan


def _fill(model: Any) -> None:
    cls = type(model)
    unsettable, nested = _PLANS.get(cls) or _plan(cls)
    for name in unsettable:
        if isinstance(getattr(model, name), Unset):
            setattr(model, name, None)
    for name in nested:
        value = getattr(model, name)
        if type(value) in _MODELS:
            _fill(value)
        elif isinstance(value, list):  # a list of models
            _fill_items(value)
        elif isinstance(value, dict):  # additional properties typed as models
            _fill_items(value.values())


def _fill_items(items: Iterable[Any]) -> None:
    for item in items:
        if type(item) in _MODELS:
            _fill(item)


def _left_out_when_none(cls: type) -> tuple[str, ...]:
    """The optional fields of ``cls`` whose type does not include None (nor Any)."""
    names = []
    for field in attrs.fields(cls):
        words = str(field.type).replace("|", " ").split()
        if "Unset" in words and "None" not in words and "Any" not in words:
            names.append(field.name)
    return tuple(names)


def _wire_to_dict(original: Callable[[Any], dict[str, Any]], names: tuple[str, ...]) -> Any:
    @functools.wraps(original)
    def to_dict(self: Any) -> dict[str, Any]:
        left_out = [name for name in names if getattr(self, name) is None]
        if not left_out:
            return original(self)
        clone = copy.copy(self)
        for name in left_out:
            setattr(clone, name, UNSET)
        return original(clone)

    return to_dict


def _keep_wire_shape() -> None:
    """Wrap ``to_dict`` of every generated model whose optional fields may not be null."""
    for cls in _MODELS:
        if getattr(cls, "_nango_wire", False):
            continue
        names = _left_out_when_none(cls)
        if names:
            setattr(cls, "to_dict", _wire_to_dict(getattr(cls, "to_dict"), names))  # noqa: B009, B010
        setattr(cls, "_nango_wire", True)  # noqa: B010


_keep_wire_shape()
