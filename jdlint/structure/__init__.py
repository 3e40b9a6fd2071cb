"""The structure layer: from a ``RawDocument`` (blocks in reading order) to the instructions
it holds (``Document``: title, language, sections → clauses), with web noise marked.

``analyse`` is the single entry point; the CLI, the engine and the tests call it.
"""

from __future__ import annotations

from dataclasses import replace
from operator import attrgetter

from jdlint.catalogue.profiles import choose_profile
from jdlint.core.model import NOTE_KINDS, Document, Language, RawDocument, Section, SectionKind
from jdlint.core.records import record
from jdlint.readers.formats import is_paragraph_format
from jdlint.readers.inline import split_document
from jdlint.structure.build import ClauseBuf, SectionBuf, add_line, new_section, read_head
from jdlint.structure.evidence import load_evidence, other_kind, rescue, split_heading_sentences
from jdlint.structure.langdata import LangData, load
from jdlint.structure.language import detect
from jdlint.structure.line import Line
from jdlint.structure.lines import classify_line, mentions, merge_chapters
from jdlint.structure.split import Segment, find_instructions, inner_noise
from jdlint.structure.tails import continuation_tail

__all__ = ["FileAnalysis", "Segment", "analyse"]

_BLOCK_INDEX = attrgetter("block.index")
_BLOCK_TEXT = attrgetter("block.text")


@record(slots=True)
class FileAnalysis:
    """What the structure layer found in one file."""

    raw: RawDocument
    documents: tuple[Document, ...]
    noise: frozenset[int]
    language: Language | None


def analyse(raw: RawDocument, *, language: Language | None = None,
            profile: str | None = None) -> FileAnalysis:
    """Find and build the instruction(s) of a file; everything else is marked noise.

    Each instruction gets its section profile: ``profile`` when given, else the one
    ``choose_profile`` picks from its language and wording. A plain-text file where none is
    found is read once more with its collapsed lists cut into items (``split_document``).
    """
    notes = sum(1 for b in raw.blocks if b.kind in NOTE_KINDS)
    if notes:
        # NOTE: footnotes, endnotes and text boxes come after the body (readers.notes) and are
        # never structure: the body is analysed alone and keeps its block indices.
        body = analyse(replace(raw, blocks=raw.blocks[:len(raw.blocks) - notes]),
                       language=language, profile=profile)
        return replace(body, raw=raw, documents=tuple(replace(d, raw=raw)
                                                      for d in body.documents))
    found, numbered = _analyse(raw, language, profile)
    if is_paragraph_format(raw.format) or numbered or _kinds(found) == {"other_document"}:
        return found
    split = split_document(raw)
    if split is raw:
        return found
    again, _ = _analyse(split, language, profile)
    # NOTE: the cut text wins when it holds an instruction with more clauses than the text
    # as read (where the evidence alone may have found a heading and a paragraph)
    if "instruction" in _kinds(again) and _clauses(again) > _clauses(found):
        return again
    return found


def _kinds(found: FileAnalysis) -> set[str]:
    return {d.classification for d in found.documents}


def _clauses(found: FileAnalysis) -> int:
    return sum(len(s.clauses) for d in found.documents for s in d.sections
               if d.classification == "instruction")


def _analyse(raw: RawDocument, language: Language | None,
             profile: str | None) -> tuple[FileAnalysis, bool]:
    """The analysis, and whether its instructions were found by their numbered structure
    (not only by the weaker evidence of ``evidence.rescue``)."""
    texts = [b.text for b in raw.blocks]
    detected, scores = detect(texts)
    lang = language or detected
    ld = load(lang or _script_guess(texts))
    lines = merge_chapters([classify_line(b, ld) for b in raw.blocks], ld)
    paragraphs = is_paragraph_format(raw.format)
    max_gap = 25 if paragraphs else 6
    segments = find_instructions(lines, max_gap=max_gap, whole=paragraphs, ld=ld)
    numbered = bool(segments)
    lines, segments, vetoed = _weigh(raw, lines, segments, ld)
    # NOTE: however an instruction was found (numbered body or weaker evidence), the
    # hard-wrapped rest of its last sentence belongs to it.
    segments = [replace(seg, stop=continuation_tail(lines, seg.stop))
                if seg.kind == "instruction" else seg for seg in segments]
    numbered = numbered and bool(segments)
    documents: list[Document] = []
    noise: set[int] = set()
    covered: set[int] = set()
    for seg in segments:
        inner = inner_noise(lines, seg, ld, web=not paragraphs)
        kept = [lines[i] for i in range(seg.start, seg.stop) if i not in inner] if inner \
            else lines[seg.start:seg.stop]
        seg_noise = frozenset(lines[i].index for i in inner)
        noise |= seg_noise
        covered.update(map(_BLOCK_INDEX, lines[seg.start:seg.stop]))
        own_texts = list(map(_BLOCK_TEXT, kept))
        # NOTE: an instruction that is the whole file has the file's texts: the file's answer
        # (``detect`` depends on the joined texts alone), without joining them again
        own_lang, own_scores = (detected, scores) if own_texts == texts else detect(own_texts)
        documents.append(_build(raw, kept, seg_noise, ld, language or own_lang, own_scores))
    noise |= {b.index for b in raw.blocks if b.index not in covered}
    if not documents:
        documents.append(_not_instruction(raw, lines, ld, lang, scores, vetoed))
        noise = {b.index for b in raw.blocks}
    count = len(documents)
    docs = tuple(_finish(d, i, count, profile) for i, d in enumerate(documents))
    return FileAnalysis(raw, docs, frozenset(noise), lang), numbered


