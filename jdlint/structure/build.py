"""Building one instruction: title and position, approval and acknowledgement blocks,
sections (with a section made up where the numbering shows one but its heading is missing)
and the clause tree with the paths a lawyer cites ("2.3", "III.7", "1.3 4)", "1.6 •2").
"""

from __future__ import annotations

import re
from dataclasses import field

from jdlint.core.model import Clause, SectionKind
from jdlint.core.records import record
from jdlint.core.text import fold, light_stem
from jdlint.structure.langdata import LangData, find, stems
from jdlint.structure.line import Line
from jdlint.structure.lines import is_title
from jdlint.structure.newclause import new_clause

_TERMINAL = (".", ";", ":", "!", "?")
_DOC_NUMBER = re.compile(r"^(?:N|№|Nr\.?)\s*[\w/-]+\s*")
_FOR = re.compile(r"^(?:для|на)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ])")
# Words that open the name of a unit, not of a post ("ОТДЕЛ СНАБЖЕНИЯ", "Finansų skyrius").
_UNITS = frozenset(stems("отдел отдела управление службы служба департамент сектор цех "
                         "skyrius skyriaus padalinys departamentas"))
_WORD_SPAN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A signer's name or its prompt: "Ф. И. О.", "Ф.И.О.", "И.И. Иванов", "Иванов И.И.".
_SIGNER = re.compile(r"\bФ\.?\s*И\.?\s*О\b|\b[A-ZА-ЯЁ]\.\s*[A-ZА-ЯЁ]\.")


@record(frozen=False, slots=True)
class ClauseBuf:
    label: str
    path: str
    number: tuple[int, ...]
    text: str
    blocks: list[int]
    depth: int
    auto: bool
    children: list[ClauseBuf] = field(default_factory=list)
    bullets: int = 0
    lead_in: SectionKind | None = None
    # NOTE: where the clause's last line sits (TXT line or DOCX paragraph number, blank ones
    # counted), to tell a wrapped line from text that follows after empty lines.
    last_pos: int | None = None

    def freeze(self) -> Clause:
        children = self.children
        # NOTE: most clauses are leaves: no generator for them (issue 19); ``()`` is what
        # ``tuple`` of an empty generator gives
        return new_clause(self.label, self.path, self.number, self.text, tuple(self.blocks),
                          self.depth, self.auto,
                          tuple([c.freeze() for c in children]) if children else ())


@record(frozen=False, slots=True)
class SectionBuf:
    """A section under construction."""

    kind: SectionKind
    heading: str
    number: str | None
    roman: bool
    start: int
    heading_block: int | None
    stop: int = 0
    clauses: list[ClauseBuf] = field(default_factory=list)
    stack: list[ClauseBuf] = field(default_factory=list)
    loose: int = 0

    def frozen_clauses(self) -> tuple[Clause, ...]:
        return tuple([c.freeze() for c in self.clauses])


@record(frozen=False)
class Head:
    """What precedes the sections: title, position, approval stamp."""

    title: str | None = None
    position: str | None = None
    approval: tuple[int, int] | None = None


def read_head(lines: list[Line], ld: LangData) -> Head:
    """Title, position and approval block from the lines before the first section."""
    head = Head()
    for i, line in enumerate(lines):
        if line.role == "approval" and head.approval is None:
            end = i + 1
            while end < len(lines) and end - i <= 6 and lines[end].role == "prose" and (
                len(lines[end].body) <= 90
            ):
                end += 1
            head.approval = (line.index, lines[end - 1].index + 1)
        title = line.body if line.role == "title" else None
        if line.role == "approval":
            # NOTE: a one-paragraph head ("УТВЕРЖДАЮ Директор … ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
            # официанта") holds the title after the stamp.
            title = _title_after_stamp(line.body, ld)
        if title is not None:
            head.title = title
            position = _position(title, lines[i + 1 :], ld)
            if position is None and i > 0 and line.role == "title":
                # "FINANSŲ … VYRIAUSIOJO PATARĖJO" / "PAREIGYBĖS APRAŠYMAS" (lt), or
                # "ГЛАВНОГО БУХГАЛТЕРА" / "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" / "УТВЕРЖДАЮ" (ru): the
                # position stands on the line before the title.
                position = _position_before(lines[:i], ld)
            # NOTE: an earlier title line ("Должностная инструкция" / "ГЛАВНЫЙ БУХГАЛТЕР" of
            # a database card) keeps its position when a later one names none.
            head.position = position or head.position
    return head


