"""Formatters: turn ``FileResult`` records into text; nothing here runs or imports rules.

``format_results(results, fmt)`` is what the CLI calls; ``rules_table`` and ``rule_doc`` render
the rule catalogue for ``jdlint rules`` and ``jdlint rule CODE``. Each format is one module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.core.results import FileResult
from jdlint.output import concise, github, gitlab, json, jsonlines, junit, sarif, text
from jdlint.output.ruledocs import find_rule, rule_doc, rules_table

__all__ = ["FORMATS", "MACHINE_FORMATS", "find_rule", "format_results", "rule_doc", "rules_table"]

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "json-lines")
# NOTE: formats read by programs: no progress bar, no colour, nothing else on stdout.
MACHINE_FORMATS = frozenset(FORMATS) - {"text"}


def format_results(results: Sequence[FileResult], fmt: str = "text", *,
                   color: bool | None = None,
                   catalogue: Mapping[str, RuleMeta] | None = None,
                   width: int | None = None, summary: bool = True,
                   suppressed: Sequence[sarif.Suppressed] = ()) -> str:
    """Render ``results`` in ``fmt`` (one of ``FORMATS``); ``color=None`` means auto (text).

    ``catalogue`` (SARIF only) lists the rule descriptors, house rules included; ``width``
    (text only) wraps long messages at that many columns, None keeps one line per finding;
    ``summary=False`` (``-q``) drops the text report's closing line; ``suppressed`` (SARIF
    only) are the waived findings, listed with their waiver as suppressions.
    """
    if fmt == "text":
        return text.render(results, color=color, width=width, summary=summary)
    if fmt == "concise":
        return concise.render(results)
    if fmt == "json":
        return json.render(results)
    if fmt == "sarif":
        return sarif.render(results, catalogue, suppressed)
    if fmt == "github":
        return github.render(results)
    if fmt == "gitlab":
        return gitlab.render(results)
    if fmt == "junit":
        return junit.render(results)
    if fmt == "json-lines":
        return jsonlines.render(results)
    raise ValueError(f"unknown output format {fmt!r} ({', '.join(FORMATS)})")
