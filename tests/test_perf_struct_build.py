"""Issue 19, sixth round, structure layer: the instruction builder reads each line's fields
once (``build.add_line``: the clause stack's prefix test inline; ``structure._build``: the
sign-off and section tests only for the roles they can be true for), the builders' buffers
have slots, and the file's lines are sliced and mapped in C (``structure._analyse``). The code
replaced (4edbdfd) is kept here; every corpus document and generated documents (DOCX and TXT,
both languages) are analysed with it and with the new code, and the analyses are equal. A
changed clause tree is seen, so the comparison can fail. ``split._split_points`` reads each
line's fields once; the loop it replaced is kept here and compared on generated runs of lines
of every role and marker."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_perf_structure6 import _LINE
from test_perf_structure6 import _lines as _spec_lines

import jdlint.structure as S
from jdlint.core.model import Document, Language, RawDocument
from jdlint.engine.pipeline import read_target
from jdlint.structure import build, split
from jdlint.structure.langdata import LangData
from jdlint.structure.line import Line

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".docx", ".txt"))


def _old_is_prefix(parent: tuple[int, ...], child: tuple[int, ...]) -> bool:
    return len(parent) < len(child) and child[: len(parent)] == parent


def _old_attach(section: build.SectionBuf, buf: build.ClauseBuf) -> None:
    if section.stack:
        section.stack[-1].children.append(buf)
    else:
        section.clauses.append(buf)


def _old_add_line(section: build.SectionBuf, line: Line, *, roman_prefix: bool = True) -> None:
    """Put a clause, list item or prose line into the section's clause tree."""
    marker = line.marker
    auto = line.block.auto_number is not None
    if line.role == "clause" and marker is not None:
        numbers = marker.numbers
        while section.stack and not _old_is_prefix(section.stack[-1].number, numbers):
            section.stack.pop()
        path = marker.path
        if (marker.kind == "decimal" and len(numbers) == 1 and section.roman and section.number
                and roman_prefix):
            path = f"{section.number}.{numbers[0]}"
        buf = build.ClauseBuf(marker.label, path, numbers, line.body, [line.index],
                               len(section.stack), auto, last_pos=build._pos(line))
        _old_attach(section, buf)
        section.stack.append(buf)
        return
    parent = build._list_parent(section)
    if line.role == "sub" and marker is not None:
        base = parent.path if parent is not None else (section.number or "")
        buf = build.ClauseBuf(marker.label, f"{base} {marker.label}".strip(), marker.numbers,
                               line.body, [line.index], (parent.depth + 1) if parent else 0, auto)
        build._attach_child(section, parent, buf)
        return
    last = build._last_clause(section)
    # NOTE: a line after "… имеет право:" or after an item ending with ";" is the next item of
    # an unmarked list, even when it starts in lower case; gluing it to the lead-in would
    # leave the list (and so the section) without items.
    listed = line.role == "bullet" or (line.role == "prose" and last is not None
                                       and last.text.rstrip().endswith((":", ";")))
    if line.role == "prose" and last is not None and not listed and (
        not last.text.rstrip().endswith(build._TERMINAL) or line.body[:1].islower()
    ) and not build._after_blank_item(last, line):
        last.text = f"{last.text} {line.body}".strip()
        last.blocks.append(line.index)
        last.last_pos = build._pos(line)
        return
    if listed:
        owner = parent
        if owner is None:
            section.loose += 1
            label = marker.label if marker is not None else ""
            path = f"{section.number or ''} •{section.loose}".strip()
            section.clauses.append(build.ClauseBuf(label, path, (), line.body, [line.index], 0,
                                                    auto))
            return
        owner.bullets += 1
        label = marker.label if marker is not None else ""
        base = owner.path or section.number or ""
        buf = build.ClauseBuf(label, f"{base} •{owner.bullets}".strip(), (), line.body,
                              [line.index], owner.depth + 1, auto)
        owner.children.append(buf)
        return
    # an unnumbered paragraph of its own: a lead-in ("… имеет право:") or plain text
    section.clauses.append(build.ClauseBuf("", "", (), line.body, [line.index], 0, auto,
                                            lead_in=line.lead_in))
    section.stack.clear()



