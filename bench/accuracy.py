"""Accuracy on real documents written by others: the wild set's scorer, run per gold file and
per variant, against the floor recorded in ``bench/accuracy-floor.json``.

    python bench/accuracy.py                  # measure, print, compare with the floor
    python bench/accuracy.py --write-md       # also rewrite bench/ACCURACY.md
    python bench/accuracy.py --raise-floor    # raise the floor to what was measured (never lowers)
    python bench/accuracy.py --reset-floor G  # set gold file G's floor to the measurement
                                              # (only when the gold moved: say so in the commit)

The set, its gold and ``score.py`` live in ``../shared/wild`` (next to the repository; absent in a
user's clone, then this script says so and exits 2). The scorer runs the installed ``jdlint``
(the one beside this interpreter) on copies of the documents. Figures per gold file and variant
(``gold-a.yaml/txt``, ``gold-a.yaml/docx``): recall_high, precision, precision_strict, and for DOCX
variants the numbering agreement with Word's rendering. ``tests/test_accuracy.py`` runs the same
measurement and fails when a figure falls below its floor.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WILD = ROOT.parent / "shared" / "wild"
FLOOR = ROOT / "bench" / "accuracy-floor.json"
REPORT = ROOT / "bench" / "ACCURACY.md"
METRICS = ("recall_high", "precision", "precision_strict", "numbering_agreement")


def jdlint_command() -> str:
    """The jdlint installed beside this interpreter (the README's venv), else ``python -m``."""
    script = Path(sys.executable).parent / "jdlint"
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m jdlint"


def gold_files() -> list[Path]:
    return sorted(WILD.glob("gold-*.yaml"))


def _variants(gold: Path) -> list[str]:
    """The variants a gold file's documents come in (the scorer's own reading of ``files``)."""
    data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
    found = {v for doc in data.get("documents") or () for v in (doc.get("files") or {})}
    return [v for v in ("txt", "docx") if v in found]


def _run_scorer(gold: Path, variant: str, cmd: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="jdacc-") as tmp:
        out = Path(tmp) / "score.json"
        args = [sys.executable, str(WILD / "score.py"), "--jdlint", cmd, "--gold", str(gold),
                "--docs", variant, "--json", str(out)]
        if variant == "docx":
            args.append("--numbering")
        proc = subprocess.run(args, capture_output=True, text=True, timeout=1800, check=False)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"score.py failed on {gold.name}/{variant}: "
                               f"{(proc.stdout + proc.stderr)[-2000:]}")
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        data["last_lines"] = proc.stdout.strip().splitlines()[-7:]
        return data


def measure(cmd: str | None = None) -> dict[str, dict[str, Any]]:
    """Scorer figures by ``<gold file>/<variant>``."""
    cmd = cmd or jdlint_command()
    result: dict[str, dict[str, Any]] = {}
    for gold in gold_files():
        for variant in _variants(gold):
            data = _run_scorer(gold, variant, cmd)
            figures: dict[str, Any] = {k: data[k] for k in ("recall_high", "recall_all",
                                                           "precision", "precision_strict",
                                                           "hits", "expected", "hits_high",
                                                           "expected_high", "false_positives",
                                                           "unscored", "errors", "docs")}
            if "numbering_agreement" in data:
                figures["numbering_agreement"] = data["numbering_agreement"]
            figures["by_kind"] = data["by_kind"]
            figures["last_lines"] = data["last_lines"]
            result[f"{gold.name}/{variant}"] = figures
    return result


def load_floor() -> dict[str, dict[str, float]]:
    if not FLOOR.exists():
        return {}
    data: dict[str, dict[str, float]] = json.loads(FLOOR.read_text(encoding="utf-8"))["floor"]
    return data


def below_floor(figures: dict[str, dict[str, Any]],
                floor: dict[str, dict[str, float]]) -> list[str]:
    """One line per figure under its floor. A gold file with no floor has none yet (a new file);
    a floor whose gold file is gone is not checked."""
    problems = []
    for key, limits in sorted(floor.items()):
        if key not in figures:
            continue
        for metric, limit in sorted(limits.items()):
            value = figures[key].get(metric)
            if value is None or value + 1e-9 < limit:
                problems.append(f"{key} {metric}={value} is below the floor {limit}")
    return problems


