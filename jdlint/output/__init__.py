"""Formatters: turn ``FileResult`` records into text; nothing here runs or imports rules.

``format_results(results, fmt)`` is what the CLI calls; ``rules_table`` and ``rule_doc`` render
the rule catalogue for ``jdlint rules`` and ``jdlint rule CODE``. Each format is one module,
imported only when its format is asked for: a cold ``jdlint check`` loads one formatter, not
eight (and rich only when the text report needs it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdlint.catalogue.ruledata import RuleMeta
    from jdlint.core.results import FileResult
    from jdlint.output.sarif import Suppressed

__all__ = ["FORMATS", "MACHINE_FORMATS", "find_rule", "format_results", "rule_doc", "rules_table"]

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "json-lines")
# NOTE: formats read by programs: no progress bar, no colour, nothing else on stdout.
MACHINE_FORMATS = frozenset(FORMATS) - {"text"}


def format_results(results: Sequence[FileResult], fmt: str = "text", *,
                   color: bool | None = None,
                   catalogue: Mapping[str, RuleMeta] | None = None,
                   width: int | None = None, summary: bool = True,
                   suppressed: Sequence[Suppressed] = ()) -> str:
    """Render ``results`` in ``fmt`` (one of ``FORMATS``); ``color=None`` means auto (text).

    ``catalogue`` (SARIF only) lists the rule descriptors, house rules included; ``width``
    (text only) wraps long messages at that many columns, None keeps one line per finding;
    ``summary=False`` (``-q``) drops the text report's closing line; ``suppressed`` (SARIF
    only) are the waived findings, listed with their waiver as suppressions.
    """
    # NOTE: each branch imports its own module (see the module docstring).
    if fmt == "text":
        from jdlint.output import text

        return text.render(results, color=color, width=width, summary=summary)
    if fmt == "concise":
        from jdlint.output import concise

        return concise.render(results)
    if fmt == "json":
        from jdlint.output import json

        return json.render(results)
    if fmt == "sarif":
        from jdlint.output import sarif

        return sarif.render(results, catalogue, suppressed)
    return _other(results, fmt)


def _other(results: Sequence[FileResult], fmt: str) -> str:
    """The formats that need nothing but the results."""
    if fmt == "github":
        from jdlint.output import github

        return github.render(results)
    if fmt == "gitlab":
        from jdlint.output import gitlab

        return gitlab.render(results)
    if fmt == "junit":
        from jdlint.output import junit

        return junit.render(results)
    if fmt == "json-lines":
        from jdlint.output import jsonlines

        return jsonlines.render(results)
    raise ValueError(f"unknown output format {fmt!r} ({', '.join(FORMATS)})")


def find_rule(code_or_name: str, catalogue: Mapping[str, RuleMeta] | None = None) -> RuleMeta:
    """A rule by code, name or alias (``jdlint.output.ruledocs.find_rule``)."""
    from jdlint.output import ruledocs

    return ruledocs.find_rule(code_or_name, catalogue)


def rule_doc(code: str, lang: str = "en",
             catalogue: Mapping[str, RuleMeta] | None = None) -> str:
    """Plain-text documentation of one rule (``jdlint.output.ruledocs.rule_doc``)."""
    from jdlint.output import ruledocs

    return ruledocs.rule_doc(code, lang, catalogue)


def rules_table(*, color: bool | None = None, include_removed: bool = False,
                catalogue: Mapping[str, RuleMeta] | None = None, width: int | None = None
                ) -> str:
    """All rules as a table (``jdlint.output.ruledocs.rules_table``)."""
    from jdlint.output import ruledocs

    return ruledocs.rules_table(color=color, include_removed=include_removed,
                                catalogue=catalogue, width=width)
