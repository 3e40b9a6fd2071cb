"""Concise output: one line per finding, ``path:LOCATION: severity: CODE [clause] message``.

Made for pre-commit hooks, editors and grep: no colour, no excerpt, and the severity in every
line so that a user sees which lines block a commit (``fail-on``). The shape is the compilers'
``file:line: error: message``, which editors already parse, and the location says what it is:

* ``a.txt:12:`` the 1-based TXT line (an editor jumps to it);
* ``a.docx:p12:`` the 1-based DOCX paragraph, counted as ``jdlint show`` counts them;
  ``a.docx:p12.l3:`` the third line inside it (a paragraph split by manual line breaks);
  ``a.docx:b5:`` the 5th block when neither is known. The letters keep editors from reading a
  paragraph as a line and a line inside it as a column;
* ``a.docx: error: JD001 …`` a file that could not be read has no location.
"""

from __future__ import annotations

from collections.abc import Sequence

from jdlint.core.model import Finding
from jdlint.core.results import FileResult

__all__ = ["location", "render"]


def location(finding: Finding) -> str:
    """``12`` (TXT line), ``p12`` / ``p12.l3`` (DOCX paragraph / line in it), ``b5``."""
    source = finding.source
    if source.note is not None:
        return f"{source.note[0]}{source.note[1]}"  # footnote2, textbox1
    if source.line is not None:
        return str(source.line)
    if source.paragraph is not None:
        if source.subline is not None:
            return f"p{source.paragraph}.l{source.subline}"
        return f"p{source.paragraph}"
    return f"b{source.block + 1}"


def render(results: Sequence[FileResult]) -> str:
    """All findings of all files, one per line."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            lines.append(f"{result.display_path}: error: JD001 {result.error}")
            continue
        for finding in result.findings:
            clause = f" [{finding.clause}]" if finding.clause else ""
            message = " ".join(finding.message.split())
            lines.append(f"{result.display_path}:{location(finding)}: "
                         f"{finding.severity.label}: {finding.code}{clause} {message}")
    return "".join(f"{line}\n" for line in lines)
