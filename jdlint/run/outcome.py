"""What ``jdlint check`` and ``jdlint report`` both do to a plan's results after linting:
the unreadable paths become JD001 results, the results are put in display order, each config's
waivers (or ``--waivers``) are applied, then the ``--baseline``.

One function for both commands, so that a report can never show a finding that ``check`` waived
or recorded in the baseline (issue 17 item 2). Raises ``UsageError`` for a missing or broken
waiver or baseline file; the callers print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdlint.core.model import Finding
from jdlint.core.results import FileResult
from jdlint.run.runner import Plan, apply_waivers
from jdlint.settings.waivers import Waiver

__all__ = ["Filtered", "filter_results", "with_problems"]


@dataclass(frozen=True)
class Filtered:
    """The results left to show, and what the waivers and the baseline did."""

    results: list[FileResult]
    waived: int = 0
    suppressed: int = 0
    fixed: int = 0
    warnings: tuple[str, ...] = ()


def with_problems(results: list[FileResult], work: Plan) -> list[FileResult]:
    """``results`` plus one JD001 result per path that could not be found, in display order."""
    out = list(results)
    out.extend(FileResult(display_path=p, format=None, error=reason)
               for p, reason in work.problems)
    out.sort(key=lambda r: r.display_path)
    return out


def filter_results(results: list[FileResult], work: Plan, *, waivers: Path | None = None,
                   baseline: Path | None = None,
                   suppressed: list[tuple[str, Finding, Waiver]] | None = None
                   ) -> Filtered:
    """Waivers first (each config's, or ``waivers`` for every file), then the baseline.
    Waived findings are appended to ``suppressed`` when given (SARIF shows them)."""
    from jdlint.settings.baseline import load_baseline

    typed, waived, warnings = apply_waivers(results, work, waivers, suppressed)
    if baseline is None:
        return Filtered(typed, waived, warnings=tuple(warnings))
    outcome = load_baseline(baseline).apply(typed)
    return Filtered(outcome.results, waived, outcome.suppressed, outcome.fixed,
                    tuple(warnings))
