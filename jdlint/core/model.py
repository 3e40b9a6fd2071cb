"""Core data types shared by every layer: where text came from, what the reader produced,
the recognised structure of an instruction, and the findings rules report.

Position conventions, fixed here once for the whole code base:

* ``Block.index`` / ``Source.block`` are 0-based indices into ``RawDocument.blocks``.
* ``Source.start`` / ``Source.end`` are 0-based character offsets inside ``Block.text``.
* Everything a person sees is 1-based: ``Source.line`` (TXT physical line), ``Source.paragraph``
  (DOCX/ODT body paragraph; paragraphs inside table cells are counted in reading order too),
  ``Source.page`` (page of a paged format such as PDF, with ``subline`` the line on it),
  ``Source.subline`` (the line inside a DOCX paragraph split by manual line breaks),
  ``Source.cell`` (table, row, column).
* Footnotes, endnotes and text boxes are read apart from the body: their blocks come after the
  body's in ``RawDocument.blocks`` (kinds in ``NOTE_KINDS``), ``Source.note`` names them as Word
  shows them ("footnote 2", "text box 1": numbered in the order their marks or anchors appear in
  the body) and ``Source.paragraph`` is the body paragraph holding the mark or anchor, so that a
  comment can be placed there; ``Block.anchor`` is that paragraph's block.

The types are frozen dataclasses: the reader builds blocks once, the structure layer builds
documents once, and rules only read them.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Literal

from jdlint.core.records import record

# NOTE: every format of jdlint.readers.formats; the rows for RTF, PDF, HTML and Markdown come
# with their readers.
Format = Literal["docx", "txt", "odt", "doc", "rtf", "pdf", "html", "mhtml", "md"]
Language = Literal["ru", "lt"]


class Severity(IntEnum):
    """How serious a finding is; ordered so that ``>=`` compares with ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Lower-case name used in JSON and config ("error")."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse "error" / "warning" / "info" (case-insensitive)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (error, warning, info)") from None


class Confidence(StrEnum):
    """How sure a rule is (pylint's idea): heuristics say medium or low."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SectionKind(StrEnum):
    """The meaning of a section, independent of its heading's wording."""

    GENERAL = "general"
    QUALIFICATION = "qualification"
    DUTIES = "duties"
    RIGHTS = "rights"
    RESPONSIBILITY = "responsibility"
    RELATIONSHIPS = "relationships"
    FINAL = "final"
    APPROVAL = "approval"
    ACKNOWLEDGEMENT = "acknowledgement"
    UNKNOWN = "unknown"


BlockKind = Literal["paragraph", "cell", "header", "footer", "textbox", "footnote", "endnote"]
# NOTE: text Word shows beside the body: linted by the text rules with the section of its anchor,
# never part of the structure (clauses, sections, numbering).
NOTE_KINDS: frozenset[str] = frozenset(("footnote", "endnote", "textbox"))

# Words for locations in messages, per output language.
_PLACES: dict[str, dict[str, str]] = {
    "ru": {"line": "строка", "para": "абз.", "table": "таблица", "block": "блок", "page": "стр.",
           "footnote": "сноска", "endnote": "концевая сноска", "textbox": "надпись"},
    "lt": {"line": "eilutė", "para": "pastr.", "table": "lentelė", "block": "blokas",
           "page": "psl.", "footnote": "išnaša", "endnote": "galinė išnaša",
           "textbox": "teksto laukas"},
    "en": {"line": "line", "para": "para", "table": "table", "block": "block", "page": "page",
           "footnote": "footnote", "endnote": "endnote", "textbox": "text box"},
}


