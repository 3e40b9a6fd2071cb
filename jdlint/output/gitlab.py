"""GitLab Code Quality output (``--output-format gitlab``): the JSON array GitLab reads from a
``codequality`` report artifact (https://docs.gitlab.com/ci/testing/code_quality/).

Each finding is an issue with ``description``, ``check_name`` (the rule code), ``severity``
(error → major, warning → minor, info → info; an unreadable file → blocker), a
``fingerprint`` unique within the report (the finding's own fingerprint, stable under edits,
hashed with the path and made unique when a file repeats a finding) and ``location.lines.begin``
(the TXT line, or the DOCX paragraph number: GitLab has no other unit).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, Final

from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult

__all__ = ["render"]

_SEVERITY: Final = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(path: str, code: str, description: str, severity: str, line: int,
           key: str) -> dict[str, Any]:
    return {"type": "issue", "check_name": code, "description": description,
            "categories": ["Compliance"], "severity": severity, "fingerprint": key,
            "location": {"path": path, "lines": {"begin": line}}}


def _line(finding: Finding) -> int:
    source = finding.source
    return source.line or source.paragraph or source.block + 1


def render(results: Sequence[FileResult]) -> str:
    """The Code Quality report (a JSON array, possibly empty)."""
    issues: list[dict[str, Any]] = []
    used: set[str] = set()

    def unique(*parts: str) -> str:
        digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
        key, n = digest, 1
        while key in used:
            n += 1
            key = hashlib.sha256(f"{digest}\0{n}".encode()).hexdigest()
        used.add(key)
        return key

    for result in results:
        path = result.display_path
        if result.error is not None:
            issues.append(_issue(path, "JD001", f"JD001 {result.error}", "blocker", 1,
                                 unique(path, "JD001")))
            continue
        for finding in result.findings:
            clause = f" [{finding.clause}]" if finding.clause else ""
            message = " ".join(finding.message.split())
            issues.append(_issue(path, finding.code, f"{finding.code}{clause} {message}",
                                 _SEVERITY[finding.severity], _line(finding),
                                 unique(path, finding.code, finding.fingerprint)))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
