"""Golden expectations from corpus/manifest.yaml: every planted defect of an implemented
(stable) rule is reported at its clause in every form of the document, the clean documents
get no finding at all, and no rule reports the lawful look-alikes listed as traps.

New rules join this test by becoming stable: nothing here names a rule.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.core.model import Finding
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import Rule, load_rules

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
MANIFEST: list[dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))


@cache
def stable_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules().values()
                 if r.check is not None and r.meta.status == "stable")


def stable_codes() -> frozenset[str]:
    return frozenset(r.code for r in stable_rules())


def forms(entry: dict[str, Any]) -> list[Path]:
    return sorted((CORPUS / entry["lang"]).glob(entry["name"] + ".*"))


CASES = [pytest.param(entry, path, id=path.name) for entry in MANIFEST for path in forms(entry)]


@cache
def findings(path: Path) -> tuple[Finding, ...]:
    result = lint_file(path, stable_rules(), Settings())
    assert result.error is None, result.error
    return result.findings


def _form_has(defect: dict[str, Any], path: Path) -> bool:
    only = defect.get("only_in")
    if not only:
        return True
    suffixes = {"docx-tracked": ".tracked.docx"}
    return any(path.name.endswith(suffixes.get(o, o)) for o in only)


def _matches(finding: Finding, defect: dict[str, Any]) -> bool:
    if finding.code != defect["code"]:
        return False
    clause = defect.get("clause")
    if clause is not None and finding.clause != clause:
        return False
    section = defect.get("section")
    if section is not None and clause is not None:
        return finding.section is not None and finding.section.value == section
    return True


@pytest.mark.parametrize(("entry", "path"), CASES)
def test_planted_defects_are_found(entry: dict[str, Any], path: Path) -> None:
    expected = [d for d in entry.get("defects", [])
                if d["code"] in stable_codes() and _form_has(d, path) and "known_miss" not in d]
    got = findings(path)
    missing = [d for d in expected if not any(_matches(f, d) for f in got)]
    assert not missing, "\n".join(
        f"{d['code']} at {d.get('clause')}: {d.get('note')}" for d in missing)


KNOWN_MISSES = [pytest.param(d, path, id=f"{path.name}-{d['code']}-{d['clause']}")
                for entry in MANIFEST for path in forms(entry)
                for d in entry.get("defects", []) if "known_miss" in d]


@pytest.mark.parametrize(("defect", "path"), KNOWN_MISSES)
def test_known_misses_are_still_missed(defect: dict[str, Any], path: Path) -> None:
    """A defect marked ``known_miss`` must really be missed: once a rule finds it, the marker
    (and the excuse in it) has to go."""
    assert not any(_matches(f, defect) for f in findings(path)), (
        f"{defect['code']} at {defect['clause']} is found now: remove known_miss")


@pytest.mark.parametrize(("entry", "path"), [c for c in CASES if c.values[0].get("clean")])
def test_clean_documents_have_no_findings(entry: dict[str, Any], path: Path) -> None:
    # NOTE: JD403 at info is the coverage report of the claimed professional standard (issue
    # [5 of 8]): a measurement, not a defect, so a clean document citing 06.029 carries it.
    got = [f for f in findings(path) if not (f.code == "JD403" and f.severity.label == "info")]
    assert not got, "\n".join(f"{f.code} {f.clause}: {f.message}" for f in got)


@pytest.mark.parametrize(("entry", "path"), [c for c in CASES if c.values[0].get("traps")])
def test_traps_are_not_reported(entry: dict[str, Any], path: Path) -> None:
    got = findings(path)
    for trap in entry["traps"]:
        wrong = [f for f in got if f.code == trap["code"]
                 and (trap.get("clause") is None or f.clause == trap["clause"])
                 and trap["excerpt"].split()[0].lower() in f.excerpt.lower()]
        assert not wrong, f"{trap['code']} on a lawful clause: {trap['note']}"