def _old_build(raw: RawDocument, lines: list[Line], noise: frozenset[int], ld: LangData,
           lang: Language | None, scores: tuple[tuple[str, float], ...]) -> Document:
    first_body = next(
        (i for i, ln in enumerate(lines) if ln.role in ("heading", "clause", "sub")),
        len(lines),
    )
    head = build.read_head(lines[:first_body], ld)
    approval_blocks = range(*head.approval) if head.approval else range(0)
    sections: list[build.SectionBuf] = []
    ack_start: int | None = None
    romans = any(ln.role == "heading" and ln.marker is not None and ln.marker.kind == "roman"
                 for ln in lines)
    # NOTE: under Roman sections, clauses that restart at 1 in each section are cited as
    # "III.7"; Lithuanian forms number them continuously (1.–25.) and cite "7 punktas".
    prefix = romans and S._restarts_per_section(lines)
    pending: list[Line] = []  # unnumbered lines before the first section
    for line in lines[first_body:]:
        if sections and S._signoff(line):
            ack_start = line.index
            break
        if line.index in approval_blocks or line.role == "part":
            continue
        current = sections[-1] if sections else None
        opened = S._maybe_open(current, line, romans)
        if opened is not None:
            sections.append(opened)
            if line.role in ("heading",) or (line.marker is not None
                                             and line.marker.kind == "roman"):
                continue
        elif current is None:
            pending.append(line)
            continue
        _old_add_line(sections[-1], line, roman_prefix=prefix)
    del pending  # prose between head and first section stays unsectioned
    end = lines[-1].index + 1 if lines else 0
    start = lines[0].index if lines else 0
    frozen = S._freeze(sections, end)
    return Document(
        raw=raw,
        span=range(start, end),
        language=lang,
        title=head.title,
        position=head.position,
        sections=frozen,
        approval=approval_blocks if head.approval else None,
        acknowledgement=range(ack_start, end) if ack_start is not None else None,
        noise=noise,
        language_scores=scores,
    )



def _old_analyse(raw: RawDocument, language: Language | None,
             profile: str | None) -> tuple[S.FileAnalysis, bool]:
    """The analysis, and whether its instructions were found by their numbered structure
    (not only by the weaker evidence of ``evidence.rescue``)."""
    texts = [b.text for b in raw.blocks]
    detected, scores = S.detect(texts)
    lang = language or detected
    ld = S.load(lang or S._script_guess(texts))
    lines = S.merge_chapters([S.classify_line(b, ld) for b in raw.blocks], ld)
    paragraphs = S.is_paragraph_format(raw.format)
    max_gap = 25 if paragraphs else 6
    segments = S.find_instructions(lines, max_gap=max_gap, whole=paragraphs, ld=ld)
    numbered = bool(segments)
    lines, segments, vetoed = S._weigh(raw, lines, segments, ld)
    # NOTE: however an instruction was found (numbered body or weaker evidence), the
    # hard-wrapped rest of its last sentence belongs to it.
    segments = [replace(seg, stop=S.continuation_tail(lines, seg.stop))
                if seg.kind == "instruction" else seg for seg in segments]
    numbered = numbered and bool(segments)
    documents: list[Document] = []
    noise: set[int] = set()
    covered: set[int] = set()
    for seg in segments:
        inner = S.inner_noise(lines, seg, ld, web=not paragraphs)
        kept = [lines[i] for i in range(seg.start, seg.stop) if i not in inner]
        seg_noise = frozenset(lines[i].index for i in inner)
        noise |= seg_noise
        covered.update(lines[i].index for i in range(seg.start, seg.stop))
        own_lang, own_scores = S.detect(ln.block.text for ln in kept)
        documents.append(_old_build(raw, kept, seg_noise, ld, language or own_lang, own_scores))
    noise |= {b.index for b in raw.blocks if b.index not in covered}
    if not documents:
        documents.append(S._not_instruction(raw, lines, ld, lang, scores, vetoed))
        noise = {b.index for b in raw.blocks}
    count = len(documents)
    docs = tuple(S._finish(d, i, count, profile) for i, d in enumerate(documents))
    return S.FileAnalysis(raw, docs, frozenset(noise), lang), numbered