def _phrase_start(text: str, phrases: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
    """Character offset and word index where the first of ``phrases`` begins in ``text``."""
    spans = list(_WORD_SPAN.finditer(text))
    seq = [light_stem(fold(m.group())) for m in spans]
    found = [(pos, pos) for p in phrases if (pos := find(p, seq)) >= 0]
    if not found:
        return None
    pos = min(found)[0]
    return spans[pos].start(), pos


def _title_after_stamp(body: str, ld: LangData) -> str | None:
    """The title standing in the same paragraph as the approval stamp, after it."""
    at = _phrase_start(body, ld.title)
    if at is None or at[1] == 0:
        return None
    return body[at[0] :].strip() or None


def _rest_of_title(rest: str, ld: LangData) -> str:
    """The position part of a title line, without a stamp or a signer that the line also
    holds (a head laid out in two columns and read across: "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ Директор
    Ф. И. О." puts the approver's column beside the title; the post follows below)."""
    stamp = _phrase_start(rest, ld.approval)
    if stamp is not None:
        rest = rest[: stamp[0]].strip(" :–-")
    return "" if _SIGNER.search(rest) else rest


def _position_before(lines: list[Line], ld: LangData) -> str | None:
    before = lines[-1]
    if before.role != "prose" or len(before.body) > 120:
        return None
    if ld.lang == "lt":
        return before.body
    body = before.body.strip()
    if body.startswith("(") and body.endswith(")") and len(lines) >= 2:
        # NOTE: "АДМИНИСТРАТОРА ЗАЛА" / "(МЕТРДОТЕЛЯ)": a bracketed other name on its own line.
        first = lines[-2]
        if first.role == "prose" and _names_post(first.body) and first.body[:1].isupper():
            return f"{first.body.strip()} {body}"
        return None
    # NOTE: a prompt's wrapped tail ("организации") is lower-case; a heading line is not.
    return body if _names_post(body) and body[:1].isupper() else None


# A company line ("ООО «Ромашка»", "«Ромашка»"), not a post ("менеджера ООО «Ромашка»" is).
_LEGAL_FORM = re.compile(r"^(?:(?:ООО|ОАО|ЗАО|АО|ПАО|ИП|UAB|AB|VšĮ)\b|[«»\"„“])")


def _names_post(text: str) -> bool:
    """A line that may hold the name of a post, not an approver's caption or prompt.

    Captions under the approval signature ("(орган юридического лица (учредители);",
    "(директор; иное должностное лицо,"), the prompts between them ("лицо, уполномоченное
    утверждать") and company names are never the position.
    """
    body = text.strip()
    if not body or body[0] in "([{_" or body.endswith((";", ",")) or ";" in body:
        return False
    if body.count(")") > body.count("("):
        return False  # the end of a caption: "должностную инструкцию)"
    if body[0].islower() and body.split()[0].rstrip(",") in ("лицо", "asmuo"):
        return False
    if _LEGAL_FORM.search(body) or body[0].isdigit():
        return False
    first = stems(body)[:1]
    return not (first and first[0] in _UNITS) and len(body.split()) <= 14


def _position(title: str, after: list[Line], ld: LangData) -> str | None:
    seq = stems(title)
    words = title.split()
    for phrase in ld.title:
        for pos in range(len(seq) - len(phrase) + 1):
            if tuple(seq[pos : pos + len(phrase)]) != phrase:
                continue
            if ld.lang == "lt" and pos > 0:
                return " ".join(words[:pos]).strip(" :–-") or None
            rest = " ".join(words[pos + len(phrase) :]).strip(" :–-")
            rest = _DOC_NUMBER.sub("", rest).strip(" :–-")  # "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ № 27"
            rest = _rest_of_title(rest, ld)
            # NOTE: a web page title goes on after the position ("… кассира. Полный документ").
            rest = _SENTENCE_END.split(rest, maxsplit=1)[0].strip(" :–-.")
            rest = _FOR.sub("", rest)  # "… инструкция для билетного кассира"
            if rest:
                return rest
            department: str | None = None
            for line in after[:4]:
                if line.role == "approval":
                    # NOTE: below "УТВЕРЖДАЮ" stand the approver's post and its captions,
                    # never the position the instruction is for.
                    break
                if line.role != "prose" or not 0 < len(line.body) <= 120 or is_title(
                    line.body, ld
                ) or not _names_post(line.body):
                    continue
                first = stems(line.body)[:1]
                if first and first[0] in _UNITS:
                    # "ОТДЕЛ СНАБЖЕНИЯ" / "НАЧАЛЬНИК": the unit, then the post
                    department = department or line.body.strip(" :")
                    continue
                return line.body.strip(" :")
            return department
    return None


def new_section(line: Line | None, *, kind: SectionKind, number: str | None,
                roman: bool) -> SectionBuf:
    """Open a section at a heading line, or an untitled one (``line`` None) at a clause."""
    if line is None:
        return SectionBuf(kind, "", number, roman, -1, None)
    return SectionBuf(kind, line.body, number, roman, line.index, line.index)


def add_line(section: SectionBuf, line: Line, *, roman_prefix: bool = True) -> None:
    """Put a clause, list item or prose line into the section's clause tree."""
    # NOTE: called for every line of every instruction: the line's fields are read once and
    # the clause stack's prefix test is inline (issue 19)
    marker = line.marker
    role = line.role
    block = line.block
    auto = block.auto_number is not None
    if role == "clause" and marker is not None:
        numbers = marker.numbers
        stack = section.stack
        while stack:
            above = stack[-1].number
            size = len(above)
            if size < len(numbers) and numbers[:size] == above:
                break
            stack.pop()
        if (marker.kind == "decimal" and len(numbers) == 1 and section.roman and section.number
                and roman_prefix):
            path = f"{section.number}.{numbers[0]}"
        else:
            path = marker.path
        buf = ClauseBuf(marker.label, path, numbers, line.body, [block.index], len(stack), auto,
                        last_pos=_pos(line))
        if stack:
            stack[-1].children.append(buf)
        else:
            section.clauses.append(buf)
        stack.append(buf)
        return
    parent = _list_parent(section)
    if role == "sub" and marker is not None:
        base = parent.path if parent is not None else (section.number or "")
        buf = ClauseBuf(marker.label, f"{base} {marker.label}".strip(), marker.numbers,
                        line.body, [block.index], (parent.depth + 1) if parent else 0, auto)
        _attach_child(section, parent, buf)
        return
    last = _last_clause(section)
    # NOTE: a line after "… имеет право:" or after an item ending with ";" is the next item of
    # an unmarked list, even when it starts in lower case; gluing it to the lead-in would
    # leave the list (and so the section) without items.
    body = line.body
    ending = last.text.rstrip() if last is not None else ""
    listed = role == "bullet" or (role == "prose" and last is not None
                                  and ending.endswith((":", ";")))
    if role == "prose" and last is not None and not listed and (
        not ending.endswith(_TERMINAL) or body[:1].islower()
    ) and not _after_blank_item(last, line):
        last.text = f"{last.text} {body}".strip()
        last.blocks.append(block.index)
        last.last_pos = _pos(line)
        return
    if listed:
        owner = parent
        if owner is None:
            section.loose += 1
            label = marker.label if marker is not None else ""
            path = f"{section.number or ''} •{section.loose}".strip()
            section.clauses.append(ClauseBuf(label, path, (), body, [block.index], 0, auto))
            return
        owner.bullets += 1
        label = marker.label if marker is not None else ""
        base = owner.path or section.number or ""
        buf = ClauseBuf(label, f"{base} •{owner.bullets}".strip(), (), body, [block.index],
                        owner.depth + 1, auto)
        owner.children.append(buf)
        return
    # an unnumbered paragraph of its own: a lead-in ("… имеет право:") or plain text
    section.clauses.append(ClauseBuf("", "", (), body, [block.index], 0, auto,
                                     lead_in=line.lead_in))
    section.stack.clear()


def _pos(line: Line) -> int | None:
    source = line.block.source
    return source.line if source.line is not None else source.paragraph


def _after_blank_item(last: ClauseBuf, line: Line) -> bool:
    """A sentence that starts after empty lines below a blank item of a template ("4." with
    no text, or only "."): the item stays blank and the sentence is text of its own."""
    if last.text.strip(" .…_") or not line.body[:1].isupper():
        return False
    here = _pos(line)
    return last.last_pos is not None and here is not None and here - last.last_pos > 2


def _attach_child(section: SectionBuf, parent: ClauseBuf | None, buf: ClauseBuf) -> None:
    if parent is None:
        section.clauses.append(buf)
    else:
        parent.children.append(buf)


def _list_parent(section: SectionBuf) -> ClauseBuf | None:
    """The numbered clause that list items (sub-items, bullets) belong to."""
    if section.stack:
        return section.stack[-1]
    if section.clauses and section.clauses[-1].number and section.clauses[-1].label:
        return section.clauses[-1]
    if section.clauses and section.clauses[-1].text.rstrip().endswith(":"):
        return section.clauses[-1]
    return None


def _last_clause(section: SectionBuf) -> ClauseBuf | None:
    """The clause that text was most recently added to (deepest last descendant)."""
    if not section.clauses:
        return None
    node = section.clauses[-1]
    while node.children:
        node = node.children[-1]
    return node
