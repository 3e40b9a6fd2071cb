"""The guard of speed work: a canonical digest of jdlint's findings per file.

    python bench/findings_digest.py [--jdlint CMD] [--jobs 2] [--write FILE] [--check FILE]

Runs ``jdlint check --output-format json --no-cache --isolated`` once per rule selection
(default rules, and ``--select ALL --preview``) over corpus/ (every .docx and .txt),
``../shared/seeds``, ``../shared/real-docs`` and ``../shared/wild/docs`` (the parts present),
and prints one line per file and selection: ``sha256  key``. The digest is the sha256 of the
file's error and its findings, each finding whole (code, severity, message, location with
clause, excerpt, data …) as canonical JSON, the findings sorted: so an optimisation that
changes any byte of any finding, or only their order inside the tool, shows here only when
the content changes. Keys are paths relative to the project (``corpus/…``) or to the shared
folder (``shared/…``), so the digest file holds no text of ../shared, only hashes.

``--write`` stores the digests as JSON; ``--check`` compares against such a file and exits 1
listing the files whose findings differ (``tests/test_findings_identical.py`` does the same).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# (key prefix, folder): the key prefix keeps the snapshot independent of where the
# worktree and the shared folder sit on disk.
SOURCES: tuple[tuple[str, Path], ...] = (
    ("corpus", ROOT / "corpus"),
    ("shared/seeds", SHARED / "seeds"),
    ("shared/real-docs", SHARED / "real-docs"),
    ("shared/wild/docs", SHARED / "wild" / "docs"),
)
SELECTIONS: dict[str, tuple[str, ...]] = {
    "default": (),
    "all": ("--select", "ALL", "--preview"),
}
SUFFIXES = (".docx", ".txt")


def inputs(sources: Iterable[tuple[str, Path]] = SOURCES) -> dict[str, Path]:
    """Key → file for every .docx/.txt under the sources that exist."""
    found: dict[str, Path] = {}
    for prefix, folder in sources:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES:
                found[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path
    return found


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# NOTE: the day of the run, which a finding may carry as data (JD201's "checked_on": the law in
# force on that day): without it the digest would change every day with the findings intact.
_RUN_DATE_KEYS = frozenset({"checked_on"})


def _undated(finding: dict[str, Any]) -> dict[str, Any]:
    data = finding.get("data")
    if not isinstance(data, dict) or not _RUN_DATE_KEYS & set(data):
        return finding
    return {**finding, "data": {k: v for k, v in data.items() if k not in _RUN_DATE_KEYS}}


def digest_entry(entry: dict[str, Any]) -> str:
    """sha256 of one file's error and sorted findings (each finding whole, canonical, without
    the run's date)."""
    findings = sorted(_canonical(_undated(f)) for f in entry.get("findings") or [])
    payload = _canonical({"error": entry.get("error"), "findings": findings})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def run(files: dict[str, Path], jdlint: Sequence[str], jobs: int,
        selection: Sequence[str]) -> dict[str, str]:
    """One ``jdlint check`` over all files; key → digest."""
    by_path = {str(path.resolve()): key for key, path in files.items()}
    cmd = [*jdlint, "check", "--output-format", "json", "--no-cache", "--isolated",
           "--no-progress", "--exit-zero", "--jobs", str(jobs), *selection,
           *(str(path.resolve()) for path in files.values())]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(cmd, capture_output=True, env=env, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"jdlint exited {done.returncode}: "
                         f"{done.stderr.decode('utf-8', 'replace').strip()[:500]}")
    report = json.loads(done.stdout)
    out: dict[str, str] = {}
    for entry in report["files"]:
        key = by_path.get(str(Path(entry["path"]).resolve()))
        if key is None:
            raise SystemExit(f"unexpected path in the report: {entry['path']}")
        out[key] = digest_entry(entry)
    missing = sorted(set(files) - set(out))
    if missing:
        raise SystemExit(f"no result for {len(missing)} files, e.g. {missing[0]}")
    return out


def digests(jdlint: Sequence[str], jobs: int = 2,
            files: dict[str, Path] | None = None) -> dict[str, dict[str, str]]:
    """Selection name → key → digest."""
    chosen = inputs() if files is None else files
    return {name: dict(sorted(run(chosen, jdlint, jobs, sel).items()))
            for name, sel in SELECTIONS.items()}


def compare(stored: dict[str, dict[str, str]],
            current: dict[str, dict[str, str]]) -> list[str]:
    """Differences, one line each; keys absent from ``current`` (no ../shared) are skipped."""
    diffs: list[str] = []
    for name, now in current.items():
        before = stored.get(name, {})
        for key, value in now.items():
            if key not in before:
                diffs.append(f"{name} {key}: not in the snapshot")
            elif before[key] != value:
                diffs.append(f"{name} {key}: findings differ")
    return diffs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jdlint", default=f"{sys.executable} -m jdlint",
                        help="command that runs jdlint (split on spaces)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", type=Path, help="store the digests in this JSON file")
    parser.add_argument("--check", type=Path, help="compare with this JSON file")
    args = parser.parse_args(argv)
    current = digests(args.jdlint.split(), args.jobs)
    if args.write:
        args.write.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", "utf-8")
    if args.check:
        diffs = compare(json.loads(args.check.read_text("utf-8")), current)
        for line in diffs:
            print(line)
        print(f"{sum(map(len, current.values()))} digests, {len(diffs)} differ")
        return 1 if diffs else 0
    if not args.write:
        for name, table in current.items():
            for key, value in table.items():
                print(f"{value}  {name}  {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