def _weigh(raw: RawDocument, lines: list[Line], segments: list[Segment],
           ld: LangData) -> tuple[list[Line], list[Segment], str | None]:
    """Second opinion on what ``find_instructions`` found: a text whose top names another
    document loses its instruction; a text without a numbered body keeps one when the other
    evidence (title, headings, a list of duties) is strong."""
    ev = load_evidence(ld.lang)
    vetoed = other_kind(lines, ld, ev)
    if vetoed == "article" and not segments:
        vetoed = None  # nothing to take away: the usual classification says what it is
    if vetoed is not None:
        return lines, [], vetoed
    if segments:
        return lines, segments, None
    split = split_heading_sentences(lines, ld)
    span = rescue(split, ld, ev)
    if span is None:
        return lines, segments, None
    start, stop = (0, len(split)) if is_paragraph_format(raw.format) else span
    return split, [Segment("instruction", start, stop, "evidence")], None


def _finish(doc: Document, index: int, count: int, profile: str | None) -> Document:
    chosen = None
    if doc.classification == "instruction":
        chosen = profile or choose_profile(doc)
    return replace(doc, index=index, count=count, profile=chosen)


def _script_guess(texts: list[str]) -> str:
    cyr = sum(1 for t in texts for ch in t if "а" <= ch.lower() <= "я")
    lat = sum(1 for t in texts for ch in t if ch.isascii() and ch.isalpha())
    return "ru" if cyr >= lat else "lt"


def _build(raw: RawDocument, lines: list[Line], noise: frozenset[int], ld: LangData,
           lang: Language | None, scores: tuple[tuple[str, float], ...]) -> Document:
    first_body = next(
        (i for i, ln in enumerate(lines) if ln.role in ("heading", "clause", "sub")),
        len(lines),
    )
    head = read_head(lines[:first_body], ld)
    approval_blocks = range(*head.approval) if head.approval else range(0)
    sections: list[SectionBuf] = []
    ack_start: int | None = None
    romans = any(ln.role == "heading" and ln.marker is not None and ln.marker.kind == "roman"
                 for ln in lines)
    # NOTE: under Roman sections, clauses that restart at 1 in each section are cited as
    # "III.7"; Lithuanian forms number them continuously (1.–25.) and cite "7 punktas".
    prefix = romans and _restarts_per_section(lines)
    # NOTE: prose between head and first section stays unsectioned (skipped below)
    for line in lines[first_body:]:
        role = line.role
        if sections and role in _ENDS and _signoff(line):
            ack_start = line.block.index
            break
        if role == "part" or line.block.index in approval_blocks:
            continue
        current = sections[-1] if sections else None
        # NOTE: only a heading or a clause opens a section (``_maybe_open``)
        opened = _maybe_open(current, line, romans) if role in _OPENS else None
        if opened is not None:
            sections.append(opened)
            if role == "heading" or (line.marker is not None and line.marker.kind == "roman"):
                continue
            current = opened
        elif current is None:
            continue
        add_line(current, line, roman_prefix=prefix)
    end = lines[-1].index + 1 if lines else 0
    start = lines[0].index if lines else 0
    frozen = _freeze(sections, end)
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


