"""Speed work must not change a finding: the findings of corpus/, ../shared/seeds,
../shared/real-docs and ../shared/wild/docs (default rules, and ALL with preview) hash to the
digests stored in tests/data/findings-digest.json before any optimisation (issue 19).

The digest leaves out the day of the run (JD201's ``checked_on``), so it holds on any date;
it was refreshed once for that (on 2026-12-07, from the tree of 32fa683, whose findings
matched the first snapshot of e7bc2bb). The snapshot holds only sha256 digests keyed by
relative path, no text of ../shared. Files under
../shared are simply not run when the folder is absent. To refresh the snapshot after an
intended change of findings (never for an optimisation):
``python bench/findings_digest.py --write tests/data/findings-digest.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import findings_digest as fd  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / "findings-digest.json"
JDLINT = [sys.executable, "-m", "jdlint"]


def stored() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(SNAPSHOT.read_text("utf-8"))
    return data


def test_snapshot_covers_every_input() -> None:
    """A file added to corpus/ (or ../shared) without refreshing the snapshot is noticed."""
    keys = set(fd.inputs())
    for name in fd.SELECTIONS:
        assert keys <= set(stored()[name]), sorted(keys - set(stored()[name]))[:5]
    assert any(key.startswith("corpus/") for key in keys)


@pytest.mark.parametrize("selection", sorted(fd.SELECTIONS))
def test_findings_identical(selection: str) -> None:
    files = fd.inputs()
    current = fd.run(files, JDLINT, 2, fd.SELECTIONS[selection])
    diffs = fd.compare({selection: stored()[selection]}, {selection: current})
    assert not diffs, "\n".join(diffs[:20])


def test_digest_sees_a_changed_finding() -> None:
    """The guard can fail: one byte of one finding, or one finding fewer, changes the digest;
    the order of findings does not."""
    first = {"code": "JD201", "message": "a", "location": {"line": 3, "clause": "2.1"}}
    second = {"code": "JD104", "message": "b", "location": {"line": 9, "clause": None}}
    entry = {"error": None, "findings": [first, second]}
    base = fd.digest_entry(entry)
    assert fd.digest_entry({"error": None, "findings": [second, first]}) == base
    assert fd.digest_entry({"error": None, "findings": [first]}) != base
    changed = {**first, "location": {"line": 3, "clause": "2.2"}}
    assert fd.digest_entry({"error": None, "findings": [changed, second]}) != base
    assert fd.digest_entry({"error": "unreadable", "findings": [first, second]}) != base
    assert fd.compare({"default": {"corpus/x.txt": base}},
                      {"default": {"corpus/x.txt": fd.digest_entry({"findings": []})}})


def test_digest_ignores_the_run_date_only() -> None:
    """JD201 carries the day it checked the law in force ("checked_on"): the snapshot must hold
    on any day, while every other data value still counts."""
    def finding(data: dict[str, object]) -> dict[str, object]:
        return {"code": "JD201", "message": "a", "data": data}

    today = fd.digest_entry({"findings": [finding({"checked_on": "2026-12-06", "cap": 20})]})
    assert fd.digest_entry({"findings": [finding({"checked_on": "2027-03-01",
                                                  "cap": 20})]}) == today
    assert fd.digest_entry({"findings": [finding({"checked_on": "2026-12-06",
                                                  "cap": 25})]}) != today
    assert fd.digest_entry({"findings": [finding({"cap": 20})]}) == today
