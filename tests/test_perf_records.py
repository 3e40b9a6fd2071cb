"""``jdlint.core.records.record`` behaves as the ``dataclass`` it replaces (issue 19, cold start):
the same classes declared both ways give equal ``==`` results, equal hash values (so sets and
dicts iterate alike), the same ``repr`` text, the same frozenness, pickling, ``replace`` and
``fields``; and no ``__eq__``/``__hash__``/``__repr__`` source is compiled for a record.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import pkgutil
from dataclasses import dataclass, field
from typing import Any

import pytest

import jdlint
from jdlint.core.records import record

# NOTE: module level, so that pickle finds them by name


@dataclass(frozen=True, slots=True)
class FrozenSlotsD:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@record(slots=True)
class FrozenSlotsR:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@dataclass(frozen=True)
class FrozenD:
    a: Any
    hidden: int = field(default=0, repr=False)
    loose: int = field(default=0, compare=False)
    nohash: int = field(default=0, hash=False)
    onlyhash: int = field(default=0, compare=False, hash=True)
    items: list[int] = field(default_factory=list)


@record
class FrozenR:
    a: Any
    hidden: int = field(default=0, repr=False)
    loose: int = field(default=0, compare=False)
    nohash: int = field(default=0, hash=False)
    onlyhash: int = field(default=0, compare=False, hash=True)
    items: list[int] = field(default_factory=list)


@dataclass(slots=True)
class MutableSlotsD:
    a: Any
    b: int = 1


@record(frozen=False, slots=True)
class MutableSlotsR:
    a: Any
    b: int = 1


@dataclass
class MutableD:
    a: Any = None


@record(frozen=False)
class MutableR:
    a: Any = None


@dataclass(frozen=True)
class OneD:
    a: Any


@record
class OneR:
    a: Any


@dataclass(frozen=True)
class NoneD:
    pass


@record
class NoneR:
    pass


@dataclass(frozen=True)
class OwnD:
    a: int

    def __repr__(self) -> str:
        return f"own {self.a}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnD | OwnR) and other.a % 2 == self.a % 2


@record
class OwnR:
    a: int

    def __repr__(self) -> str:
        return f"own {self.a}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnD | OwnR) and other.a % 2 == self.a % 2


@dataclass(frozen=True)
class HashD:
    a: int

    def __hash__(self) -> int:
        return 7


@record
class HashR:
    a: int

    def __hash__(self) -> int:
        return 7


@dataclass(frozen=True)
class ChildD(FrozenD):
    extra: int = 3


@record
class ChildR(FrozenR):
    extra: int = 3


PAIRS: list[tuple[type[Any], type[Any], list[dict[str, Any]]]] = [
    (FrozenSlotsD, FrozenSlotsR, [{"a": 1}, {"a": 1, "b": "y"}, {"a": 2, "c": (1, 2)},
                                  {"a": -1, "b": "ё'\""}]),
    (FrozenD, FrozenR, [{"a": 1}, {"a": 1, "hidden": 5}, {"a": 1, "loose": 9},
                        {"a": 1, "nohash": 4}, {"a": 1, "onlyhash": 8}, {"a": (1, "x")},
                        {"a": "s", "items": [1]}, {"a": 1.0}, {"a": float("nan")}]),
    (MutableSlotsD, MutableSlotsR, [{"a": 1}, {"a": 1, "b": 2}, {"a": [1]}]),
    (MutableD, MutableR, [{}, {"a": 1}, {"a": {"k": 1}}]),
    (OneD, OneR, [{"a": 1}, {"a": (1,)}, {"a": None}, {"a": "x"}]),
    (NoneD, NoneR, [{}]),
    (OwnD, OwnR, [{"a": 1}, {"a": 2}, {"a": 3}]),
    (HashD, HashR, [{"a": 1}, {"a": 2}]),
    (ChildD, ChildR, [{"a": 1}, {"a": 1, "extra": 4}, {"a": 2, "loose": 1}]),
]


def _outcome(call: Any) -> Any:
    try:
        return ("ok", call())
    except Exception as exc:  # NOTE: the exception's type is part of the behaviour
        return ("raised", type(exc).__name__)


def _renamed(text: str) -> str:
    return text.replace("R(", "D(").replace("R.", "D.")


@pytest.mark.parametrize(("plain", "rec", "cases"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_a_record_behaves_as_the_dataclass(plain: type[Any], rec: type[Any],
                                           cases: list[dict[str, Any]]) -> None:
    plains = [plain(**c) for c in cases]
    recs = [rec(**c) for c in cases]
    for p, r in zip(plains, recs, strict=True):
        assert _renamed(repr(r)) == repr(p)
        assert _outcome(lambda r=r: hash(r)) == _outcome(lambda p=p: hash(p))
        assert _outcome(lambda r=r: setattr(r, "a", 5)) == _outcome(lambda p=p: setattr(p, "a", 5))
        assert [f.name for f in dataclasses.fields(r)] == [f.name for f in dataclasses.fields(p)]
        assert dataclasses.asdict(r) == dataclasses.asdict(p)
        assert rec.__match_args__ == plain.__match_args__
        # NOTE: NaN is not equal to a copy of itself, for both
        assert (pickle.loads(pickle.dumps(r)) == r) == (pickle.loads(pickle.dumps(p)) == p)
        assert (copy.deepcopy(r) == r) == (copy.deepcopy(p) == p)
        assert type(dataclasses.replace(r)) is rec
        assert (dataclasses.replace(r) == r) == (dataclasses.replace(p) == p)
    for i, (p1, r1) in enumerate(zip(plains, recs, strict=True)):
        for j, (p2, r2) in enumerate(zip(plains, recs, strict=True)):
            assert (r1 == r2) == (p1 == p2), (i, j)
            assert (r1 != r2) == (p1 != p2), (i, j)
        other = object()
        assert (r1 == other) == (p1 == other)
        assert (r1.__eq__(other) is NotImplemented) == (p1.__eq__(other) is NotImplemented)
    assert _renamed(rec.__doc__ or "") == (plain.__doc__ or "")


def test_a_record_of_another_class_is_not_equal_even_with_equal_fields() -> None:
    assert FrozenR(1) != ChildR(1) and ChildR(1) != FrozenR(1)
    assert FrozenD(1) != ChildD(1)


def test_a_record_inside_itself_prints_dots_as_a_dataclass() -> None:
    plain, rec = MutableD(), MutableR()
    plain.a, rec.a = [plain], [rec]
    assert _renamed(repr(rec)) == repr(plain) == "MutableD(a=[...])"


def test_sets_of_records_iterate_as_sets_of_dataclasses() -> None:
    values = [(i, str(i), (i, i)) for i in range(200)]
    plain = {FrozenSlotsD(*v) for v in values}
    rec = {FrozenSlotsR(*v) for v in values}
    assert [(x.a, x.b, x.c) for x in rec] == [(x.a, x.b, x.c) for x in plain]


def _jdlint_records() -> list[type[Any]]:
    found = []
    for info in pkgutil.walk_packages(jdlint.__path__, "jdlint."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == info.name and \
                    dataclasses.is_dataclass(value):
                found.append(value)
    return found


def test_every_jdlint_dataclass_is_a_record_and_compiles_no_comparison_source() -> None:
    classes = _jdlint_records()
    assert len(classes) > 80
    for cls in classes:
        for name in ("__eq__", "__repr__"):
            method = cls.__dict__.get(name)
            assert method is not None, (cls, name)
            # NOTE: ours are closures of jdlint.core.records; a dataclass-generated one would
            # come from "<string>"
            assert method.__code__.co_filename != "<string>", (cls, name)


def _message(call: Any) -> Any:
    try:
        call()
    except Exception as exc:  # NOTE: type and text are both the behaviour
        return (type(exc).__name__, str(exc))
    return None


class _LooseD(FrozenD):
    """A plain subclass: not a dataclass, so it may hold attributes of its own."""


class _LooseR(FrozenR):
    """A plain subclass: not a dataclass, so it may hold attributes of its own."""


@pytest.mark.parametrize(("plain", "rec", "cases"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_frozen_assignment_and_deletion_fail_as_in_the_dataclass(
        plain: type[Any], rec: type[Any], cases: list[dict[str, Any]]) -> None:
    for case in cases:
        p, r = plain(**case), rec(**case)
        for name in ("a", "b", "zzz"):
            for act in (lambda o, n=name: setattr(o, n, 1), lambda o, n=name: delattr(o, n)):
                got = _message(lambda r=r, act=act: act(r))
                want = _message(lambda p=p, act=act: act(p))
                if got is not None:  # NOTE: an AttributeError names the class
                    got = (got[0], got[1].replace(rec.__name__, plain.__name__))
                assert got == want


def test_a_plain_subclass_of_a_frozen_record_takes_new_attributes_as_the_dataclass() -> None:
    p, r = _LooseD(1), _LooseR(1)
    for obj in (p, r):
        obj.note = "x"  # type: ignore[attr-defined]
        del obj.note  # type: ignore[attr-defined]
    assert _message(lambda: setattr(r, "a", 2)) == _message(lambda: setattr(p, "a", 2))
    assert _message(lambda: delattr(r, "a")) == _message(lambda: delattr(p, "a"))


def test_the_frozen_hook_is_restored_and_compiles_nothing() -> None:
    from jdlint.core import records

    before = getattr(dataclasses, "_frozen_get_del_attr", None)
    made = record(type("Made", (), {"__annotations__": {"a": "int"}}))
    assert getattr(dataclasses, "_frozen_get_del_attr", None) is before
    if records._FROZEN_HOOK:
        for name in ("__setattr__", "__delattr__"):
            assert made.__dict__[name].__code__.co_filename != "<string>"
            assert made.__dict__[name].__qualname__ == f"Made.{name}"
    # NOTE: a plain dataclass made afterwards still gets the generated pair
    plain = dataclass(frozen=True)(type("Plain", (), {"__annotations__": {"a": "int"}}))
    assert plain.__dict__["__setattr__"].__code__.co_filename == "<string>"
