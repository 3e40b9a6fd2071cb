"""``record``: jdlint's dataclasses, with the methods that compare and print them shared.

``@record`` is ``@dataclass(frozen=True)`` and ``@record(frozen=False)`` is ``@dataclass``
(``slots`` passes through), with the same ``__eq__``, ``__hash__`` and ``__repr__`` (equal
results, equal hash values, the same text), but these three are built from the fields
instead of generated as source and compiled. A frozen class's ``__setattr__`` and
``__delattr__`` are closures too (on Python 3.11-3.12, through the hook the decorator asks for
them). The dataclass machinery still makes ``__init__``, ``fields()``, ``replace()``,
``asdict()``, pickling and ``__match_args__``.

Why (issue 19, cold start): ``dataclasses`` compiles every generated method from source; for
the ~90 classes a ``jdlint check`` loads that was ~480 compiles of ~190,000 characters,
~18 % of a cold check's instructions. ``__repr__``, ``__eq__`` and ``__hash__`` were ~40 % of
that text, and nothing about them depends on the class beyond its field names.

Semantics kept (Python 3.11's ``dataclasses``): ``__eq__`` compares the fields with
``compare=True`` as tuples when both operands are of exactly the same class, else returns
``NotImplemented``; a frozen class hashes the tuple of the fields whose ``hash`` (or, when
None, ``compare``) is true, and a mutable one is unhashable; ``__repr__`` lists the fields
with ``repr=True`` as ``Name(a=1, b='x')`` and prints ``...`` for itself inside itself; a
method written in the class body is kept, as the dataclass decorator keeps it.
"""

from __future__ import annotations

import dataclasses
import sys
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["record"]

_T = TypeVar("_T")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields ``names`` of an object as a tuple (``attrgetter`` gives a bare value for
    one name and needs at least one)."""
    if not names:
        return lambda _obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    many: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return many


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        # NOTE: as dataclasses' _recursive_repr: a record inside itself prints "..."
        key = (id(self), get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{self.__class__.__qualname__}({inner})"
        finally:
            running.discard(key)

    return __repr__


def _share_methods(cls: type[Any], body: dict[str, Any], frozen: bool) -> None:
    fields = dataclasses.fields(cls)
    for name, method in (
            ("__repr__", _repr(tuple(f.name for f in fields if f.repr))),
            ("__eq__", _eq(_getter(tuple(f.name for f in fields if f.compare))))):
        if name not in body:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    # NOTE: dataclasses' hash rule for eq=True, unsafe_hash=False: a __hash__ written in the
    # body is kept (unless it is None beside a written __eq__); else frozen hashes the
    # fields, mutable is unhashable.
    written = body.get("__hash__", dataclasses.MISSING)
    if written is not dataclasses.MISSING and not (written is None and "__eq__" in body):
        return
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment]
        return
    hasher = _hash(_getter(tuple(f.name for f in fields
                                 if (f.compare if f.hash is None else f.hash))))
    hasher.__qualname__ = f"{cls.__qualname__}.__hash__"
    cls.__hash__ = hasher  # type: ignore[assignment]


def _frozen_pair(cls: type[Any], fields: list[dataclasses.Field[Any]],
                 _globals: object) -> tuple[Callable[..., None], Callable[..., None]]:
    """Python 3.11's ``dataclasses._frozen_get_del_attr`` as closures instead of compiled
    source: the same test (``type(self) is cls or name in <fields>``), error and fallback."""
    names = tuple(f.name for f in fields)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


# NOTE: where the hook has the signature above; elsewhere the decorator is used as it is
_FROZEN_HOOK = (3, 11) <= sys.version_info[:2] <= (3, 12) and callable(
    getattr(dataclasses, "_frozen_get_del_attr", None))


@overload
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, frozen: bool = True, slots: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[_T] | None = None, /, *, frozen: bool = True,
           slots: bool = False) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """``dataclass(frozen=frozen, slots=slots)`` with shared ``__eq__``, ``__hash__`` and
    ``__repr__`` (see the module docstring)."""

    def wrap(klass: type[_T]) -> type[_T]:
        body = dict(klass.__dict__)
        if frozen and _FROZEN_HOOK:
            # NOTE: the decorator asks the hook for the frozen pair and sets what it returns
            # (Python 3.11-3.12; 3.13 builds every method in one compile anyway). Restored at
            # once; a dataclass made meanwhile by another thread gets the same semantics.
            generated = dataclasses._frozen_get_del_attr  # type: ignore[attr-defined]
            dataclasses._frozen_get_del_attr = _frozen_pair  # type: ignore[attr-defined]
            try:
                made = dataclasses.dataclass(klass, repr=False, eq=False, frozen=True,
                                             slots=slots)
            finally:
                dataclasses._frozen_get_del_attr = generated  # type: ignore[attr-defined]
        else:
            made = dataclasses.dataclass(klass, repr=False, eq=False, frozen=frozen,
                                         slots=slots)
        _share_methods(made, body, frozen)
        return made

    return wrap if cls is None else wrap(cls)
