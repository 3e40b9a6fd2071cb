"""``jdlint check --diff``: the text changes the rules propose, as a unified-diff-like view.

One header per file (``--- path`` / ``+++ path (proposed)``), then one hunk per changed
paragraph or line: ``@@ <location> [clause] CODE… @@``, the old text after ``-`` and the new
after ``+``. Only proposals marked safe are shown, unless ``unsafe`` (``--unsafe-fixes``, as
in ruff) adds the others. The text comes from the finding's excerpt (the stored, not the
normalised, text), so a run answered from the cache shows the same diff; nothing is written
to any document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jdlint.core.model import Finding
from jdlint.core.records import record
from jdlint.core.results import FileResult

__all__ = ["Change", "changes_of", "render_diff"]


@record(slots=True)
class Change:
    """One proposal of one finding: ``original`` → ``replacement`` in its block."""

    finding: Finding
    original: str
    replacement: str
    safe: bool


def _original(finding: Finding) -> str | None:
    suggestion = finding.suggestion
    return None if suggestion is None else suggestion.original


def changes_of(result: FileResult, *, unsafe: bool) -> list[Change]:
    """The changes proposed for one file (safe ones; all with ``unsafe``), in order."""
    out: list[Change] = []
    for finding in result.findings:
        suggestion = finding.suggestion
        if suggestion is None or suggestion.replacement is None:
            continue
        if suggestion.applicability == "display-only" or (
                suggestion.applicability == "unsafe" and not unsafe):
            continue
        original = _original(finding)
        if not original:
            continue
        out.append(Change(finding, original, suggestion.replacement,
                          suggestion.applicability == "safe"))
    return out


def _pattern(words: str) -> re.Pattern[str]:
    # NOTE: the excerpt keeps the stored spaces (NBSP, runs) where the proposal has one space.
    return re.compile(r"\s+".join(re.escape(p) for p in words.split()))


def apply_to(text: str, changes: Sequence[Change]) -> str:
    """``text`` with every change whose words it holds applied (the first place each)."""
    for change in changes:
        found = _pattern(change.original).search(text)
        if found is not None:
            text = text[:found.start()] + change.replacement + text[found.end():]
    return text


def _hunk(changes: Sequence[Change], lang: str) -> list[str]:
    first = changes[0].finding
    where = first.source.describe(lang)
    clause = f" [{first.clause}]" if first.clause else ""
    codes = ", ".join(dict.fromkeys(
        c.finding.code + ("" if c.safe else " (unsafe)") for c in changes))
    old = first.excerpt
    new = apply_to(old, changes)
    if new == old:
        # NOTE: the excerpt was cut before the words: show the words themselves.
        lines = [f"@@ {where}{clause} {codes} @@"]
        for change in changes:
            lines += [f"-{change.original}", f"+{change.replacement}"]
        return lines
    return [f"@@ {where}{clause} {codes} @@", f"-{old}", f"+{new}"]


def render_diff(results: Sequence[FileResult], *, unsafe: bool, lang: str = "en"
                ) -> tuple[str, int]:
    """The diff text of every file and the number of changes in it."""
    lines: list[str] = []
    total = 0
    for result in results:
        changes = changes_of(result, unsafe=unsafe)
        if not changes:
            continue
        total += len(changes)
        lines += [f"--- {result.display_path}", f"+++ {result.display_path} (proposed)"]
        # NOTE: changes in one block share one hunk, so two proposals in a sentence show as
        # one new line.
        groups: dict[tuple[int, str], list[Change]] = {}
        for change in changes:
            key = (change.finding.source.block, change.finding.excerpt)
            groups.setdefault(key, []).append(change)
        for group in groups.values():
            lines += _hunk(group, lang)
    return ("\n".join(lines) + "\n" if lines else ""), total
