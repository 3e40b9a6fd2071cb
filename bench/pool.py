"""CPU of a batch run split between the parent and its pool workers, two trees interleaved.

    python bench/pool.py --tree before=/tmp/base --tree after=. --docs DIR [--jobs 2] [--runs 3]

Each run is a fresh ``jdlint check --no-cache --no-progress --output-format json --jobs N
-o /dev/null`` over every file of ``--docs`` (issue 19's batch: pool start-up, pickling,
the parent's JSON included). The process reports its own CPU (``getrusage(RUSAGE_SELF)``,
user+sys) and its workers' (``RUSAGE_CHILDREN``) as it exits; the trees run in turn (A B A B
…), and the medians per tree are printed with the load average. The pool's own overhead is
the difference between ``--jobs 2`` and ``--jobs 1`` of the same tree.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import json, resource, sys
sys.argv = ["jdlint", *sys.argv[1:]]
from jdlint.entry import main
try:
    main()
except SystemExit:
    pass
def cpu(who):
    r = resource.getrusage(who)
    return (r.ru_utime + r.ru_stime) * 1000
def sys_(who):
    return resource.getrusage(who).ru_stime * 1000
sys.stderr.write("POOLCPU " + json.dumps([cpu(resource.RUSAGE_SELF),
                                          cpu(resource.RUSAGE_CHILDREN),
                                          sys_(resource.RUSAGE_SELF)
                                          + sys_(resource.RUSAGE_CHILDREN)]) + "\n")
"""


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def run(tree: Path, files: list[str], jobs: int) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree.resolve()), NO_COLOR="1")
    args = ["check", "--no-cache", "--no-progress", "--output-format", "json", "--exit-zero",
            "--jobs", str(jobs), "-o", "/dev/null", *files]
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, cwd=tree,
                          capture_output=True, text=True, check=True)
    line = next(x for x in done.stderr.splitlines() if x.startswith("POOLCPU "))
    parent, children, system = json.loads(line.split(" ", 1)[1])
    print(f"  (system CPU {system / len(files):.2f} ms/doc)")
    return parent, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="name=DIR")
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    trees = [(n, Path(d)) for n, d in (t.split("=", 1) for t in args.tree)]
    files = sorted(str(p.resolve()) for p in args.docs.iterdir() if p.is_file())
    n = len(files)
    got: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in trees}
    print(f"{n} files, --jobs {args.jobs}, load before {load()}")
    for i in range(args.runs):
        for name, tree in trees:
            parent, children = run(tree, files, args.jobs)
            got[name].append((parent, children))
            print(f"run {i} {name}: parent {parent / n:.2f} workers {children / n:.2f}"
                  f" total {(parent + children) / n:.2f} ms/doc (load {load()})", flush=True)
    for name, runs in got.items():
        parent = statistics.median(p for p, _ in runs) / n
        children = statistics.median(c for _, c in runs) / n
        total = statistics.median(p + c for p, c in runs) / n
        print(f"median {name}: parent {parent:.2f} workers {children:.2f} total {total:.2f}"
              " ms/doc")
    print(f"load after {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