@record(slots=True)
class Source:
    """Where a piece of text came from (see the module docstring for the conventions)."""

    block: int
    start: int = 0
    end: int | None = None
    line: int | None = None
    paragraph: int | None = None
    subline: int | None = None
    cell: tuple[int, int, int] | None = None
    page: int | None = None
    note: tuple[str, int] | None = None  # ("footnote" | "endnote" | "textbox", its number)

    def moved(self, block: int, start: int, end: int | None) -> Source:
        """``dataclasses.replace(self, block=block, start=start, end=end)``, without its cost
        (a finding's place is made this way; tests/test_perf_report.py compares the two)."""
        return Source(block, start, end, self.line, self.paragraph, self.subline, self.cell,
                      self.page, self.note)

    def describe(self, lang: str = "en") -> str:
        """Short human location in ``lang``: "line 12", "para 3 line 7", "абз. 41",
        "page 2 line 14" (a paged format: ``page`` and the line on it in ``subline``),
        "сноска 2 (абз. 14)" (a note and the body paragraph holding its mark)."""
        words = _PLACES.get(lang, _PLACES["en"])
        if self.note is not None:
            kind, number = self.note
            where = f"{words.get(kind, kind)} {number}"
            return f"{where} ({words['para']} {self.paragraph})" if self.paragraph else where
        if self.page is not None and self.line is not None:
            # NOTE: the PDF reader counts ``line`` on the page
            return f"{words['page']} {self.page} {words['line']} {self.line}"
        if self.line is not None:
            return f"{words['line']} {self.line}"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"{words['page']} {self.page}")
        elif self.paragraph is not None:
            parts.append(f"{words['para']} {self.paragraph}")
        if self.subline is not None:
            parts.append(f"{words['line']} {self.subline}")
        if self.cell is not None:
            t, r, c = self.cell
            parts.append(f"{words['table']} {t} ({r},{c})")
        return " ".join(parts) or f"{words['block']} {self.block + 1}"


@record(slots=True)
class Block:
    """One TXT line or one DOCX paragraph (or one line of a paragraph with manual breaks).

    ``text`` is normalised (NBSP → space, soft hyphens and control characters removed,
    whitespace runs kept); ``raw`` is the text as stored, for excerpts. ``auto_number`` is the
    label Word would draw for an auto-numbered paragraph ("2.3.", "а)", "•"), which is not part
    of the runs' text; typed numbers stay inside ``text``.
    """

    index: int
    text: str
    raw: str
    source: Source
    kind: BlockKind = "paragraph"
    style: str | None = None
    auto_number: str | None = None
    list_level: int | None = None
    list_id: str | None = None
    heading_level: int | None = None
    anchor: int | None = None  # a note's or text box's body block (see the module docstring)

    @property
    def display_text(self) -> str:
        """What a reader sees: the auto-number label, then the text."""
        if self.auto_number:
            return f"{self.auto_number} {self.text}".strip()
        return self.text


@record(slots=True)
class Revisions:
    """Tracked changes and comments left in a DOCX (for JD005)."""

    insertions: int = 0
    deletions: int = 0
    comments: int = 0
    moves: int = 0
    # NOTE: body blocks where a change or comment sits, so each can be found in Word
    blocks: tuple[int, ...] = ()

    @property
    def any(self) -> bool:
        """True when anything is left unresolved."""
        return bool(self.insertions or self.deletions or self.comments or self.moves)


@record(slots=True)
class RawDocument:
    """What a reader produced from one file: blocks in reading order, nothing interpreted."""

    path: Path | None
    display_path: str
    format: Format
    blocks: tuple[Block, ...]
    headers: tuple[Block, ...] = ()
    footers: tuple[Block, ...] = ()
    textboxes: tuple[Block, ...] = ()
    revisions: Revisions = field(default_factory=Revisions)
    encoding: str | None = None


@record(slots=True)
class Clause:
    """A numbered or listed item of an instruction.

    ``label`` is the marker as shown ("2.3.", "III.", "1)", "а)", "-", "•"); ``path`` is the
    full location a lawyer cites, without the trailing dot ("2.3", "III.7", "1.3 4)", "1.6 •2");
    ``number`` holds the numeric components of a numbered label ((2, 3); Roman and letter
    markers are converted), empty for bullets.
    """

    label: str
    path: str
    number: tuple[int, ...]
    text: str
    blocks: tuple[int, ...]
    depth: int = 0
    auto: bool = False
    children: tuple[Clause, ...] = ()

    @property
    def first_block(self) -> int:
        """Index of the block the clause starts in."""
        return self.blocks[0]

    def walk(self) -> tuple[Clause, ...]:
        """This clause and all descendants, in document order."""
        out: list[Clause] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@record(slots=True)
