"""``jdlint duplicates`` end to end on generated collections: wall time, documents per second
and the peak resident memory of the whole process tree (parent and workers, sampled).

    python bench/duplicates_cli.py [--sizes 1000 10000 100000] [--jobs 2] [--out FILE]

The collection is ``bench/duplicates.py``'s generator (Russian and Lithuanian TXT instructions
from the clause pools of ``corpus/src``, 5 % planted near-copies), written once per size into
a temporary folder. Budget (issue 19): 100,000 documents in at most 5 minutes and 1 GB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duplicates import generate
from measure import load, machine, timed


def measure(size: int, jobs: int) -> dict[str, float]:
    texts, _planted = generate(size, 0.05)
    with tempfile.TemporaryDirectory(prefix="jdlint-dup-") as tmp:
        folder = Path(tmp)
        for n, text in enumerate(texts):
            sub = folder / f"{n // 1000:03d}"  # NOTE: 1,000 files per folder, as archives do
            sub.mkdir(exist_ok=True)
            (sub / f"{n:06d}.txt").write_text(text, encoding="utf-8")
        jdlint = str(Path(sys.executable).with_name("jdlint"))
        run = timed([jdlint, "duplicates", "--output-format", "json", "--jobs", str(jobs),
                     str(folder)])
    return {"size": size, "wall": run.wall, "cpu": run.cpu, "peak": run.tree_mb,
            "proc_mb": run.proc_mb, "rate": size / run.wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    lines = [f"Machine: {machine()}; load before: {load()}; --jobs {args.jobs}; "
             f"{os.cpu_count()} CPUs.", "",
             "| documents | wall | documents/s | CPU s | peak RSS, process tree "
             "| largest process |",
             "|---:|---:|---:|---:|---:|---:|"]
    for size in args.sizes:
        row = measure(size, args.jobs)
        print(row, flush=True)
        lines.append(f"| {size:,} | {row['wall']:.1f} s | {row['rate']:.0f} | {row['cpu']:.0f} | "
                     f"{row['peak']:.0f} MB | {row['proc_mb']:.0f} MB |")
    lines.append(f"\nLoad after: {load()}.")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
