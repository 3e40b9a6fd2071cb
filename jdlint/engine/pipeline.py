"""One file through the whole pipeline: read → find instructions → choose profiles → lint.

The CLI, the report and the tests call ``lint_file``; it never raises for a bad input file
(the reason becomes ``FileResult.error``, JD001) and never writes to the input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from jdlint.core.errors import InputError
from jdlint.core.model import Language, RawDocument, Severity
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.engine.registry import Rule
from jdlint.readers import read_path, read_stdin
from jdlint.structure import FileAnalysis, analyse

__all__ = ["Settings", "analyse_file", "lint_file", "read_target"]


@record
class Settings:
    """What the user chose for one run (command line merged with configuration)."""

    language: Language | None = None  # None: detect per instruction
    output_lang: str | None = None  # None: the document's language
    profile: str | None = None  # None: chosen per instruction
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def read_target(target: Path | str) -> RawDocument:
    """Read a file path or "-" (stdin); raises ``InputError`` with a one-line reason."""
    if isinstance(target, str):
        if target == "-":
            return read_stdin()
        target = Path(target)
    return read_path(target)


def analyse_file(target: Path | str, settings: Settings) -> FileAnalysis:
    """Read and structure one file (what ``jdlint show`` prints)."""
    return analyse(read_target(target), language=settings.language, profile=settings.profile)


def display_path(target: Path | str) -> str:
    """How a target is named in output."""
    return target if isinstance(target, str) else str(target)


def lint_file(target: Path | str, rules: Sequence[Rule], settings: Settings) -> FileResult:
    """Lint one file; an unreadable file gives a result with ``error`` set, not an exception."""
    name = display_path(target)
    try:
        analysis = analyse_file(target, settings)
    except InputError as exc:
        return FileResult(display_path=name, format=None, error=exc.reason)
    from jdlint.engine.lint import lint  # NOTE: rules' imports stay out of `jdlint show`

    findings = lint(analysis.documents, rules, lang=settings.output_lang,
                    severities=settings.severities, options=settings.options)
    first = analysis.documents[0] if analysis.documents else None
    return FileResult(
        display_path=name,
        format=analysis.raw.format,
        documents=analysis.documents,
        findings=tuple(findings),
        language=first.language if first else None,
        profile=first.profile if first else None,
    )