class Section:
    """A section of an instruction: heading, recognised kind, and its clauses."""

    kind: SectionKind
    heading: str
    number: str | None
    clauses: tuple[Clause, ...]
    blocks: range
    heading_block: int | None = None
    # NOTE: ``all_clauses``'s answer, made on first use: rules ask it ~10 times a document
    # (issue 19). Not compared, printed or passed in; ``replace`` starts a new one.
    _all: tuple[Clause, ...] | None = field(default=None, init=False, repr=False,
                                            compare=False)

    def all_clauses(self) -> tuple[Clause, ...]:
        """Every clause of the section, nested ones included, in document order."""
        memo = self._all
        if memo is None:
            out: list[Clause] = []
            for clause in self.clauses:
                out.extend(clause.walk())
            memo = tuple(out)
            object.__setattr__(self, "_all", memo)  # NOTE: a frozen record's own memo
        return memo


@record(slots=True)
class Document:
    """One job description found in a file (a file may hold several, see ``index``)."""

    raw: RawDocument
    span: range
    language: Language | None
    title: str | None
    position: str | None
    sections: tuple[Section, ...]
    approval: range | None = None
    acknowledgement: range | None = None
    index: int = 0
    count: int = 1
    profile: str | None = None
    # NOTE: "instruction" for a real job description; otherwise what the file is instead
    # ("article", "vacancy", "spam", "unknown"): only document-level rules (JD0xx) run then.
    classification: str = "instruction"
    # NOTE: blocks inside ``span`` that the reader of a web copy would skip (ads, questions,
    # comments interleaved with the clauses); rules never report on them.
    noise: frozenset[int] = frozenset()
    language_scores: tuple[tuple[str, float], ...] = ()
    # NOTE: ``clauses``'s answer, made on first use and held by this document only (never
    # past it: a module-level cache did, and was reverted). As ``Section._all``.
    _clauses: tuple[Clause, ...] | None = field(default=None, init=False, repr=False,
                                                compare=False)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """All blocks of the file (indices are file-wide)."""
        return self.raw.blocks

    @property
    def path(self) -> Path | None:
        """Path of the file the instruction came from."""
        return self.raw.path

    def own_blocks(self) -> tuple[Block, ...]:
        """The blocks inside this instruction's span."""
        return self.raw.blocks[self.span.start : self.span.stop]

    def clauses(self) -> tuple[Clause, ...]:
        """Every clause in document order."""
        memo = self._clauses
        if memo is None:
            out: list[Clause] = []
            for section in self.sections:
                out.extend(section.all_clauses())
            memo = tuple(out)
            object.__setattr__(self, "_clauses", memo)
        return memo

    def section(self, kind: SectionKind) -> Section | None:
        """The first section of a kind, if present."""
        for section in self.sections:
            if section.kind is kind:
                return section
        return None

    def section_of_block(self, index: int) -> Section | None:
        """The section whose block range holds ``index``."""
        for section in self.sections:
            if index in section.blocks:
                return section
        return None


@record(slots=True)
class LegalRef:
    """A citation of law: "ТК РФ, ст. 192", with optional link and validity dates."""

    cite: str
    url: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


@record(slots=True)
class Suggestion:
    """Proposed wording or action for the lawyer; never applied to a signed text by default."""

    text: str
    replacement: str | None = None
    applicability: Literal["display-only", "unsafe", "safe"] = "display-only"
    # NOTE: the words ``replacement`` replaces when they are not the finding's matched words
    # (a rule's ``fix`` may take a whole sentence, or words next to the match).
    original: str | None = None


@record(slots=True)
class Finding:
    """One problem found by one rule, already rendered in the output language."""

    code: str
    name: str
    severity: Severity
    confidence: Confidence
    message: str
    source: Source
    clause: str | None
    section: SectionKind | None
    excerpt: str
    legal_basis: tuple[LegalRef, ...] = ()
    suggestion: Suggestion | None = None
    fingerprint: str = ""
    related: tuple[Source, ...] = ()
    data: dict[str, object] | None = None
