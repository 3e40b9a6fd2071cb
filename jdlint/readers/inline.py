"""Web copies whose line breaks were lost: a whole instruction, or a section, on one line.

Copied from a page that renders lists without line breaks, a text reads "… обязанности:2.1.
Обслуживает клиентов. 2.2. Обеспечивает сохранность … 2.3. …" or "I. PAREIGYBĖ 1. … 2. …".
Read as one block, nothing in it is a clause. This module owns finding, in one long line, the
chain of clause numbers that follow each other (2.1 → 2.2 → 2.3, 3 → 3.1, II. after 4.) and
the positions where the line breaks belong. A number that does not continue the chain ("ст.
81 ТК", "2024 г.", "на 3 года") is left in the text; a line needs three links in its chain
before it is cut, so ordinary prose with one or two numbers is never split.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jdlint.core.model import Block, RawDocument

_UPPER = "A-ZА-ЯЁĄČĘĖĮŠŲŪŽ"
_CANDIDATE = re.compile(
    rf"(?:(?<=\s)|(?<=[.:;!?»\"])|^)(?:(\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\.?|([IVX]{{1,4}})\.)"
    rf"\s*(?=[{_UPPER}«\"]|$)"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10}
_MIN_LENGTH = 200
_MIN_CHAIN = 3

Number = tuple[int, ...]


def _follows(prev: Number, cur: Number) -> bool:
    """``cur`` may come right after ``prev`` in one numbered list."""
    if len(cur) == len(prev) + 1 and cur[:-1] == prev and cur[-1] == 1:
        return True  # 2 → 2.1
    for depth in range(min(len(prev), len(cur)), 0, -1):
        if len(cur) == depth and cur[:-1] == prev[:depth - 1] and cur[-1] == prev[depth - 1] + 1:
            return True  # 2.1 → 2.2, 2.3.4 → 2.4, 2.3 → 3
    return False


def _names_a_number(line: str, start: int) -> bool:
    return line[max(0, start - 4):start].rstrip().endswith(("Nr.", "Nr", "№", "N", "ст.", "п."))


def break_points(line: str) -> list[int]:
    """Offsets in ``line`` where a collapsed list's items start (empty when it has none)."""
    if len(line) < _MIN_LENGTH:
        return []
    cuts: list[int] = []
    prev: Number | None = None
    roman = 0
    after_chapter = False
    for match in _CANDIDATE.finditer(line):
        if match.group(2) is not None:
            value = _ROMAN.get(match.group(2), 0)
            if value == roman + 1:
                roman = value
                after_chapter = True  # chapters restart the clause list or continue it
                cuts.append(match.start())
            continue
        cur = tuple(int(n) for n in match.group(1).split("."))
        if (len(cur) == 1 and "." not in match.group(0)) or _names_a_number(line, match.start()):
            continue  # "Nr. 1 I. …", "grupė 2 …": a plain number is no list item
        restart = (prev is None or after_chapter) and cur == (1,)
        if restart or (prev is not None and _follows(prev, cur)):
            after_chapter = False
            prev = cur
            cuts.append(match.start())
        elif prev is None and len(cuts) == 0 and len(cur) > 1:
            prev = cur  # a copy that starts mid-section ("…:2.1. …")
            cuts.append(match.start())
    if len(cuts) < _MIN_CHAIN:
        return []
    return [c for c in cuts if c > 0]


def split_collapsed(line: str) -> list[str]:
    """``line`` cut before each item of a collapsed numbered list, or ``[line]``."""
    cuts = break_points(line)
    if not cuts:
        return [line]
    parts = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return [p for p in parts if p]


def split_document(raw: RawDocument) -> RawDocument:
    """``raw`` with every collapsed list cut into one block per item (all on the same line
    number, as a form feed does), or ``raw`` itself when no line needs it.

    Only asked for when the text as read holds no instruction: a search-result snippet
    with "1.1 … 1.2 …" inside a page that has a real instruction must stay one line.
    """
    blocks: list[Block] = []
    changed = False
    for block in raw.blocks:
        parts = split_collapsed(block.text)
        changed = changed or len(parts) > 1
        for part in parts:
            index = len(blocks)
            source = replace(block.source, block=index)
            blocks.append(replace(block, index=index, text=part,
                                  raw=block.raw if len(parts) == 1 else part, source=source))
    return replace(raw, blocks=tuple(blocks)) if changed else raw
