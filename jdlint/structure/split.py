"""Finding the instruction(s) in a file: web copies carry menus, comments, ads, articles and
sometimes the same instruction two or three times. This module groups lines into regions
dense in structure (numbered clauses, section headings, approval stamps), keeps the regions
that look like an instruction, splits a region where a new instruction starts, and marks
everything else as noise (marked, never deleted: ``jdlint show`` prints it).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from jdlint.core.model import SectionKind
from jdlint.core.records import record
from jdlint.structure.langdata import LangData, find, stems
from jdlint.structure.line import Line
from jdlint.structure.lines import looks_like_noise
from jdlint.structure.tails import (
    TRAILING_NUMBER,
    continuation_tail,
    run_on_tail,
    section_body_tail,
    signature_tail,
    tail,
)

SegmentKind = Literal["instruction", "noise"]

_STRONG = ("heading", "title", "approval", "part")


@record(slots=True)
class Segment:
    """A run of lines: one instruction, or noise between instructions."""

    kind: SegmentKind
    start: int  # position in the line list (not a block index)
    stop: int
    reason: str = ""



def _structural(line: Line) -> bool:
    if line.role == "prose":
        # NOTE: unmarked list items ("Уставом организации;") keep a region together
        text = line.body.rstrip()
        return len(text) <= 250 and text.endswith(";")
    return line.role in _STRONG or line.role in ("clause", "sub", "bullet", "ack")


def _regions(lines: list[Line], max_gap: int) -> list[tuple[int, int]]:
    """Runs of lines where structural lines are at most ``max_gap`` prose lines apart."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, line in enumerate(lines):
        if not _structural(line):
            continue
        if start is None:
            start = i
        elif i - last - 1 > max_gap:
            regions.append((start, last + 1))
            start = i
        last = i
    if start is not None:
        regions.append((start, last + 1))
    return regions


def _is_instruction(lines: list[Line]) -> bool:
    """Enough structure to be an instruction rather than an article's numbered list."""
    # NOTE: one pass over the lines, not six (issue 19)
    numbered = multilevel = numbered_lines = 0
    kinds: set[SectionKind | None] = set()
    numbered_heads: set[SectionKind | None] = set()
    heads = False
    for ln in lines:
        role = ln.role
        if role == "clause":
            numbered += 1
            multilevel += ln.multilevel
        elif role == "heading":
            kinds.add(ln.kind)
            if ln.marker is not None:
                numbered_heads.add(ln.kind)
                numbered_lines += 1
        elif role in ("title", "approval"):
            heads = True
    total = numbered + numbered_lines
    if total < 4:
        return False
    # NOTE: articles about instructions carry headings ("Права", "Обязанности") over short
    # single-level lists; an instruction has sub-numbered clauses, numbered section headings,
    # or a title/approval stamp over several sections.
    return (multilevel >= 4 or (len(numbered_heads) >= 2 and total >= 6)
            or (heads and len(kinds) >= 2 and total >= 5))


def _split_points(lines: list[Line], start: int, stop: int) -> list[int]:
    """Positions inside a region where a new instruction begins."""
    points = [start]
    clauses = 0
    max_section = 0
    # NOTE: "1.1" under "IV. Ответственность" or right after a clause "1." is a sub-item of
    # this section's own list ("1. … несёт ответственность за: 1.1 …"), not a new copy.
    own_list = False
    # NOTE: each line's fields read once, ``Line.multilevel`` written out (issue 19)
    for i in range(start, stop):
        line = lines[i]
        role = line.role
        marker = line.marker
        multilevel = (marker is not None and marker.kind == "decimal"
                      and len(marker.numbers) > 1)
        restart = False
        if role in ("title", "approval") and clauses >= 1 and _opens(lines, i, stop):
            # NOTE: a run of title lines and a stamp opens the next copy; split at the first.
            restart = lines[i - 1].role not in ("title", "approval") if i > start else False
        elif role == "clause" and multilevel:
            assert marker is not None
            if marker.numbers[0] == 1 and max_section >= 3 and clauses >= 8 and not own_list:
                restart = True
        if restart:
            points.append(i)
            clauses, max_section = 0, 0
        if role == "clause":
            clauses += 1
            if multilevel:
                assert marker is not None
                max_section = max(max_section, marker.numbers[0])
            elif marker is not None and marker.kind == "decimal" and marker.numbers == (1,):
                own_list = True
        elif role == "heading":
            roman_later = marker is not None and marker.kind == "roman" and (
                marker.numbers[:1] != (1,))
            own_list = roman_later
            if marker is not None and marker.numbers:
                max_section = max(max_section, marker.numbers[0])
    return points


