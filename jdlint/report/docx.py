"""The commented Word copy: the input DOCX (or a DOCX made from a TXT) with one Word comment
per finding, anchored on the paragraph (and the line of it) the finding points at; author
"jdlint".

The input file is only read, and only through the reader's package limits
(``jdlint.report.wordxml``): python-docx builds the DOCX of a TXT input and reads the copy
back in tests, never the input. Paragraphs are counted exactly as the DOCX reader counts them,
so ``Source.paragraph`` finds the paragraph a lawyer sees (for a footnote, an endnote or a
text box, the paragraph holding its mark, the comment naming the note). With ``redline``, a
finding whose suggestion has a ``safe`` replacement is also shown as a tracked change
(``jdlint.report.redline``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from jdlint.core.model import Finding, RawDocument
from jdlint.report.labels import label
from jdlint.report.redline import tracked_replace
from jdlint.report.wordxml import WordCopy, runs_of_line


def body_paragraphs(document: Any) -> list[Paragraph]:
    """Body and table-cell paragraphs in reading order (the reader's ``Source.paragraph``)."""
    out: list[Paragraph] = []
    body = document.element.body

    def walk(container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == qn("w:p"):
                out.append(Paragraph(child, document.part))
            elif tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    for cell in row.findall(qn("w:tc")):
                        walk(cell)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(body)
    return out


def _comment_text(finding: Finding, lang: str, *, proposal: bool = False) -> str:
    lines = [f"{finding.code} {finding.name} ({label(finding.severity.label, lang)}): "
             f"{finding.message}"]
    if finding.source.note is not None:
        # NOTE: the comment sits on the paragraph holding the note's mark; the words it is
        # about are in the note, so the comment names the note and quotes them.
        lines.append(f"{label('where', lang)}: {finding.source.describe(lang)}: "
                     f"{finding.excerpt}")
    if finding.legal_basis:
        lines.append(label("basis", lang) + ": " + "; ".join(r.cite for r in finding.legal_basis))
    suggestion = finding.suggestion
    if suggestion:
        lines.append(label("suggestion", lang) + ": " + suggestion.text)
    if proposal and suggestion and suggestion.replacement is not None and suggestion.original:
        # NOTE: the wording a lawyer can paste: the words to replace and what replaces them.
        key = "proposed" if suggestion.replacement else "proposed_delete"
        lines.append(label(key, lang).format(new=suggestion.replacement,
                                             old=suggestion.original))
    return "\n".join(lines)


def proposes(finding: Finding) -> bool:
    """Whether the finding carries a proposal the redline shows (safe or unsafe wording)."""
    s = finding.suggestion
    return s is not None and s.applicability in ("safe", "unsafe") and \
        s.replacement is not None and bool(s.original)


def _txt_document(raw: RawDocument) -> Any:
    """A DOCX of a TXT file: one paragraph per line, so line N is paragraph N."""
    document = docx.Document()
    lines: dict[int, str] = {}
    for block in raw.blocks:
        if block.source.line is not None:
            # NOTE: several blocks share a line (a form feed, a collapsed list cut into items)
            line = block.source.line
            lines[line] = f"{lines[line]} {block.raw}" if line in lines else block.raw
    last = max(lines, default=0)
    for n in range(1, last + 1):
        document.add_paragraph(lines.get(n, ""))
    return document


def _blocks_document(raw: RawDocument) -> Any:
    """A DOCX of any other reader's blocks (ODT, .doc, RTF, PDF, HTML…): block N is paragraph
    N + 1, list labels as typed text, headings in Word's heading styles."""
    document = docx.Document()
    for block in raw.blocks:
        level = block.heading_level
        style = f"Heading {level}" if level is not None and 1 <= level <= 9 else None
        document.add_paragraph(block.display_text, style=style)
    return document


def _target(finding: Finding, count: int, mode: str) -> int | None:
    src = finding.source
    number = src.line if mode == "txt" else src.block + 1 if mode == "blocks" else src.paragraph
    if number is None or not 1 <= number <= count:
        return None
    return number - 1


def commented_copy(data: bytes | None, raw: RawDocument, findings: Sequence[Finding],
                   lang: str, *, redline: bool = False) -> tuple[bytes, int]:
    """Return the commented DOCX bytes and the number of comments placed."""
    copy, placed, _ = redlined_copy(data, raw, findings, lang, redline=redline)
    return copy, placed


def redlined_copy(data: bytes | None, raw: RawDocument, findings: Sequence[Finding],
                  lang: str, *, redline: bool = False) -> tuple[bytes, int, int]:
    """The commented DOCX bytes, the number of comments placed and the number of changes
    written as tracked changes (0 without ``redline``). With ``redline``, a proposal that is
    not a tracked change (unsafe, or its words not found in the runs) is written in the
    finding's comment; ``proposals_of`` counts both."""
    mode = "docx" if raw.format == "docx" and data is not None else \
        "txt" if raw.format == "txt" else "blocks"
    if mode != "docx":
        out = io.BytesIO()
        (_txt_document(raw) if mode == "txt" else _blocks_document(raw)).save(out)
        data = out.getvalue()
    copy = WordCopy(data or b"")
    paragraphs = copy.paragraphs()
    placed = changes = 0
    change_id = 1_000_000  # NOTE: apart from comment ids, which Word keeps in their own space
    for finding in findings:
        index = _target(finding, len(paragraphs), mode)
        # NOTE: a finding without a body paragraph (a header, a footer) is commented on the
        # first paragraph, but its words are never changed there.
        exact = index is not None
        if index is None:
            index = 0 if paragraphs else None
        if index is None:
            continue
        paragraph = paragraphs[index]
        line = None if mode != "docx" else finding.source.subline
        used = _redline(paragraph, line, finding, raw, change_id) if redline and exact else 0
        change_id += used
        changes += 1 if used else 0
        copy.add_comment(runs_of_line(paragraph, line), paragraph,
                         _comment_text(finding, lang, proposal=redline and not used))
        placed += 1
    return copy.save(), placed, changes


def proposals_of(findings: Sequence[Finding]) -> int:
    """How many findings propose wording (each a tracked change or a comment)."""
    return sum(1 for f in findings if proposes(f))


def _redline(paragraph: Any, line: int | None, finding: Finding, raw: RawDocument,
             change_id: int) -> int:
    """Show a safe replacement as a tracked change of the matched words; the number of
    change ids used."""
    suggestion = finding.suggestion
    src = finding.source
    if suggestion is None or suggestion.applicability != "safe" or suggestion.replacement \
            is None or src.end is None or not 0 <= src.block < len(raw.blocks) \
            or (src.note is not None and raw.format == "docx"):
        return 0  # NOTE: a note's words are not in the paragraph its comment is anchored on
    match = suggestion.original or raw.blocks[src.block].text[src.start : src.end]
    return tracked_replace(paragraph, line, match, suggestion.replacement, change_id)


def comment_count(data: bytes) -> Iterator[tuple[int, str]]:
    """(paragraph number, comment text) of every jdlint comment in a DOCX — for tests."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = body_paragraphs(document)
    by_id = {c.comment_id: c.text for c in document.comments}
    for number, paragraph in enumerate(paragraphs, 1):
        for start in paragraph._p.iter(qn("w:commentRangeStart")):
            cid = int(start.get(qn("w:id")))
            yield number, by_id.get(cid, "")
