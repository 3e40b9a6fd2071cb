"""Reach of the labour-law rules (every JD2xx in the catalogue): their cases and real text.

    python bench/labour_reach.py [--wild ../shared/wild]

For each rule, as Markdown:

* cases: the bad and good cases of ``tests/rules/CODE.yaml`` (TXT form; the DOCX form of each
  runs in the test suite) and its ``docs`` examples, how many bad ones the rule finds and how
  many good ones it keeps silent;
* wild: the rule's findings on the real documents of ``../shared/wild`` (TXT and DOCX), by
  severity, when that folder is beside the project (skipped otherwise: a user's clone has
  none). The scorer (``../shared/wild/score.py``) says which of them a lawyer marked.

The list of rules comes from the catalogue, so a new JD2xx rule is counted without an edit here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WILD = ROOT.parent / "shared" / "wild"


def case_counts() -> dict[str, dict[str, int]]:
    """Per JD2xx rule: bad cases, bad found, good cases, good silent (TXT form)."""
    from jdlint.engine.registry import load_rules
    from jdlint.testing.cases import load_case_file, run_case

    out: dict[str, dict[str, int]] = {}
    for code, rule in sorted(load_rules().items()):
        if not code.startswith("JD2"):
            continue
        path = ROOT / "tests" / "rules" / f"{code}.yaml"
        cases = [c for c in load_case_file(path, meta=rule.meta) if c.fmt == "txt"] \
            if path.is_file() else []
        row = Counter[str]()
        for case in cases:
            kind = "good" if case.expect is None else "bad"
            row[kind] += 1
            if run_case(case, rule) is None:
                row[f"{kind}_ok"] += 1
        out[code] = {k: row[k] for k in ("bad", "bad_ok", "good", "good_ok")}
    return out


def wild_counts(wild: Path) -> dict[str, Counter[str]]:
    """Per rule: its findings on the wild documents by severity."""
    docs = sorted(p for p in (wild / "docs").glob("*") if p.suffix in (".txt", ".docx"))
    if not docs:
        return {}
    proc = subprocess.run([sys.executable, "-m", "jdlint", "check", "--isolated", "--no-cache",
                           "--select", "JD2", "--output-format", "json", *map(str, docs)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    out: dict[str, Counter[str]] = {}
    for file in json.loads(proc.stdout)["files"]:
        for finding in file["findings"]:
            out.setdefault(finding["code"], Counter())[finding["severity"]] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wild", type=Path, default=WILD)
    args = parser.parse_args(argv)
    cases = case_counts()
    wild = wild_counts(args.wild) if (args.wild / "docs").is_dir() else None
    print("| rule | bad cases found | good cases silent | wild findings (error/warning/info) |")
    print("|---|---|---|---|")
    for code, c in cases.items():
        w = "skipped (no ../shared/wild)" if wild is None else "/".join(
            str(wild.get(code, Counter())[s]) for s in ("error", "warning", "info"))
        print(f"| {code} | {c['bad_ok']}/{c['bad']} | {c['good_ok']}/{c['good']} | {w} |")
    return 0 if all(c["bad_ok"] == c["bad"] and c["good_ok"] == c["good"]
                    for c in cases.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