def _opens(lines: list[Line], i: int, stop: int) -> bool:
    """True when a title or stamp at ``i`` is followed by the start of an instruction body
    (section 1 or I, or clause 1.x), not by sign-off lines ("Согласовано", signatures)."""
    for j in range(i + 1, min(stop, i + 14)):
        marker = lines[j].marker
        if lines[j].role in ("heading", "clause") and marker is not None and marker.numbers:
            return marker.numbers[0] == 1
    return False


def _head_start(lines: list[Line], start: int, floor: int) -> int:
    """Move an instruction's start back over its title, letterhead and approval stamp.

    The head is the earliest title or stamp within 14 lines before the body that is joined to
    it only by short lines (names, dates, the employer's name), never by long prose.
    """
    best = start
    i = start - 1
    while i >= floor and start - i <= 14:
        line = lines[i]
        if line.role in ("title", "approval"):
            best = i
        elif line.role != "prose" or len(line.body) > 120:
            break
        i -= 1
    if i < floor == 0 and best < start:
        return 0  # a letterhead at the top of the file ("ООО «…»") belongs to the head
    return best


def _title_below(lines: list[Line], first: int, stop: int) -> int:
    """The document's title when it stands right below an unnumbered "heading" that opens the
    region: a section is never above the title, so that line is the page's own headline
    ("Официант … должностные обязанности" over "Должностная инструкция официанта")."""
    line = lines[first]
    if line.role != "heading" or line.marker is not None:
        return first
    for j in range(first + 1, min(stop, first + 4)):
        if lines[j].role == "title":
            return j
        if lines[j].block.text.strip():
            break
    return first


def _flattened_head(lines: list[Line], i: int, ld: LangData | None) -> bool:
    """A head flattened into one long paragraph right before the body (a web page that lost
    its line breaks): the approval stamp and the document's title both stand inside it, so it
    is the instruction's own head, not an article about it."""
    if ld is None or i < 0 or lines[i].role != "prose":
        return False
    seq = stems(lines[i].body)
    return (any(find(p, seq) >= 0 for p in ld.approval)
            and any(len(p) > 1 and find(p, seq) >= 0 for p in ld.title))


def find_instructions(lines: list[Line], *, max_gap: int, whole: bool = False,
                      ld: LangData | None = None) -> list[Segment]:
    """Instruction segments in line order (noise is what lies between them).

    ``whole`` (a Word file, not a web copy): the first instruction starts at the top of the
    file and the last one runs to its end, so letterheads and sign-off tables stay with it.
    """
    found = _find(lines, max_gap, ld)
    if whole and found:
        found[0] = Segment("instruction", 0, found[0].stop)
        found[-1] = Segment("instruction", found[-1].start, len(lines))
    return found


def _find(lines: list[Line], max_gap: int, ld_noise: LangData | None) -> list[Segment]:
    found: list[Segment] = []
    floor = 0
    for r_start, r_stop in _join_head(lines, _regions(lines, max_gap), max_gap):
        if not _is_instruction(lines[r_start:r_stop]):
            continue
        points = [*_split_points(lines, r_start, r_stop), r_stop]
        for a, b in pairwise(points):
            # NOTE: a region not split is the part: its answer is the one just given
            if (a, b) != (r_start, r_stop) and not _is_instruction(lines[a:b]):
                continue
            first_body = next(
                (j for j in range(a, b) if lines[j].role in ("heading", "clause")), a
            )
            first_body = _title_below(lines, first_body, b)
            start = _head_start(lines, first_body, max(floor, found[-1].stop if found else 0))
            if start == first_body and _flattened_head(lines, start - 1, ld_noise):
                start -= 1
            end = tail(lines, first_body, b)
            if end == b:
                end = section_body_tail(lines, end, ld_noise)
                end = run_on_tail(lines, end)
                end = signature_tail(lines, end)
            end = continuation_tail(lines, end)
            found.append(Segment("instruction", start, end))
        floor = found[-1].stop if found else floor
    return found


