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


def _edge(text: str, i: int) -> bool:
    """Whether position ``i`` of ``text`` is between words (not inside one)."""
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def _trim(old: str, new: str) -> tuple[int, int]:
    """How many characters at the start and at the end ``old`` and ``new`` share, cut back to
    whole words, so only the words that differ become a deletion and an insertion."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    while head > 0 and not (_edge(old, head) and _edge(new, head)):
        head -= 1
    tail = 0
    limit = min(len(old), len(new)) - head
    while tail < limit and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    while tail > 0 and not (_edge(old, len(old) - tail) and _edge(new, len(new) - tail)):
        tail -= 1
    return head, tail


def tracked_replace(paragraph: Any, line: int | None, match: str, replacement: str,
                    change_id: int, *, author: str = "jdlint") -> int:
    """Replace the first ``match`` on ``line`` of ``paragraph`` by ``replacement`` as tracked
    changes; returns the number of w:del/w:ins elements written (0: not found, unchanged).

    Words ``match`` and ``replacement`` share at their edges stay as they are: "трудовым и
    гражданским законодательством" → "трудовым законодательством" deletes "и гражданским "
    only, and an addition at the end of a sentence is an insertion alone.
    """
    if not match.strip():
        return 0
    runs = runs_of_line(paragraph, line)
    texts = [_run_text(r) for r in runs]
    joined = "".join(texts)
    found = _pattern(match).search(joined)
    if found is None:
        return 0
    start, end = found.span()
    head, tail = _trim(joined[start:end], replacement)
    start, end = start + head, end - tail
    replacement = replacement[head:len(replacement) - tail]
    if start == end:
        return _insert(runs, texts, start, replacement, change_id, author)
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
        deleted.addnext(_inserted(covered[0], replacement, change_id + 1, author))
        written += 1
    return written


def _inserted(model: Any, text: str, change_id: int, author: str) -> Any:
    """A w:ins holding one run of ``text`` formatted like ``model``."""
    inserted = etree.Element(w("ins"))
    inserted.set(w("id"), str(change_id))
    inserted.set(w("author"), author)
    new = etree.SubElement(inserted, w("r"))
    rpr = model.find(w("rPr"))
    if rpr is not None:
        new.append(deepcopy(rpr))
    t = etree.SubElement(new, w("t"))
    t.set(_XML_SPACE, "preserve")
    t.text = text
    return inserted


def _insert(runs: list[Any], texts: list[str], at: int, text: str, change_id: int,
            author: str) -> int:
    """An insertion alone at character ``at`` of the line's text (after the run ending
    there, split if needed)."""
    pos = 0
    for run, run_text in zip(runs, texts, strict=True):
        r_end = pos + len(run_text)
        if pos < at <= r_end:
            if at < r_end:
                _split(run, at - pos)
            run.addnext(_inserted(run, text, change_id, author))
            return 1
        pos = r_end
    return 0