def _generated(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate.generate(folder, 16, seed=6)  # type: ignore[no-any-return]


def _raws(folder: Path) -> list[RawDocument]:
    return [read_target(p) for p in [*FILES, *_generated(folder)]]


def test_the_analysis_is_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raws = _raws(tmp_path)
    assert len(raws) > 40
    new = [S.analyse(raw) for raw in raws]
    monkeypatch.setattr(S, "_analyse", _old_analyse)
    old = [S.analyse(raw) for raw in raws]
    assert new == old
    assert sum(len(d.clauses()) for a in new for d in a.documents) > 1000


def test_the_comparison_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    raws = [read_target(p) for p in FILES]
    old = [_old_analyse(raw, None, None)[0] for raw in raws]
    original = build.add_line

    def dropping_prose(section: build.SectionBuf, line: Line, *,
                       roman_prefix: bool = True) -> None:
        if line.role != "prose":  # NOTE: wrapped lines and lead-ins are lost
            original(section, line, roman_prefix=roman_prefix)

    monkeypatch.setattr(S, "add_line", dropping_prose)
    assert [S._analyse(raw, None, None)[0] for raw in raws] != old
    monkeypatch.setattr(S, "add_line", original)
    assert [S._analyse(raw, None, None)[0] for raw in raws] == old


def _old_split_points(lines: list[Line], start: int, stop: int) -> list[int]:
    """Positions inside a region where a new instruction begins."""
    points = [start]
    clauses = 0
    max_section = 0
    # NOTE: "1.1" under "IV. Ответственность" or right after a clause "1." is a sub-item of
    # this section's own list ("1. … несёт ответственность за: 1.1 …"), not a new copy.
    own_list = False
    for i in range(start, stop):
        line = lines[i]
        restart = False
        if line.role in ("title", "approval") and clauses >= 1 and split._opens(lines, i, stop):
            # NOTE: a run of title lines and a stamp opens the next copy; split at the first.
            restart = lines[i - 1].role not in ("title", "approval") if i > start else False
        elif line.role == "clause" and line.multilevel and line.marker is not None:
            first = line.marker.numbers[0]
            if first == 1 and max_section >= 3 and clauses >= 8 and not own_list:
                restart = True
        if restart:
            points.append(i)
            clauses, max_section = 0, 0
        marker = line.marker
        if line.role == "clause":
            clauses += 1
            if line.multilevel and marker is not None:
                max_section = max(max_section, marker.numbers[0])
            elif marker is not None and marker.kind == "decimal" and marker.numbers == (1,):
                own_list = True
        elif line.role == "heading":
            roman_later = marker is not None and marker.kind == "roman" and (
                marker.numbers[:1] != (1,))
            own_list = roman_later
            if marker is not None and marker.numbers:
                max_section = max(max_section, marker.numbers[0])
    return points


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINE, max_size=40), st.data())
def test_split_points_are_the_old_ones(spec: list[tuple[str, object, object]],
                                       data: st.DataObject) -> None:
    lines = _spec_lines(spec)  # type: ignore[arg-type]
    start = data.draw(st.integers(0, len(lines)))
    stop = data.draw(st.integers(start, len(lines)))
    assert split._split_points(lines, start, stop) == _old_split_points(lines, start, stop)


def test_split_points_comparison_can_fail() -> None:
    from jdlint.core.model import SectionKind
    from jdlint.structure.markers import Marker

    spec = [("title", None, None), ("heading", Marker("decimal", "1.", (1,), "x"),
                                     SectionKind.GENERAL)]
    for section in (1, 2, 3):
        spec += [("clause", Marker("decimal", f"{section}.{n}.", (section, n), "x"), None)
                 for n in (1, 2, 3)]
    spec += [("title", None, None), ("clause", Marker("decimal", "1.1.", (1, 1), "x"), None)]
    lines = _spec_lines(spec)  # type: ignore[arg-type]
    points = _old_split_points(lines, 0, len(lines))
    assert points == split._split_points(lines, 0, len(lines)) and len(points) == 2
    assert split._split_points(lines, 0, len(lines) - 2) != points
