"""Second look at numbered lines in their context: a number at the start of a line is a clause
marker only when several signals agree, not because one regular expression matched.

``classify_line`` sees one line at a time, so a date in an approval block ("00.00.00 № 00",
"21.09.05 г."), a hard-wrapped sentence that goes on with "1 (одного) года." or a table row
number reads as a clause there. Here each typed number is scored on:

- its shape: a zero component or a zero-padded one ("00", "05") is how dates are written, never
  how clauses are numbered;
- what follows it: "№", "г.", "%", a spelled-out number in brackets, nothing at all;
- the line before: ending mid-sentence means this line continues it;
- the numbering around it: a number that continues the sequence of the numbered lines before or
  after it is very likely a real clause.

A line whose doubts outweigh the evidence for it becomes prose. The same pass looks at numbered
headings: "8. Ответственность и трудолюбие" between items 7 and 9 of a list of personal
qualities continues the list, not the sequence of section headings, so it stays a list item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from jdlint.structure.line import Line

# A number followed by one of these is a date, a document number, a sum or a share.
_NUMBER_SIGN: Final = re.compile(
    r"^(№|N\s*\d|Nr\.|г\.|г\s|г$|гг|год|m\.|d\.|metų|%|руб|eur|€|\$|₽)", re.IGNORECASE
)
# "1 (одного) года", "3 (трех) месяцев": a quantity with the number spelled out after it.
_SPELLED: Final = re.compile(r"^\(\s*[а-яёa-ząčęėįšųūž]")
_TERMINAL: Final = (".", ";", ":", "!", "?", "»", '"', ")")
# Score at which a typed number stops being a clause marker.
_DEMOTE_AT: Final = 3


def follows(prev: tuple[int, ...] | None, cur: tuple[int, ...]) -> bool:
    """True when ``cur`` is a natural next number after ``prev`` (sibling, child or the next
    item of an outer level); with no ``prev``, when ``cur`` is a plausible first number."""
    if not cur:
        return False
    if prev is None or not prev:
        return all(n == 1 for n in cur[1:]) and cur[0] <= 1
    if len(cur) == 1 == len(prev):
        return cur[0] == prev[0] + 1  # NOTE: what the general case below gives, at once
    if cur == (*prev, 1):
        return True
    # NOTE: "cur[:k+1] == (*prev[:k], prev[k] + 1) and the rest of cur is ones" for some k;
    # only the first place where cur and prev differ can be that k (called for every
    # numbered line: no tuple is built).
    for k in range(min(len(prev), len(cur))):
        if cur[k] != prev[k]:
            return cur[k] == prev[k] + 1 and all(n == 1 for n in cur[k + 1:])
    return False


def _typed_decimal(line: Line) -> bool:
    return (line.role in ("clause", "heading") and line.marker is not None
            and line.marker.kind == "decimal" and line.block.auto_number is None)


def _own_doubt(line: Line) -> int:
    """Doubt from the line alone: its number's shape and what follows the number."""
    marker = line.marker
    assert marker is not None
    label = marker.label
    rest = marker.rest
    score = 0
    # NOTE: both tests need a "0" in the label or an empty part ("1..2"); most labels have
    # neither and skip them without splitting the label (issue 19). ``core.split(".")`` has
    # an empty part exactly when ``core`` is empty, starts with "." or holds "..".
    core = label.rstrip(".")
    if "0" in label or not core or core[0] == "." or ".." in core:
        parts = core.split(".")
        if any(p.strip("0") == "" for p in parts):
            score += 2  # no clause is numbered 0
        if any(len(p) > 1 and p.startswith("0") for p in parts):
            score += 1  # "05.01": zero-padded day or month
    if not rest and not label.endswith("."):
        # NOTE: "4.11." alone, even in a table cell, is an empty item of a template (a blank
        # to report); a bare "1" with no dot in a cell numbers the table's rows.
        score += 3 if line.block.kind == "cell" else 1
    elif _NUMBER_SIGN.match(rest):
        score += 2
    elif _SPELLED.match(rest) and not label.endswith("."):
        score += 2
    return score


def _bare(line: Line) -> bool:
    """A number alone on its line, with neither a dot nor text: a page or view counter when
    no numbered line around it continues it ("4.11." with its dot is an empty clause)."""
    assert line.marker is not None
    return not line.marker.rest and not line.marker.label.endswith((".", ")"))