def _restarts_per_section(lines: list[Line]) -> bool:
    """True when single-level clauses start again at 1 after a Roman section heading."""
    after_heading = False
    seen_sections = 0
    for line in lines:
        marker = line.marker
        if line.role == "heading" and marker is not None and marker.kind == "roman":
            after_heading = True
            seen_sections += 1
            continue
        if after_heading and line.role == "clause" and marker is not None and (
            marker.kind == "decimal" and len(marker.numbers) == 1
        ):
            after_heading = False
            if seen_sections > 1 and marker.numbers[0] > 1:
                return False
    return True


_ENDS = frozenset({"ack", "approval", "prose"})  # the roles ``_signoff`` may be True for
_OPENS = frozenset({"heading", "clause"})  # the roles ``_maybe_open`` may open a section at


def _signoff(line: Line) -> bool:
    """The sign-off area after the last section: acknowledgement, "Согласовано", blanks."""
    if line.role in ("ack", "approval"):
        return True
    return line.role == "prose" and line.body.count("_") >= 10 and len(line.body) < 200


def _maybe_open(current: SectionBuf | None, line: Line, romans: bool) -> SectionBuf | None:
    """A new section when a heading starts one or the numbering shows one began."""
    marker = line.marker
    if line.role == "heading":
        number = marker.path if marker is not None else None
        roman = marker is not None and marker.kind == "roman"
        assert line.kind is not None
        return new_section(line, kind=line.kind, number=number, roman=roman)
    if marker is not None and marker.kind == "roman" and line.role == "clause":
        return new_section(line, kind=SectionKind.UNKNOWN, number=marker.path, roman=True)
    if line.role != "clause" or marker is None or marker.kind != "decimal":
        return None
    n = marker.numbers[0]
    if current is None:
        if len(marker.numbers) > 1:
            kind = SectionKind.GENERAL if n == 1 else SectionKind.UNKNOWN
            return _untitled(kind, str(n), False, line)
        number = "I" if romans else None
        return _untitled(SectionKind.GENERAL, number, romans, line)
    if len(marker.numbers) > 1 and not current.roman and current.number is not None and (
        current.number.isdigit() and n > int(current.number)
    ):
        sec = _untitled(SectionKind.UNKNOWN, str(n), False, line)
        lead = _take_lead(current)
        if lead is not None:
            # NOTE: the heading is missing but the lead-in tells what the section is
            sec.kind = lead.lead_in or SectionKind.UNKNOWN
            sec.clauses.append(lead)
            sec.start = lead.blocks[0]
        return sec
    return None


def _untitled(kind: SectionKind, number: str | None, roman: bool, line: Line) -> SectionBuf:
    sec = new_section(None, kind=kind, number=number, roman=roman)
    sec.start = line.index
    return sec


def _take_lead(previous: SectionBuf) -> ClauseBuf | None:
    """Remove and return the lead-in ("… имеет право:") that ends the previous section."""
    if previous.clauses and not previous.clauses[-1].label and not previous.clauses[-1].children:
        last = previous.clauses[-1]
        if last.text.rstrip().endswith(":"):
            previous.stack.clear()
            return previous.clauses.pop()
    return None


def _freeze(sections: list[SectionBuf], end: int) -> tuple[Section, ...]:
    out: list[Section] = []
    for i, sec in enumerate(sections):
        first = sec.start if sec.start >= 0 else (
            sec.clauses[0].blocks[0] if sec.clauses else end)
        stop = sections[i + 1].start if i + 1 < len(sections) else end
        out.append(Section(sec.kind, sec.heading, sec.number, sec.frozen_clauses(),
                           range(first, max(first, stop)), sec.heading_block))
    return tuple(out)


def _not_instruction(raw: RawDocument, lines: list[Line], ld: LangData,
                     lang: Language | None, scores: tuple[tuple[str, float], ...],
                     known: str | None = None) -> Document:
    """A file without an instruction: say what it is instead (JD002)."""
    vacancy = sum(1 for ln in lines if mentions(ln, ld.classify.get("vacancy", ())))
    article = sum(1 for ln in lines if mentions(ln, ld.classify.get("article", ())))
    prose = sum(1 for ln in lines if len(ln.body) > 120)
    if known is not None:
        kind = known
    elif vacancy >= 2 and vacancy >= article / 2:
        kind = "vacancy"
    elif article >= 2 and prose >= 2:
        kind = "article"
    elif lines:
        kind = "spam" if prose < 2 else "unknown"
    else:
        kind = "unknown"
    end = len(raw.blocks)
    return Document(raw=raw, span=range(0, end), language=lang, title=None, position=None,
                    sections=(), classification=kind, language_scores=scores,
                    noise=frozenset(range(end)))
