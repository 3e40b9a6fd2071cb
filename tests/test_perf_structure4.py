"""Issue 19, round four, structure layer: clauses frozen with a list per level and no
generator for leaves are the clauses the generator-per-clause freeze gave (kept here), on
generated clause trees."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Clause, SectionKind
from jdlint.structure.build import ClauseBuf, SectionBuf


def _old_freeze(buf: ClauseBuf) -> Clause:
    return Clause(buf.label, buf.path, buf.number, buf.text, tuple(buf.blocks), buf.depth,
                  buf.auto, tuple(_old_freeze(c) for c in buf.children))


def _tree(depth: int) -> Any:
    leaf = st.builds(ClauseBuf, st.sampled_from(["1.", "а)", "", "•"]), st.text(max_size=3),
                     st.tuples(st.integers(0, 9)), st.text(max_size=5),
                     st.lists(st.integers(0, 99), max_size=3), st.integers(0, 3), st.booleans())
    if depth == 0:
        return leaf
    return st.builds(lambda buf, kids: (buf.children.extend(kids), buf)[1], leaf,
                     st.lists(_tree(depth - 1), max_size=3))


@settings(max_examples=200, deadline=None)
@given(st.lists(_tree(3), max_size=4))
def test_frozen_clauses_equal_the_generator_freeze(clauses: list[ClauseBuf]) -> None:
    section = SectionBuf(SectionKind.DUTIES, "", None, False, 0, None, clauses=clauses)
    new = section.frozen_clauses()
    old = tuple(_old_freeze(c) for c in clauses)
    assert new == old
    assert [type(c.children) for c in new] == [tuple] * len(new)


def test_the_freeze_comparison_can_fail() -> None:
    buf = ClauseBuf("1.", "1", (1,), "Текст", [0], 0, False)
    buf.children.append(ClauseBuf("а)", "1 а)", (1,), "Подпункт", [1], 1, False))
    (frozen,) = SectionBuf(SectionKind.DUTIES, "", None, False, 0, None,
                           clauses=[buf]).frozen_clauses()
    assert frozen.children[0].text == "Подпункт" and frozen.children[0].children == ()
    assert frozen != _old_freeze(ClauseBuf("1.", "1", (1,), "Текст", [0], 0, False))
