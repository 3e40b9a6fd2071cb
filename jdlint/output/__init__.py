"""Formatters: turn ``FileResult`` records into text; nothing here runs or imports rules.

``format_results(results, fmt)`` is what the CLI calls; ``rules_table`` and ``rule_doc`` render
the rule catalogue for ``jdlint rules`` and ``jdlint rule CODE``. Each format is one module.
"""

from __future__ import annotations

from collections.abc import Sequence

from jdlint.output import concise, json, text
from jdlint.output.ruledocs import find_rule, rule_doc, rules_table
from jdlint.results import FileResult

__all__ = ["FORMATS", "find_rule", "format_results", "rule_doc", "rules_table"]

FORMATS = ("text", "concise", "json")


def format_results(results: Sequence[FileResult], fmt: str = "text", *,
                   color: bool | None = None) -> str:
    """Render ``results`` in ``fmt`` (text | concise | json); ``color=None`` means auto (text)."""
    if fmt == "text":
        return text.render(results, color=color)
    if fmt == "concise":
        return concise.render(results)
    if fmt == "json":
        return json.render(results)
    raise ValueError(f"unknown output format {fmt!r} ({', '.join(FORMATS)})")
