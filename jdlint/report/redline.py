"""Tracked changes in a Word paragraph: the words a finding points at become a deletion and
the proposed wording an insertion (``w:del``/``w:ins`` by author "jdlint"), each accepted or
rejected on its own in Word or LibreOffice.

Only the matched words change: the runs that hold them are split at the match's edges, so the
rest of the paragraph keeps its text and formatting untouched, and the insertion takes the
formatting of the first deleted run. When the words cannot be found in the paragraph's runs
(text rebuilt by the reader, a match across a field), nothing is changed and the caller
leaves the proposal as a comment.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.report.wordxml import runs_of_line, w

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _piece(child: Any) -> str:
    tag = child.tag
    if tag == w("t"):
        return str(child.text or "")
    if tag == w("tab"):
        return "\t"
    if tag in (w("br"), w("cr")):
        return "\n"
    return ""


def _run_text(run: Any) -> str:
    return "".join(_piece(c) for c in run)


def _split(run: Any, k: int) -> Any:
    """Split ``run`` at character ``k`` of its text; the right half (a new run placed right
    after it) is returned. ``k`` must fall inside or at the edge of a w:t."""
    right = etree.Element(w("r"))
    rpr = run.find(w("rPr"))
    if rpr is not None:
        right.append(deepcopy(rpr))
    pos = 0
    moving = False
    for child in list(run):
        if child.tag == w("rPr"):
            continue
        if moving:
            right.append(child)
            continue
        piece = _piece(child)
        if pos + len(piece) <= k:
            pos += len(piece)
            if pos == k:
                moving = True
            continue
        # the split falls inside this w:t
        cut = k - pos
        tail = etree.SubElement(right, w("t"))
        tail.set(_XML_SPACE, "preserve")
        tail.text = piece[cut:]
        child.text = piece[:cut]
        child.set(_XML_SPACE, "preserve")
        moving = True
        pos = k
    for attr, value in run.attrib.items():
        right.set(attr, value)
    run.addnext(right)
    return right


def _pattern(match: str) -> re.Pattern[str]:
    # NOTE: the reader normalises spaces (a non-breaking space, a run of spaces), so any
    # whitespace run in the paragraph matches a space of the finding's words.
    parts = [re.escape(p) for p in match.split()]
    return re.compile(r"\s+".join(parts))


def tracked_replace(paragraph: Any, line: int | None, match: str, replacement: str,
                    change_id: int, *, author: str = "jdlint") -> int:
    """Replace the first ``match`` on ``line`` of ``paragraph`` by ``replacement`` as tracked
    changes; returns the number of w:del/w:ins elements written (0: not found, unchanged)."""
    if not match.strip():
        return 0
    runs = runs_of_line(paragraph, line)
    texts = [_run_text(r) for r in runs]
    found = _pattern(match).search("".join(texts))
    if found is None:
        return 0
    start, end = found.span()
    # the runs covering [start, end), split so the match is made of whole runs
    covered: list[Any] = []
    pos = 0
    for run, text in zip(runs, texts, strict=True):
        r_start, r_end = pos, pos + len(text)
        pos = r_end
        if r_end <= start or r_start >= end:
            continue
        if r_start < start:
            run = _split(run, start - r_start)
            r_start = start
        if r_end > end:
            _split(run, end - r_start)
        covered.append(run)
    parent = covered[0].getparent()
    if any(r.getparent() is not parent for r in covered):
        return 0  # NOTE: a match across a hyperlink's edge: leave it to the comment
    deleted = etree.Element(w("del"))
    deleted.set(w("id"), str(change_id))
    deleted.set(w("author"), author)
    covered[0].addprevious(deleted)
    for run in covered:
        for t in run.iter(w("t")):
            t.tag = w("delText")
        for t in run.iter(w("instrText")):
            t.tag = w("delInstrText")
        deleted.append(run)
    written = 1
    if replacement:
        inserted = etree.Element(w("ins"))
        inserted.set(w("id"), str(change_id + 1))
        inserted.set(w("author"), author)
        new = etree.SubElement(inserted, w("r"))
        rpr = covered[0].find(w("rPr"))
        if rpr is not None:
            new.append(deepcopy(rpr))
        t = etree.SubElement(new, w("t"))
        t.set(_XML_SPACE, "preserve")
        t.text = replacement
        deleted.addnext(inserted)
        written += 1
    return written