def _join_head(lines: list[Line], regions: list[tuple[int, int]],
               max_gap: int) -> list[tuple[int, int]]:
    """Join a region holding an instruction's head and first clauses to the body after it,
    when only short lines lie between them: an unfilled template puts a dozen blank-filled
    fragments ("приказом", ".", "(от 2 до 5 лет)") inside clause 1.2, which cut the region."""
    out: list[tuple[int, int]] = []
    for start, stop in regions:
        if out:
            p_start, p_stop = out[-1]
            between = lines[p_stop:start]
            if (start - p_stop <= 3 * max_gap and _opens_instruction(lines[p_start])
                    and any(_first_section(ln) for ln in lines[p_start:p_stop])
                    and all(ln.role == "prose" and len(ln.body) <= 120 for ln in between)
                    and not _is_instruction(lines[p_start:p_stop])
                    and _is_instruction(lines[start:stop])):
                out[-1] = (p_start, stop)
                continue
        out.append((start, stop))
    return out


def _opens_instruction(line: Line) -> bool:
    """A title, a stamp, or the heading of section 1."""
    return line.role in ("title", "approval") or _first_section(line)


def _first_section(line: Line) -> bool:
    """The heading of section 1 ("1. Общие положения", "I. Общие положения")."""
    marker = line.marker
    return line.role == "heading" and marker is not None and marker.numbers[:1] == (1,)


def inner_noise(lines: list[Line], seg: Segment, ld: LangData, *, web: bool) -> set[int]:
    """Line positions inside an instruction that are web noise, not text of the instruction.

    ``web`` (plain-text copies) also drops long unnumbered prose that stands outside any
    list: a real instruction puts such text in a numbered clause or a lead-in.
    """
    noise: set[int] = set()
    prev: Line | None = None
    after_subheading = False
    for i in range(seg.start, seg.stop):
        line = lines[i]
        if web and _subheading(lines, i, prev):
            noise.add(i)
            after_subheading = True
            continue
        if line.role == "prose" and line.lead_in is None and prev is not None:
            text = line.body.rstrip()
            before = prev.body.rstrip()
            # NOTE: a line that stops on the next clause's number ("… пополняет его.2.6.")
            # is continued by that clause's text.
            continuation = prev.role in ("clause", "sub", "bullet", "prose") and (
                not before.endswith((".", ";", ":", "!", "?"))
                or TRAILING_NUMBER.search(before) is not None)
            # NOTE: a paragraph right under a section heading is that section's text, unless
            # an article's subheading came in between ("Число претендентов").
            under_heading = prev.role == "heading" and not after_subheading
            if not continuation and (looks_like_noise(line, ld) or (
                web and len(text) > 100 and not text.endswith((":", ";"))
                and not under_heading and not _in_list(prev, line)
            )):
                noise.add(i)
                after_subheading = False
                continue
        after_subheading = False
        prev = line
    return noise


def _subheading(lines: list[Line], i: int, prev: Line | None) -> bool:
    """An article's subheading inside a web copy: a short unpunctuated line after a section
    heading, followed by prose ("Число претендентов")."""
    line = lines[i]
    text = line.body.rstrip()
    if line.role != "prose" or prev is None or prev.role != "heading" or len(text) > 60:
        return False
    if not text or text[-1] in ".;:!?,":
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.role == "prose" and nxt.body[:1].isupper()


def _in_list(prev: Line, line: Line) -> bool:
    """True when ``line`` continues a list that ``prev`` opened or belongs to."""
    before = prev.body.rstrip()
    if before.endswith((":", ";")) or prev.role in ("bullet", "sub"):
        return True
    # parallel items: "Специалиста … II категории назначается …" after "Специалиста … "
    return prev.role == "prose" and prev.body.split()[:2] == line.body.split()[:2]