def _floor_of(figures: dict[str, Any]) -> dict[str, float]:
    # NOTE: truncated to 3 decimals so that the floor never sits above what was measured.
    return {m: math.floor(float(figures[m]) * 1000) / 1000 for m in METRICS if m in figures}


def write_floor(figures: dict[str, dict[str, Any]], reset: set[str]) -> dict[str, dict[str, float]]:
    """Raise every figure to what was measured; lower only the gold files named in ``reset``."""
    floor = load_floor()
    for key, values in figures.items():
        new = _floor_of(values)
        if key.split("/")[0] in reset or key not in floor:
            floor[key] = new
        else:
            floor[key] = {m: max(v, floor[key].get(m, 0.0)) for m, v in new.items()}
    FLOOR.write_text(json.dumps({
        "about": "Accuracy floor on ../shared/wild (bench/accuracy.py). It only rises: raise it "
                 "in the commit that earns it; reset a gold file only when the gold moved.",
        "floor": dict(sorted(floor.items()))}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    return floor


def markdown(figures: dict[str, dict[str, Any]], floor: dict[str, dict[str, float]]) -> str:
    lines = ["# Accuracy on real documents (`../shared/wild`)", "",
             "Written by `python bench/accuracy.py --write-md`; the floor that CI guards "
             "(`tests/test_accuracy.py`) is `bench/accuracy-floor.json`. Targets (issue 13): "
             "recall_high ≥ 0.90, precision ≥ 0.95, precision_strict ≥ 0.80, numbering ≥ 0.99.", "",
             "| gold file / variant | docs | recall_high | recall_all | precision | "
             "precision_strict | numbering | false pos. | unscored |",
             "|---|---|---|---|---|---|---|---|---|"]
    for key, f in sorted(figures.items()):
        num = f.get("numbering_agreement")
        lines.append(f"| {key} | {f['docs']} | {f['recall_high']:.2f} ({f['hits_high']}/"
                     f"{f['expected_high']}) | {f['recall_all']:.2f} ({f['hits']}/{f['expected']}) "
                     f"| {f['precision']:.2f} | {f['precision_strict']:.2f} | "
                     f"{'' if num is None else f'{num:.3f}'} | {f['false_positives']} | "
                     f"{f['unscored']} |")
    lines += ["", "## Found / expected by kind", ""]
    kinds = sorted({k for f in figures.values() for k in f["by_kind"]})
    keys = sorted(figures)
    lines.append("| kind | " + " | ".join(keys) + " |")
    lines.append("|---|" + "---|" * len(keys))
    for kind in kinds:
        cells = []
        for key in keys:
            k = figures[key]["by_kind"].get(kind)
            cells.append(f"{k['hit']}/{k['expected']}" if k else "")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "## The scorer's last lines", ""]
    for key, f in sorted(figures.items()):
        lines += [f"`{key}`", "", "```", *f["last_lines"], "```", ""]
    lines += ["## Floor", "", "```json", json.dumps(floor, indent=1), "```", ""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jdlint", default="", help="how to run jdlint (default: beside python)")
    ap.add_argument("--write-md", action="store_true")
    ap.add_argument("--raise-floor", action="store_true")
    ap.add_argument("--reset-floor", action="append", default=[], metavar="GOLD_FILE")
    args = ap.parse_args()
    if not (WILD / "score.py").exists():
        print(f"no wild set at {WILD}: nothing to measure", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    figures = measure(args.jdlint or None)
    for key, f in sorted(figures.items()):
        print(f"{key}: recall_high={f['recall_high']:.2f} precision={f['precision']:.2f} "
              f"precision_strict={f['precision_strict']:.2f}"
              + (f" numbering={f['numbering_agreement']:.3f}" if "numbering_agreement" in f
                 else ""))
    floor = load_floor()
    if args.raise_floor or args.reset_floor:
        floor = write_floor(figures, set(args.reset_floor))
    if args.write_md:
        REPORT.write_text(markdown(figures, floor), encoding="utf-8")
    problems = below_floor(figures, floor)
    for line in problems:
        print("BELOW FLOOR:", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