def _mid_sentence(before: Line | None) -> bool:
    """The line before stops in the middle of a sentence (a hard-wrapped paragraph)."""
    if before is None or before.role not in ("prose", "clause", "sub", "bullet"):
        return False
    text = before.block.text.rstrip()
    return bool(text) and not text.endswith(_TERMINAL) and not text.isupper()


def _numbers(line: Line) -> tuple[int, ...] | None:
    if line.marker is None or line.marker.kind != "decimal" or line.role not in (
        "clause", "heading"
    ):
        return None
    return line.marker.numbers


def _next_numbers(lines: Sequence[Line], start: int) -> tuple[int, ...] | None:
    # NOTE: by index, not over ``lines[start:]``: no copy of the rest of the file per call
    for k in range(start, len(lines)):
        line = lines[k]
        if line.role == "heading" and line.marker is not None and line.marker.kind == "roman":
            return None
        numbers = _numbers(line)
        if numbers is not None and _own_doubt(line) < 2:
            return numbers
    return None


def demote_false_numbers(lines: list[Line]) -> list[Line]:
    """Turn typed numbers that are not clause markers into prose, and list items that were
    read as numbered headings into clauses (see the module docstring)."""
    out = list(lines)
    prev: tuple[int, ...] | None = None  # the last number kept
    prev_line: Line | None = None
    before: Line | None = None  # the last non-empty line
    demoted: tuple[int, ...] | None = None  # the last number set aside
    last_heading: tuple[int, ...] | None = None
    headings = 0
    # NOTE: called for every line of every file: each line's fields are read once and the
    # tests ``_typed_decimal`` and ``_numbers`` make are written out here (issue 19)
    for i, line in enumerate(out):
        text = line.block.text
        if not text or text.isspace():
            continue  # NOTE: what ``not text.strip()`` says
        role = line.role
        marker = line.marker
        kind = marker.kind if marker is not None else None
        numbered = kind == "decimal" and (role == "clause" or role == "heading")
        if role == "heading" and kind == "roman":
            prev, prev_line, demoted = None, None, None  # clauses may restart under "II."
            headings += 1
        elif numbered and line.block.auto_number is None:
            assert marker is not None
            cur = marker.numbers
            doubt = _own_doubt(line)
            if _mid_sentence(before):
                doubt += 1
            if doubt >= 2 and demoted is not None and follows(demoted, cur):
                doubt += 2  # the next row of a run already set aside
            elif follows(prev, cur):
                doubt -= 2
            else:
                doubt += 1
                if follows(cur, _next_numbers(out, i + 1) or ()):
                    doubt -= 1
                elif _bare(line):
                    doubt += 1  # "58" alone, continuing nothing and continued by nothing
            if doubt >= _DEMOTE_AT:
                out[i] = replace(line, role="prose", marker=None, body=text, kind=None)
                demoted = cur
                before = out[i]
                continue
        if role == "heading" and kind == "decimal":
            assert marker is not None
            if _list_item_heading(line, prev_line, last_heading, headings,
                                  _next_numbers(out, i + 1)):
                line = replace(line, role="clause", kind=None)
                out[i] = line
            else:
                last_heading = marker.numbers
                headings += 1
        elif role == "heading":
            headings += 1
        if numbered:
            assert marker is not None
            prev, prev_line = marker.numbers, line
        before = line
    return out


def _list_item_heading(line: Line, prev_line: Line | None, last_heading: tuple[int, ...] | None,
                       headings: int, nxt: tuple[int, ...] | None) -> bool:
    """A numbered "heading" that continues a list of single-level items rather than the
    sequence of section headings ("7. Умение работать в команде" / "8. Ответственность и
    трудолюбие" / "9. …")."""
    assert line.marker is not None
    cur = line.marker.numbers
    if len(cur) != 1 or prev_line is None or prev_line.role != "clause":
        return False
    assert prev_line.marker is not None
    score = 0
    if prev_line.marker.numbers == (cur[0] - 1,):
        score += 2
    if nxt == (cur[0] + 1,):
        score += 1
    elif nxt is not None and len(nxt) > 1 and nxt[0] == cur[0]:
        score -= 3  # "8." followed by "8.1": the heading of its own clauses
    if line.body.isupper() or line.block.heading_level is not None:
        score -= 3  # set apart as a heading: "26. ДОЛЖНОСТНЫЕ ОБЯЗАННОСТИ" in one long list
    if last_heading is not None:
        score += -2 if cur == (last_heading[0] + 1,) else 1
    elif headings:
        score += 1  # the sections so far have unnumbered headings
    return score >= _DEMOTE_AT
