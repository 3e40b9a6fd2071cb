"""Issue 19, round six, structure layer: ``split._is_instruction`` counts its lines in one pass;
its answer is round five's six-pass formula (kept here) on generated runs of lines of every
role, numbered and not, single- and multi-level, with and without a section kind."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Block, SectionKind, Source
from jdlint.structure import split
from jdlint.structure.line import Line
from jdlint.structure.markers import Marker


def _old_is_instruction(lines: list[Line]) -> bool:
    """Round five's ``_is_instruction``."""
    numbered = sum(1 for ln in lines if ln.role == "clause")
    multilevel = sum(1 for ln in lines if ln.role == "clause" and ln.multilevel)
    kinds = {ln.kind for ln in lines if ln.role == "heading"}
    numbered_heads = {ln.kind for ln in lines if ln.role == "heading" and ln.marker is not None}
    heads = any(ln.role in ("title", "approval") for ln in lines)
    total = numbered + sum(1 for ln in lines if ln.role == "heading" and ln.marker is not None)
    if total < 4:
        return False
    return (multilevel >= 4 or (len(numbered_heads) >= 2 and total >= 6)
            or (heads and len(kinds) >= 2 and total >= 5))


_MARKERS = st.sampled_from([
    None,
    Marker("decimal", "1.", (1,), "раздел"),
    Marker("decimal", "2.3.", (2, 3), "обязан"),
    Marker("decimal", "4.1.2", (4, 1, 2), ""),
    Marker("roman", "IV.", (4,), "Права"),
    Marker("paren", "а)", (1,), "пункт"),
    Marker("bullet", "•", (), "пункт"),
])
_LINE = st.tuples(
    st.sampled_from(["clause", "heading", "title", "approval", "prose", "sub", "bullet", "ack",
                     "part"]),
    _MARKERS,
    st.sampled_from([None, SectionKind.DUTIES, SectionKind.RIGHTS, SectionKind.GENERAL,
                     SectionKind.UNKNOWN]),
)


def _lines(spec: list[tuple[str, Marker | None, SectionKind | None]]) -> list[Line]:
    out = []
    for i, (role, marker, kind) in enumerate(spec):
        block = Block(i, "текст", "текст", Source(block=i))
        out.append(Line(block, role, marker, "текст", kind=kind))  # type: ignore[arg-type]
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(_LINE, max_size=16))
def test_one_pass_is_the_six(spec: list[tuple[str, Marker | None, SectionKind | None]]) -> None:
    lines = _lines(spec)
    assert split._is_instruction(lines) == _old_is_instruction(lines)


def test_the_comparison_can_fail() -> None:
    multi = Marker("decimal", "2.3.", (2, 3), "обязан")
    four = _lines([("clause", multi, None)] * 4)
    three = _lines([("clause", multi, None)] * 3)
    assert split._is_instruction(four) and _old_is_instruction(four)
    assert not split._is_instruction(three) and not _old_is_instruction(three)
    heads = _lines([("title", None, None), ("heading", multi, SectionKind.DUTIES),
                    ("heading", None, SectionKind.RIGHTS)] + [("clause", None, None)] * 4)
    assert split._is_instruction(heads) and _old_is_instruction(heads)
