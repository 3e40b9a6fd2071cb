"""PDF layout: positioned text lines of every page → running headers, footers and paragraphs.

This module owns what a PDF's lines mean, which the text layer does not say:

* Running headers and footers: a line among the first or last lines of a page whose text
  (digits masked) recurs at the top or bottom of at least half of the pages, and page numbers
  ("3", "- 3 -", "Стр. 3 из 5", "3 psl.") at the very top or bottom of a page. They are set
  aside as ``RawDocument.headers`` / ``footers``, as the DOCX reader sets aside Word's.
* Paragraphs: a page lays one paragraph out as several lines; whether two lines belong to one
  paragraph is decided by several signals scored together (see :func:`_break_score`): the
  line spacing against the document's usual pitch, a clause number or bullet at the start,
  a first-line indent, the punctuation the line ends with, a short line, a lower-case start,
  a change of font size. No single threshold decides, so a document without paragraph
  spacing still splits at its clauses and one with wide spacing still joins its wrapped lines.
* Hyphenation: a word broken at the line end ("обязан-" + "ности") is joined without the
  hyphen when the next line goes on in lower case.
* Locations: a block's ``Source`` has the page and the line on that page (1-based, counted
  from the top over all text lines of the page) where the paragraph starts.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from pathlib import Path

from jdlint.core.model import Block, BlockKind, RawDocument, Source
from jdlint.core.records import record
from jdlint.core.text import normalize
from jdlint.readers.limits import check_text_size

__all__ = ["PdfLine", "build_document"]


@record(slots=True)
class PdfLine:
    """One line of text on a page: left edge and baseline in points from the bottom-left."""

    page: int
    x: float
    y: float
    size: float
    text: str
    height: float = 842.0


_EDGE_LINES = 3  # lines looked at for running headers/footers at each end of a page
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—(\[]*(?:(?:стр(?:аница)?|лист|page|p|psl|puslapis|lapas)\.?\s*)?"
    r"\d{1,4}(?:\s*(?:из|of|iš|is|/)\s*\d{1,4})?"
    r"(?:\s*(?:psl|стр|lapas)\.?)?[\s\-–—)\]]*$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3}){0,4}\.?\)?|[IVXLC]{1,6}\.|[а-яa-zą-ž]\)|[-–—•·▪●○◦*])(?:\s|$)",
    re.IGNORECASE,
)
_WORD_HYPHEN = re.compile(r"[^\W\d_][-\u00ad]$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_CYRILLIC = re.compile("[а-яё]")
_STOP = (".", ";", ":", "!", "?")
# NOTE: average advance of a character in em: Times/Arial Cyrillic and Lithuanian text sits
# at 0.45-0.55; only used to compare lines of one document with each other.
_CHAR_EM = 0.5


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _ordered(lines: list[PdfLine]) -> list[PdfLine]:
    return sorted(lines, key=lambda ln: -ln.y)


def _running(pages: list[list[PdfLine]]) -> tuple[set[int], set[int]]:
    """ids of the lines that are running headers (top) and footers (bottom, page numbers)."""
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in pages:
        by_y = _ordered(lines)
        tops.update({_mask(ln.text) for ln in by_y[:_EDGE_LINES]})
        bottoms.update({_mask(ln.text) for ln in by_y[-_EDGE_LINES:]})
    need = max(2, math.ceil(len(pages) / 2))
    headers: set[int] = set()
    footers: set[int] = set()
    for lines in pages:
        by_y = _ordered(lines)
        for ln in by_y[:_EDGE_LINES]:
            if tops[_mask(ln.text)] >= need:
                headers.add(id(ln))
        for ln in by_y[-_EDGE_LINES:]:
            if bottoms[_mask(ln.text)] >= need:
                footers.add(id(ln))
        if len(by_y) > 1:
            # NOTE: a lone page number at the very top or bottom, even when not repeated
            for ln, other, into in ((by_y[0], by_y[1], headers), (by_y[-1], by_y[-2], footers)):
                gap = abs(ln.y - other.y)
                if _PAGE_NUMBER.match(ln.text) and gap > 1.5 * ln.size:
                    into.add(id(ln))
    return headers, footers


def _pitch(pages: list[list[PdfLine]]) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        for prev, cur in itertools.pairwise(lines):
            gap = prev.y - cur.y
            if 0 < gap < 3 * max(prev.size, 1.0):
                gaps[round(gap * 2) / 2] += 1
    if not gaps:
        return 0.0  # NOTE: one line a paragraph everywhere: the gap says nothing then
    # NOTE: the smallest frequent gap: paragraph spacing adds to it, never takes away
    common = [gap for gap, n in gaps.items() if n * 5 >= max(gaps.values())]
    return min(common)


def _right(line: PdfLine) -> float:
    return line.x + len(line.text.rstrip()) * _CHAR_EM * line.size


def _break_score(prev: PdfLine, cur: PdfLine, pitch: float, right: float) -> float:
    """How strongly the layout says ``cur`` starts a new paragraph after ``prev`` (> 1.5: yes)."""
    score = 0.0
    prev_text, cur_text = prev.text.rstrip(), cur.text.lstrip()
    if prev.page == cur.page:
        gap = prev.y - cur.y
        if gap <= 0.2 * cur.size:
            return 9.0  # NOTE: back up the page or on one baseline: another column or cell
        if gap > 3 * cur.size:
            score += 3.0  # NOTE: far apart, whatever the usual pitch
        elif pitch:
            ratio = gap / pitch
            score += 3.0 if ratio > 1.35 else (-1.0 if ratio < 1.15 else 0.0)
    if _MARKER.match(cur_text):
        score += 2.5
    if cur.x > prev.x + cur.size and not _MARKER.match(prev.text.lstrip()):
        score += 2.0  # a first-line indent
    elif cur.x < prev.x - cur.size:
        score += 1.0  # back to the margin after a hanging indent
    if prev_text.endswith(_STOP):
        score += 1.5
    elif prev_text.endswith((",", "-", "\u00ad")) or prev_text[-1:].isalpha():
        score -= 1.0
    first = cur_text[:1]
    if first.islower():
        score -= 2.0
    elif first.isupper():
        score += 0.5
    if right:
        width = right - min(prev.x, cur.x)
        short = _right(prev) < right - 0.2 * width
        score += 1.5 if short else -1.0
        if short and _MARKER.match(prev.text.lstrip()):
            score += 1.0  # a numbered heading or a short clause ends on its line
    if abs(cur.size - prev.size) > 1.0:
        score += 2.0
    return score


def _vocabulary(lines: list[PdfLine]) -> frozenset[str]:
    return frozenset(w.lower() for ln in lines for w in _WORD.findall(ln.text))


def _broken_word(left: str, right: str, vocabulary: frozenset[str]) -> bool:
    """Whether "left-" at a line end and "right" on the next line are one word broken by
    hyphenation ("обязан-" "ности"), not a compound written with a hyphen ("товарно-"
    "материальных"): the document's own words decide, then the Russian dictionary."""
    joined, compound = f"{left}{right}".lower(), f"{left}-{right}".lower()
    if compound in vocabulary:
        return False
    if joined in vocabulary:
        return True
    if _CYRILLIC.search(joined):
        from jdlint.nlp.russian import analyzer

        return bool(analyzer().word_is_known(joined))
    # NOTE: Lithuanian writes compounds as one word; a line-end hyphen is a hyphenation
    return True


