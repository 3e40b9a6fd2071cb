"""Where an instruction found in a file ends: the lines after its last numbered line that
still belong to it (a last section's text, run-on paragraphs that carry its numbering, the
hard-wrapped rest of its last sentence, signature lines) and where an article resumes.
``jdlint.structure.split`` finds the instructions; this module owns their tails.
"""

from __future__ import annotations

import re

from jdlint.structure.falsenum import follows
from jdlint.structure.langdata import LangData
from jdlint.structure.line import Line
from jdlint.structure.lines import looks_like_noise

__all__ = ["TRAILING_NUMBER", "continuation_tail", "run_on_tail", "section_body_tail",
           "signature_tail", "tail"]

_SENTENCE_ENDS = (".", "!", "?", ";", ":", "…")
# A run-on line that stops on the next clause's number ("… пополняет его.2.6."): the next
# paragraph is that clause's text, whatever it looks like.
TRAILING_NUMBER = re.compile(r"[^\W\d_]{2}[.;:!?]\s?\d{1,2}(?:\.\d{1,2}){1,3}\.$")
# A clause number inside a run-on paragraph ("… инкассации. 2.5. Следит …").
_INLINE_NUMBER = re.compile(r"(?<!\d)(?<!\d\.)(\d{1,2}(?:\.\d{1,2}){1,3})\.(?=\s|$)")


def tail(lines: list[Line], start: int, stop: int) -> int:
    """Cut an instruction where an article resumes after its last numbered line.

    Once the instruction numbers its sections, an unnumbered heading after the last numbered
    line starts web text ("Права менеджера по работе с клиентами" in the article around it).
    """
    numbered_heads = sum(
        1 for ln in lines[start:stop] if ln.role == "heading" and ln.marker is not None
    )
    if numbered_heads < 2:
        return stop
    last = max(
        (i for i in range(start, stop) if lines[i].role in ("clause", "sub")
         or (lines[i].role == "heading" and lines[i].marker is not None)),
        default=stop - 1,
    )
    # NOTE: the sign-off and acknowledgement lines close an instruction, an article does not
    # end with them: a heading-like line with "С инструкцией ознакомлен" below it is the
    # instruction's closing text ("Должностная инструкция разработана в соответствии с …").
    acknowledged = any(lines[i].role == "ack" for i in range(last + 1, stop))
    for i in range(last + 1, stop):
        if lines[i].role in ("heading", "title") and not acknowledged:
            return i
    return stop


def section_body_tail(lines: list[Line], stop: int, ld: LangData | None) -> int:
    """Take in the text of a last section whose heading ends the region: "3. Ответственность"
    followed by one unnumbered paragraph is a section with content, not a heading before
    noise. Only paragraphs right below it (at most one blank line apart) that do not read as
    web noise are taken."""
    if stop == 0 or lines[stop - 1].role != "heading":
        return stop
    end = stop
    while end < len(lines) and end - stop < 3 and lines[end].role == "prose":
        here, before = lines[end].block.source.line, lines[end - 1].block.source.line
        if here is not None and before is not None and here - before > 2:
            break
        if ld is not None and looks_like_noise(lines[end], ld):
            break
        end += 1
    return end


def run_on_tail(lines: list[Line], stop: int) -> int:
    """Take in run-on paragraphs that carry on the numbering of an empty last clause: a web
    copy broke its lines after the markers ("… 2.4." / "Контролирует … 2.5. Следит … 2.6." /
    "Принимает …"), so "2.4." is not an empty item and what follows is not noise. Each
    paragraph taken must hold the next number of the run; at most one blank line apart."""
    last = lines[stop - 1] if stop else None
    if last is None or last.role != "clause" or last.marker is None or last.body.strip():
        return stop
    current = last.marker.numbers
    end = stop
    while end < len(lines) and end - stop < 6 and lines[end].role == "prose":
        here, before = lines[end].block.source.line, lines[end - 1].block.source.line
        if here is not None and before is not None and here - before > 2:
            break
        moved = current
        for label in _INLINE_NUMBER.findall(lines[end].block.text):
            numbers = tuple(int(n) for n in label.split("."))
            if follows(moved, numbers):
                moved = numbers
        if moved == current:
            break
        current, end = moved, end + 1
    return end


def continuation_tail(lines: list[Line], stop: int) -> int:
    """Take in the hard-wrapped rest of the last line: prose that starts in lower case right
    after a line that stops mid-sentence ("… имеющее начальное" / "профессиональное
    образование, …") is that line's sentence, not noise after the instruction."""
    end = stop
    while 0 < end < len(lines) and end - stop < 3 and lines[end].role == "prose":
        before = lines[end - 1].block.text.rstrip()
        text = lines[end].block.text.lstrip()
        if not text[:1].islower() or not before or before.endswith(_SENTENCE_ENDS):
            break
        end += 1
    return end


def signature_tail(lines: list[Line], stop: int) -> int:
    """Take in the pen-and-ink lines after the last stamp ("_____ (подпись)")."""
    end = stop
    while end < len(lines) and end - stop < 6:
        text = lines[end].body
        if lines[end].role == "prose" and len(text) <= 160 and (
            text.count("_") >= 3 or text.startswith("(")
        ):
            end += 1
            continue
        break
    return end
