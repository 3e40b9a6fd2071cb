"""Speed-ups of issue 19 in the places JD107 (and JD108, JD110) cite, compared with the code
they replaced (kept here): the places a message lists (only as many as it shows),
``citable_in`` (one index of the bullets per document) against ``citable_at``,
``blocks_of_sections``' walk with a stack, and the title line's search over the span as a range;
on generated clause trees (numbered and bullet items, repeated and overlapping blocks, noise,
approval ranges) and on small examples whose answer is written out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib.places import blocks_of_sections, citable_at, citable_in
from jdlint.checks import consistency
from jdlint.core.model import Clause, Document, Section
from jdlint.ruleapi import RuleContext


def _old_places(ctx: RuleContext, ms: Sequence[consistency._Mention]) -> str:
    """The places of a variant before issue 19's third round: every place, then joined."""
    return consistency._join_places([consistency._place(ctx, m.block, m.section) for m in ms])


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 14), st.lists(st.integers(0, 60), min_size=1, max_size=30))
@example(10, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
def test_places_are_the_joined_places_of_every_mention(clauses: int, picks: list[int]) -> None:
    lines = ["ДИ", "1. Общие положения"]
    lines += [f"1.{k}. Менеджер выполняет работу {k}" for k in range(1, clauses + 1)]
    lines += ["2. Права", "Менеджер имеет право", "— подписывать документы", "Продолжение"]
    doc = make_doc(lines)
    ctx = RuleContext(load_catalogue()["JD107"], doc, lang="ru")
    blocks = blocks_of_sections(doc)
    ms = [consistency._Mention(blocks[p % len(blocks)][0], blocks[p % len(blocks)][1],
                               None)  # type: ignore[arg-type]
          for p in picks]
    assert consistency._places(ctx, ms) == _old_places(ctx, ms)


def test_places_cut_after_six_as_before() -> None:
    doc = make_doc(["ДИ", "1. Общие положения"]
                   + [f"1.{k}. Менеджер выполняет работу {k}" for k in range(1, 10)])
    ctx = RuleContext(load_catalogue()["JD107"], doc, lang="ru")
    ms = [consistency._Mention(i, s, None)  # type: ignore[arg-type]
          for i, s in blocks_of_sections(doc)]
    assert consistency._places(ctx, ms) == "раздел 1, п. 1.1, п. 1.2, п. 1.3, п. 1.4, п. 1.5, …"
    assert consistency._places(ctx, ms[:6]) == _old_places(ctx, ms[:6])
    assert not consistency._places(ctx, ms[:6]).endswith("…")


def _clauses(depth: int = 0) -> st.SearchStrategy[Clause]:
    """Clause trees with numbered and bullet items; blocks may repeat or overlap (the walk's
    order decides then, as in ``citable_at``)."""
    children = st.just(()) if depth >= 3 else st.lists(_clauses(depth + 1), max_size=3).map(
        tuple)
    return st.builds(
        lambda numbered, blocks, kids: Clause(
            label="1." if numbered else "•", path="1" if numbered else "1 •1",
            number=(1,) if numbered else (), text="x", blocks=tuple(blocks), depth=depth,
            children=kids),
        st.booleans(), st.lists(st.integers(0, 11), min_size=1, max_size=3), children)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_clauses(), max_size=4), min_size=1, max_size=3))
def test_citable_in_is_citable_at(sections: list[list[Clause]]) -> None:
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. Текст"] + ["текст"] * 9)
    doc = replace(doc, sections=tuple(replace(doc.sections[0], clauses=tuple(cs))
                                      for cs in sections))
    ctx = RuleContext(load_catalogue()["JD107"], doc, lang="ru")
    for block in range(12):
        assert citable_in(ctx, block) == citable_at(doc, block)


def test_citable_in_reports_a_bullet_at_its_clause() -> None:
    bullet = Clause(label="•", path="1.1 •1", number=(), text="b", blocks=(3,), depth=1)
    numbered = Clause(label="1.1.", path="1.1", number=(1, 1), text="a", blocks=(2,),
                      children=(bullet,))
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. a", "b"])
    doc = replace(doc, sections=(replace(doc.sections[0], clauses=(numbered,)),))
    ctx = RuleContext(load_catalogue()["JD107"], doc, lang="ru")
    assert citable_in(ctx, 3) == replace(numbered, blocks=(2, 3))
    assert citable_in(ctx, 2) == 2


def _old_blocks_of_sections(doc: Document) -> list[tuple[int, Section]]:
    """``places.blocks_of_sections`` before issue 19's third round (recursive walk)."""
    skip = set(doc.noise)
    for rng in (doc.approval, doc.acknowledgement):
        if rng is not None:
            skip.update(rng)
    out: list[tuple[int, Section]] = []
    seen: set[int] = set()
    for section in doc.sections:
        indices: list[int] = []
        if section.heading_block is not None:
            indices.append(section.heading_block)
        for clause in section.all_clauses():
            indices.extend(clause.blocks)
        for index in indices:
            if index not in skip and index not in seen and index < len(doc.raw.blocks):
                seen.add(index)
                out.append((index, section))
    out.sort(key=lambda item: item[0])
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 13)),
                          st.lists(_clauses(), max_size=4)), min_size=1, max_size=3),
       st.frozensets(st.integers(0, 13), max_size=4),
       st.one_of(st.none(), st.integers(0, 13).map(lambda n: range(n, n + 2))))
def test_blocks_of_sections_are_the_old_walk(sections: list[tuple[int | None, list[Clause]]],
                                             noise: frozenset[int],
                                             approval: range | None) -> None:
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. Текст"] + ["текст"] * 9)
    doc = replace(doc, noise=noise, approval=approval,
                  sections=tuple(replace(doc.sections[0], heading_block=h, clauses=tuple(cs))
                                 for h, cs in sections))
    assert blocks_of_sections(doc) == _old_blocks_of_sections(doc)


def test_blocks_of_sections_order_skip_and_first_section() -> None:
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. a", "b", "2. Права", "2.1. c"],
                   noise=[3])
    found = blocks_of_sections(doc)
    assert [i for i, _ in found] == [1, 2, 4, 5]
    assert found == _old_blocks_of_sections(doc)


@pytest.mark.parametrize("span", [range(0, 4), range(1, 99), range(2, 3), range(5, 9),
                                  range(0, 6, 2)])
@pytest.mark.parametrize("position", ["менеджера", "ДИ менеджера", "нет такого", None])
def test_position_block_is_the_old_search(span: range, position: str | None) -> None:
    from jdlint.checklib.title_choice import _position_block

    doc = replace(make_doc(["ДИ менеджера", "менеджера", "1. Общие положения", "1.1. a"]),
                  span=span, position=position)
    wanted = (position or "").strip()
    old: tuple[int, str] | None = None
    if wanted:
        blocks = [i for i in span if i < len(doc.raw.blocks)]
        old = next(((i, wanted) for i in blocks if doc.raw.blocks[i].text.strip() == wanted),
                   next(((i, wanted) for i in blocks if wanted in doc.raw.blocks[i].text),
                        None))
    assert _position_block(doc, -1) == old
