"""Baselines: adopt jdlint on legacy documents by recording today's findings as known.

``--write-baseline FILE`` records every finding of the run; ``--baseline FILE`` then reports
only findings that are not recorded, so only new problems fail. An entry is the file's path
(relative to the baseline file's folder, forward slashes), the rule code and the finding's
fingerprint (rule code + clause text with numbers, punctuation, case and line breaks removed +
occurrence), so renumbering clauses or re-wrapping text keeps the baseline valid, while
editing the wording of a flagged clause makes its finding new again. Entries are counted: two
identical findings need two entries. The file is JSON, sorted, one entry per line, so diffs of
a baseline in review stay readable.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from jdlint.core.errors import UsageError
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.core.userfiles import load_json

__all__ = ["Baseline", "BaselineOutcome", "BaselineRun", "load_baseline", "write_baseline"]

VERSION: Final = 1
_Key = tuple[str, str, str]  # (path, code, fingerprint)


def _path_key(display_path: str, root: Path) -> str:
    # NOTE: relative even outside the baseline's folder ("../docs/a.docx"), so a baseline
    # kept in ci/ stays valid in every clone.
    if display_path == "-":
        return "-"
    return Path(os.path.relpath(os.path.abspath(display_path), root)).as_posix()


@record
class BaselineOutcome:
    """What applying a baseline did: findings hidden, and entries that matched nothing."""

    results: list[FileResult]
    suppressed: int
    fixed: int


@record
class Baseline:
    """Recorded findings, counted per (path, code, fingerprint)."""

    path: Path
    entries: Counter[_Key]

    def apply(self, results: Sequence[FileResult]) -> BaselineOutcome:
        """Drop recorded findings; count entries of linted files that no longer occur."""
        run = BaselineRun(self)
        out = [run.apply(result) for result in results]
        return BaselineOutcome(out, run.suppressed, run.fixed())


class BaselineRun:
    """``Baseline.apply`` one file at a time (``jdlint report`` streams its results): the
    same findings dropped, and ``fixed`` counted once all files are in."""

    def __init__(self, baseline: Baseline) -> None:
        self.remaining = Counter(baseline.entries)
        self.root = baseline.path.parent
        self.suppressed = 0
        self.linted: set[str] = set()

    def apply(self, result: FileResult) -> FileResult:
        """``result`` without its recorded findings."""
        name = _path_key(result.display_path, self.root)
        self.linted.add(name)
        remaining = self.remaining
        kept = []
        for finding in result.findings:
            key = (name, finding.code, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                self.suppressed += 1
            else:
                kept.append(finding)
        return replace(result, findings=tuple(kept))

    def fixed(self) -> int:
        """Entries of the files seen that matched no finding."""
        return sum(n for (name, _, _), n in self.remaining.items()
                   if name in self.linted and n > 0)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; ``UsageError`` with a plain reason when it is unusable."""
    try:
        data = load_json(path, "baseline")
    except FileNotFoundError:
        raise UsageError(f"baseline file {path} does not exist (create it with "
                         f"--write-baseline {path})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise UsageError(f"baseline {path} is not a jdlint baseline (version {VERSION})")
    entries: Counter[_Key] = Counter()
    for i, item in enumerate(data["findings"]):
        try:
            entries[(str(item["path"]), str(item["code"]), str(item["fingerprint"]))] += 1
        except (KeyError, TypeError):
            raise UsageError(f"baseline {path}: entry {i + 1} needs path, code and "
                             f"fingerprint") from None
    return Baseline(path.resolve(), entries)


def _entries(results: Iterable[FileResult], root: Path) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        name = _path_key(result.display_path, root)
        for f in result.findings:
            rows.append({"path": name, "code": f.code, "fingerprint": f.fingerprint,
                         "clause": f.clause, "message": " ".join(f.message.split())[:160]})
    rows.sort(key=lambda r: (r["path"], r["code"], r["fingerprint"]))
    return rows


def write_baseline(path: Path, results: Sequence[FileResult]) -> int:
    """Write every finding of ``results`` to ``path``; returns the number of entries."""
    rows = _entries(results, path.resolve().parent)
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
    text = (f'{{\n  "version": {VERSION},\n  "tool": "jdlint",\n  "findings": [\n'
            f"{lines}{chr(10) if rows else ''}  ]\n}}\n")
    from jdlint.core.safeout import OutputError, write_atomic

    try:
        write_atomic(path, text)
    except OutputError as exc:
        raise UsageError(f"baseline: {exc}") from None
    return len(rows)