def _join(text: str, line: str, vocabulary: frozenset[str]) -> str:
    """``text`` followed by the next line of its paragraph (a broken word joined)."""
    head, tail = text.rstrip(), line.strip()
    if _WORD_HYPHEN.search(head) and tail[:1].islower():
        if head.endswith("\u00ad"):
            return head[:-1] + tail
        left = _LAST_WORD.search(head[:-1])
        right = _WORD.match(tail)
        if left and right and _broken_word(left.group(0), right.group(0), vocabulary):
            return head[:-1] + tail
        return head + tail
    return f"{head} {tail}"


def _line_numbers(pages: list[list[PdfLine]]) -> dict[int, int]:
    """id(line) → its 1-based line number on its page, counted from the top."""
    numbers: dict[int, int] = {}
    for lines in pages:
        rows: list[float] = []
        for ln in _ordered(lines):
            if not rows or rows[-1] - ln.y > 0.4 * ln.size:
                rows.append(ln.y)
            numbers[id(ln)] = len(rows)
    return numbers


def _blocks(groups: list[list[PdfLine]], numbers: dict[int, int], kind: BlockKind,
            vocabulary: frozenset[str] = frozenset()) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for group in groups:
        raw = group[0].text.strip()
        for line in group[1:]:
            raw = _join(raw, line.text, vocabulary)
        text = normalize(raw)
        if not text:
            continue
        first = group[0]
        source = Source(block=len(blocks), line=numbers[id(first)], page=first.page)
        blocks.append(Block(index=len(blocks), text=text, raw=raw, source=source, kind=kind))
    return tuple(blocks)


def build_document(pages: list[list[PdfLine]], path: Path | None, display_path: str
                   ) -> RawDocument:
    """The ``RawDocument`` of a PDF's lines (pages in order, lines in reading order)."""
    headers, footers = _running(pages)
    numbers = _line_numbers(pages)
    body = [[ln for ln in lines if id(ln) not in headers and id(ln) not in footers]
            for lines in pages]
    pitch = _pitch(body)
    flat = [ln for lines in body for ln in lines]
    rights = sorted(_right(ln) for ln in flat)
    right = rights[int(0.9 * (len(rights) - 1))] if rights else 0.0
    groups: list[list[PdfLine]] = []
    for line in flat:
        if groups and _break_score(groups[-1][-1], line, pitch, right) <= 1.5:
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks = _blocks(groups, numbers, "paragraph", _vocabulary(flat))
    check_text_size(len(blocks), sum(len(b.text) for b in blocks))
    top = [[ln] for lines in pages for ln in lines if id(ln) in headers]
    bottom = [[ln] for lines in pages for ln in lines if id(ln) in footers]
    return RawDocument(path=path, display_path=display_path, format="pdf", blocks=blocks,
                       headers=_blocks(top, numbers, "header"),
                       footers=_blocks(bottom, numbers, "footer"))
