"""`Frozen`: what ``@dataclass(frozen=True)`` gave the workflow's small values, without importing
dataclasses (which imports inspect, ast, dis and tokenize: with the class-making, about as much
as a bare interpreter's start, paid by `nango-run validate`)."""

from __future__ import annotations

__all__ = ["Frozen"]


class Frozen:
    """Equal, hashed and shown by the fields named in ``__slots__``, and read-only once made.

    A subclass annotates its fields in the order its ``__init__`` takes them (that order is the
    one of ``repr``, equality and copies), names them in ``__slots__`` too, and sets them in
    ``__init__`` with ``self._set(name=value, ...)``.
    """

    __slots__ = ()

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[str, ...]:
        return tuple(type(self).__annotations__)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Frozen) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, *self._values()))

    def __reduce__(self) -> tuple[type[Frozen], tuple[object, ...]]:  # copy and pickle
        return (self.__class__, self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({fields})"
