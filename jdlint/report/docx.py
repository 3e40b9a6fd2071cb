"""The commented Word copy: the input DOCX (or a DOCX made from a TXT) with one Word comment
per finding, anchored on the paragraph the finding points at; author "jdlint".

The input file is only read. Paragraphs are counted exactly as the DOCX reader counts them
(body paragraphs and table-cell paragraphs in reading order, text boxes apart), so
``Source.paragraph`` finds the paragraph a lawyer sees. With ``redline``, a finding whose
suggestion has a ``safe`` replacement is also shown as a tracked change.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from jdlint.model import Finding, RawDocument, Source
from jdlint.report.labels import label


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


def _comment_text(finding: Finding, lang: str) -> str:
    lines = [f"{finding.code} {finding.name} ({label(finding.severity.label, lang)}): "
             f"{finding.message}"]
    if finding.legal_basis:
        lines.append(label("basis", lang) + ": " + "; ".join(r.cite for r in finding.legal_basis))
    if finding.suggestion:
        lines.append(label("suggestion", lang) + ": " + finding.suggestion.text)
    return "\n".join(lines)


def _anchor_runs(paragraph: Paragraph) -> list[Any]:
    runs = list(paragraph.runs)
    if not runs:
        runs = [paragraph.add_run("")]
    return runs


def _line(source: Source) -> int | None:
    """The paragraph of the copy for a source: its line, or its block in a PDF (whose lines
    are counted per page, so they do not number the whole file)."""
    return source.block + 1 if source.page is not None else source.line


def _txt_document(raw: RawDocument) -> Any:
    """A DOCX of a TXT file: one paragraph per line, so line N is paragraph N."""
    document = docx.Document()
    lines: dict[int, str] = {}
    for block in raw.blocks:
        line = _line(block.source)
        if line is not None:
            # NOTE: several blocks share a line (a form feed, a collapsed list cut into items)
            lines[line] = f"{lines[line]} {block.raw}" if line in lines else block.raw
    last = max(lines, default=0)
    for n in range(1, last + 1):
        document.add_paragraph(lines.get(n, ""))
    return document


def _target(finding: Finding, paragraphs: Sequence[Paragraph], from_txt: bool) -> int | None:
    src = finding.source
    number = _line(src) if from_txt else src.paragraph
    if number is None or not 1 <= number <= len(paragraphs):
        return None
    return number - 1


def commented_copy(data: bytes | None, raw: RawDocument, findings: Sequence[Finding],
                   lang: str, *, redline: bool = False) -> tuple[bytes, int]:
    """Return the commented DOCX bytes and the number of comments placed."""
    from_txt = raw.format == "txt" or data is None
    document = _txt_document(raw) if from_txt else docx.Document(io.BytesIO(data or b""))
    paragraphs = body_paragraphs(document)
    placed = 0
    for finding in findings:
        index = _target(finding, paragraphs, from_txt)
        if index is None:
            index = 0 if paragraphs else None
        if index is None:
            continue
        paragraph = paragraphs[index]
        document.add_comment(_anchor_runs(paragraph), text=_comment_text(finding, lang),
                             author="jdlint", initials="JD")
        placed += 1
        if redline and finding.suggestion and finding.suggestion.applicability == "safe":
            _redline(paragraph, finding, raw)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed


def _redline(paragraph: Paragraph, finding: Finding, raw: RawDocument) -> bool:
    """Show the safe replacement as a tracked change: the paragraph's runs become a tracked
    deletion and the corrected text a tracked insertion, for the lawyer to accept or reject."""
    from copy import deepcopy

    suggestion = finding.suggestion
    src = finding.source
    if suggestion is None or not suggestion.replacement or src.end is None:
        return False
    if not 0 <= src.block < len(raw.blocks):
        return False
    match = raw.blocks[src.block].text[src.start : src.end]
    old = paragraph.text
    if not match or match not in old:
        return False
    new = old.replace(match, suggestion.replacement, 1)
    runs = [r for r in paragraph._p if r.tag == qn("w:r")]
    change_id = int(finding.fingerprint[:6] or "0", 16)
    deleted = OxmlElement("w:del")
    inserted = OxmlElement("w:ins")
    for element, number in ((deleted, change_id), (inserted, change_id + 1)):
        element.set(qn("w:id"), str(number))
        element.set(qn("w:author"), "jdlint")
    for run in runs:
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
        deleted.append(run)  # moves the run out of the paragraph into the deletion
    new_run = OxmlElement("w:r")
    if runs and runs[0].find(qn("w:rPr")) is not None:
        new_run.append(deepcopy(runs[0].find(qn("w:rPr"))))
    text_el = OxmlElement("w:t")
    text_el.set(qn("xml:space"), "preserve")
    text_el.text = new
    new_run.append(text_el)
    inserted.append(new_run)
    paragraph._p.append(deleted)
    paragraph._p.append(inserted)
    return True


def comment_count(data: bytes) -> Iterator[tuple[int, str]]:
    """(paragraph number, comment text) of every jdlint comment in a DOCX — for tests."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = body_paragraphs(document)
    by_id = {c.comment_id: c.text for c in document.comments}
    for number, paragraph in enumerate(paragraphs, 1):
        for start in paragraph._p.iter(qn("w:commentRangeStart")):
            cid = int(start.get(qn("w:id")))
            yield number, by_id.get(cid, "")
