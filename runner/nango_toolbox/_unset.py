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
from collections.abc import Callable
from typing import Any

import attrs
import nango_client.models as models
from nango_client.types import UNSET, Unset

__all__ = ["fill_unset"]

_FIELDS: dict[type, tuple[str, ...]] = {}


def fill_unset(value: Any) -> Any:
    """``value`` (a generated model, or a list of them) with every Unset field set to None."""
    if isinstance(value, list):
        for item in value:
            _fill_item(item)
    else:
        _fill_item(value)
    return value


def _fill_item(value: Any) -> None:
    if attrs.has(type(value)):
        _fill(value)


def _fill(model: Any) -> None:
    cls = type(model)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls))
    for name in names:
        value = getattr(model, name)
        if isinstance(value, Unset):
            setattr(model, name, None)
        elif attrs.has(type(value)):
            _fill(value)
        elif isinstance(value, list):  # a list of models
            for item in value:
                _fill_item(item)
        elif isinstance(value, dict):  # additional properties typed as models
            for item in value.values():
                _fill_item(item)


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
    for name in models.__all__:
        cls = getattr(models, name)
        if not (isinstance(cls, type) and attrs.has(cls)) or getattr(cls, "_nango_wire", False):
            continue
        names = _left_out_when_none(cls)
        if names:
            setattr(cls, "to_dict", _wire_to_dict(getattr(cls, "to_dict"), names))  # noqa: B009, B010
        setattr(cls, "_nango_wire", True)  # noqa: B010


_keep_wire_shape()
