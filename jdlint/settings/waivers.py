"""Waivers: accepted findings with a reason, an author and an expiry date (``jdlint-waivers.toml``).

A signed legal document cannot carry ``noqa`` comments, so exceptions live beside the
documents. Each ``[[waiver]]`` names what it covers, either a ``fingerprint`` (from the JSON or
SARIF output; a prefix of 8+ characters is enough) or a ``code`` with a ``file`` glob and an
optional ``clause``, and must give ``reason``, ``author`` and ``expires`` (a date). An expired
waiver covers nothing, so its findings come back; it and every stale waiver (one whose file was
linted but which matched no finding) are reported as warnings on standard error. Globs are
relative to the waiver file's folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jdlint.core.errors import UsageError
from jdlint.core.model import Finding
from jdlint.core.records import record
from jdlint.core.results import FileResult
from jdlint.core.userfiles import load_toml
from jdlint.settings.config import glob_matches

__all__ = ["WAIVERS_NAME", "Waiver", "WaiverFile", "WaiverOutcome", "WaiverRun", "load_waivers"]

WAIVERS_NAME = "jdlint-waivers.toml"
_KEYS = ("fingerprint", "code", "file", "clause", "reason", "author", "expires")


@record
class Waiver:
    """One accepted finding (or group of findings)."""

    number: int
    reason: str
    author: str
    expires: date
    fingerprint: str | None = None
    code: str | None = None
    file: str | None = None
    clause: str | None = None

    def describe(self) -> str:
        """"waiver 3 (JD104 in legacy/a.docx, clause 2.3; by Ona Petraitė)"."""
        what = self.code or f"fingerprint {self.fingerprint}"
        where = f" in {self.file}" if self.file else ""
        clause = f", clause {self.clause}" if self.clause else ""
        return f"waiver {self.number} ({what}{where}{clause}; by {self.author})"

    def covers_file(self, relpath: str) -> bool:
        """Whether this waiver is about ``relpath`` (a fingerprint waiver without file: any)."""
        return self.file is None or glob_matches(self.file, relpath)

    def covers(self, finding: Finding, relpath: str) -> bool:
        """Whether this waiver accepts ``finding`` of the file ``relpath``."""
        if not self.covers_file(relpath):
            return False
        if self.fingerprint is not None and not finding.fingerprint.startswith(self.fingerprint):
            return False
        if self.code is not None and finding.code != self.code:
            return False
        return self.clause is None or finding.clause == self.clause


@record
class WaiverOutcome:
    """Findings left after the waivers, and one warning per expired or stale waiver."""

    results: list[FileResult]
    waived: int
    warnings: list[str]
    # NOTE: (display path, finding, waiver) of every waived finding, for SARIF `suppressions`
    suppressed: list[tuple[str, Finding, Waiver]] = field(default_factory=list)


@record
class WaiverFile:
    """The waivers of one file, applied to the results of the files it governs."""

    path: Path
    waivers: tuple[Waiver, ...]

    def apply(self, results: Sequence[FileResult], today: date | None = None) -> WaiverOutcome:
        """Remove waived findings; report expired and stale waivers."""
        run = WaiverRun(self, today)
        out = [run.apply(result) for result in results]
        return WaiverOutcome(out, run.waived, run.warnings(), run.suppressed)


class WaiverRun:
    """``WaiverFile.apply`` one file at a time, for callers that stream their results
    (``jdlint report``): the same findings removed, the same warnings once all files are in."""

    def __init__(self, waivers: WaiverFile, today: date | None = None) -> None:
        self.file = waivers
        self.today = today or date.today()
        self.live = [w for w in waivers.waivers if w.expires >= self.today]
        self.used: set[int] = set()
        self.concerned: set[int] = set()
        self.waived = 0
        self.suppressed: list[tuple[str, Finding, Waiver]] = []

    def apply(self, result: FileResult) -> FileResult:
        """``result`` without its waived findings."""
        # NOTE: relative even outside the waiver file's folder ("../docs/a.docx").
        relpath = Path(os.path.relpath(os.path.abspath(result.display_path),
                                       self.file.path.parent)).as_posix()
        if result.error is not None:
            return result
        live = self.live
        self.concerned.update(w.number for w in live if w.covers_file(relpath) and w.file)
        kept = []
        for finding in result.findings:
            hit = next((w for w in live if w.covers(finding, relpath)), None)
            if hit is None:
                kept.append(finding)
            else:
                self.used.add(hit.number)
                self.waived += 1
                self.suppressed.append((result.display_path, finding, hit))
        return replace(result, findings=tuple(kept))

    def warnings(self) -> list[str]:
        """One warning per expired waiver, then one per stale waiver (of the files seen)."""
        path, today = self.file.path, self.today
        warnings = [f"{path}: {w.describe()} expired on {w.expires.isoformat()}; its "
                    f"findings are reported again" for w in self.file.waivers if w.expires < today]
        warnings += [f"{path}: {w.describe()} matches no finding any more; remove it"
                     for w in self.live if w.number in self.concerned and w.number not in self.used]
        return warnings


def _text(path: Path, n: int, item: dict[str, Any], key: str, required: bool) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise UsageError(f"{path}: waiver {n} needs '{key}'")
        return None
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{path}: waiver {n}: '{key}' must be a non-empty string")
    return value.strip()


def load_waivers(path: Path) -> WaiverFile:
    """Read and validate a waiver file; ``UsageError`` naming the waiver when it is wrong."""
    try:
        data = load_toml(path, "waiver file")
    except FileNotFoundError:
        raise UsageError(f"cannot read waiver file {path}: no such file") from None
    items = data.get("waiver", [])
    if not isinstance(items, list):
        raise UsageError(f"{path}: waivers are written as [[waiver]] tables")
    waivers: list[Waiver] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UsageError(f"{path}: waiver {n} is not a table: write it as [[waiver]]")
        for key in item:
            if key not in _KEYS:
                raise UsageError(f"{path}: waiver {n}: unknown key '{key}' "
                                 f"(known: {', '.join(_KEYS)})")
        fingerprint = _text(path, n, item, "fingerprint", False)
        code = _text(path, n, item, "code", False)
        file = _text(path, n, item, "file", False)
        if fingerprint is None and (code is None or file is None):
            raise UsageError(f"{path}: waiver {n} needs a 'fingerprint', or a 'code' and a "
                             f"'file'")
        if fingerprint is not None and len(fingerprint) < 8:
            raise UsageError(f"{path}: waiver {n}: 'fingerprint' needs at least 8 characters")
        raw = item.get("expires")
        try:
            # NOTE: TOML's datetime is a date subclass that does not compare with a date.
            expires = raw.date() if isinstance(raw, datetime) else \
                raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            raise UsageError(f"{path}: waiver {n} needs 'expires' as a date, like "
                             f"2026-12-31 (got {raw!r})") from None
        waivers.append(Waiver(
            number=n, reason=str(_text(path, n, item, "reason", True)),
            author=str(_text(path, n, item, "author", True)), expires=expires,
            fingerprint=fingerprint, code=code.upper() if code else None, file=file,
            clause=_text(path, n, item, "clause", False)))
    return WaiverFile(path.resolve(), tuple(waivers))


def default_waivers(config_root: Path) -> Path | None:
    """``jdlint-waivers.toml`` beside the config (or in the current folder), if it exists."""
    candidate = config_root / WAIVERS_NAME
    return candidate if candidate.is_file() else None
