"""Collection benchmark: ``jdlint check`` on 1,000 documents, cold and cached, 1 and 2 jobs.

    python bench/collection.py [--docs 1000] [--repeat 3] [--out bench/RESULTS-collection.md]

Generates ``--docs`` instructions from corpus/src (half DOCX built with
``jdlint.testing.docxbuild``, half TXT; each varied so no two files are equal), then runs the
real command line end to end in a subprocess, as a user or CI would:

* cold: an empty cache folder (everything linted, results written to the cache)
* cached: the same command again (every result read from the cache)
* ``--no-cache`` (with ``--with-no-cache``): for reference, nothing read or written

each with ``--jobs 1`` and ``--jobs 2``, ``--repeat`` times; the report gives the median and
the spread (min–max) so run-to-run noise is visible, plus peak resident memory of the largest
process. Output is JSON to a file, so printing costs what a machine format costs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jdlint.testing.docxbuild import text_to_docx

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "corpus" / "src").glob("*.txt"))
JDLINT = [sys.executable, "-m", "jdlint"]


def _vary(text: str, rng: random.Random, i: int) -> str:
    """Shuffle a few long numbered lines into a note block and stamp the copy's number."""
    lines = text.splitlines()
    extra = [ln for ln in lines if ln[:2].strip().isdigit() and len(ln) > 60]
    rng.shuffle(extra)
    return "\n".join(lines + [""] + [f"Примечание {i}: {ln}" for ln in extra[:4]])


def generate(folder: Path, count: int) -> None:
    """Write ``count`` documents (alternately DOCX and TXT) into ``folder``."""
    rng = random.Random(20261127)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for i in range(count):
        text = _vary(texts[i % len(texts)], rng, i)
        if i % 2:
            (folder / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        else:
            (folder / f"doc{i:05d}.docx").write_bytes(text_to_docx(text))


def snapshot(folder: Path) -> dict[str, str]:
    """Copy jdlint and its rules into ``folder``; the environment that runs that copy.

    NOTE: the cache key covers jdlint's own modules (size, mtime), so edits to the working
    tree during a run (other people's) would turn cached runs into cold ones.
    """
    ignore = shutil.ignore_patterns("__pycache__", "_rules")
    shutil.copytree(ROOT / "jdlint", folder / "jdlint", ignore=ignore)
    shutil.copytree(ROOT / "rules", folder / "rules")
    return {**os.environ, "PYTHONPATH": str(folder)}


ENV: dict[str, str] = dict(os.environ)


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*JDLINT, "check", *args], capture_output=True, text=True, check=False,
                          env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"jdlint failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-collection.md")
    parser.add_argument("--with-no-cache", action="store_true",
                        help="also time --no-cache runs")
    args = parser.parse_args(argv)
    times: dict[tuple[str, int], list[float]] = {}
    load_before = os.getloadavg()[1]
    with tempfile.TemporaryDirectory() as tmp:
        ENV.update(snapshot(Path(tmp) / "snapshot"))
        docs = Path(tmp) / "docs"
        docs.mkdir()
        generate(docs, args.docs)
        size_mb = sum(p.stat().st_size for p in docs.iterdir()) / 1e6
        base = ["--isolated", "--output-format", "json", "-o", str(Path(tmp) / "out.json")]
        _run([*base, "--no-cache", "--jobs", "1", str(docs / "doc00000.docx")])  # warm disk
        for rep in range(args.repeat):
            for jobs in (1, 2):
                cache = Path(tmp) / f"cache-{rep}-{jobs}"
                run = [*base, "--jobs", str(jobs), "--cache-dir", str(cache), str(docs)]
                times.setdefault(("cold", jobs), []).append(_run(run))
                times.setdefault(("cached", jobs), []).append(_run(run))
                if args.with_no_cache:
                    times.setdefault(("--no-cache", jobs), []).append(
                        _run([*base, "--jobs", str(jobs), "--no-cache", str(docs)]))
                print(f"pass {rep + 1}/{args.repeat}, --jobs {jobs}: "
                      + ", ".join(f"{k} {v[-1]:.1f} s" for (k, j), v in times.items()
                                  if j == jobs), flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = [
        "# Collection benchmark: cold vs cached, --jobs 1 vs 2",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {sys.platform}.",
        f"Corpus: {args.docs} generated instructions from corpus/src "
        f"({args.docs - args.docs // 2} DOCX, {args.docs // 2} TXT; {size_mb:.1f} MB), "
        f"every rule jdlint runs by default.",
        f"Command: `jdlint check --isolated --output-format json -o FILE --jobs N DIR` in a new "
        f"process (start-up included); {args.repeat} passes, median (min–max).",
        "",
        "| run | --jobs | seconds | docs/s | ms/doc |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for (kind, jobs), values in times.items():
        med = statistics.median(values)
        lines.append(f"| {kind} | {jobs} | {med:.1f} ({min(values):.1f}–{max(values):.1f}) | "
                     f"{args.docs / med:.0f} | {med * 1000 / args.docs:.1f} |")
    load_after = os.getloadavg()[1]
    lines += ["", f"Peak resident memory of one jdlint process: {peak_mb:.0f} MB.",
              f"Machine load (5-minute average) before / after: {load_before:.1f} / "
              f"{load_after:.1f} on {os.cpu_count()} cores; above ~0.5 other work shares the "
              f"cores and the figures (especially --jobs 2) are pessimistic.", ""]
    report = "\n".join(lines)
    print(report)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
