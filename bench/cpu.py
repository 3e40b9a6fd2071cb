"""CPU time per document and of a cold start, two source trees interleaved (issue 19).

    python bench/cpu.py --tree before=/tmp/base --tree after=. --docs DIR [--passes 3] [--cold 10]

Wall-clock figures on a shared 2-core machine move with the neighbours' load; CPU time of
the process moves much less. For every pass, and for each tree in turn (A B A B …), a fresh
process imports jdlint from that tree, lints the first file once (imports, analysers, rule
catalogue: warm), then lints every DOCX and every TXT of ``--docs`` in-process
(``jdlint check --jobs 1 --no-cache --output-format json``, report to /dev/null) and
reports ``time.process_time`` per document, DOCX and TXT separately. The cold start is the
user+sys CPU of a fresh ``python -m jdlint check --no-cache one.docx`` (``getrusage`` of the
child), the trees again interleaved, median of ``--cold``. The load average is printed with
every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

_CHILD = r"""
import json, sys, time
from pathlib import Path
from click.testing import CliRunner
from jdlint.cli import cli
docs = [Path(p) for p in json.loads(sys.argv[1])]
args = ["check", "--no-cache", "--no-progress", "--output-format", "json", "--jobs", "1",
        "--exit-zero", "-o", "/dev/null"]
CliRunner().invoke(cli, [*args, str(docs[0])])
out = {}
for kind in ("docx", "txt"):
    chosen = [str(p) for p in docs if p.suffix == "." + kind]
    if not chosen:
        continue
    start = time.process_time()
    result = CliRunner().invoke(cli, [*args, *chosen])
    out[kind] = (time.process_time() - start) / len(chosen) * 1000
    assert result.exit_code == 0, result.output[-300:]
print(json.dumps(out))
"""


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def env_for(tree: Path) -> dict[str, str]:
    # NOTE: a user's install has bytecode; with PYTHONDONTWRITEBYTECODE (set on some
    # machines) every cold start would compile ~130 modules from source (~0.4 s).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree.resolve()), "NO_COLOR": "1"}


def warm_pass(tree: Path, docs: Sequence[Path]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(list(map(str, docs)))],
                          env=env_for(tree), cwd=tree, capture_output=True, text=True,
                          check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def cold_cpu(tree: Path, one: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "jdlint", "check", "--no-cache", "--no-progress",
                    "--exit-zero", "-o", os.devnull, str(one.resolve())],
                   env=env_for(tree), cwd=tree, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", required=True,
                        help="name=path of a source tree (repeat; interleaved in this order)")
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--cold", type=int, default=10)
    args = parser.parse_args(argv)
    trees = {name: Path(path) for name, path in (t.split("=", 1) for t in args.tree)}
    docs = sorted(p for p in args.docs.iterdir() if p.suffix in (".docx", ".txt"))
    one = next(p for p in docs if p.suffix == ".docx")
    print(f"{len(docs)} documents in {args.docs}; cold file {one.name}; load {load()}")
    warm: dict[str, dict[str, list[float]]] = {n: {"docx": [], "txt": []} for n in trees}
    for index in range(args.passes):
        for name, tree in trees.items():
            figures = warm_pass(tree, docs)
            for kind, value in figures.items():
                warm[name][kind].append(value)
            shown = ", ".join(f"{k} {v:.1f} ms/doc" for k, v in figures.items())
            print(f"pass {index + 1} {name}: {shown} (load {load()})", flush=True)
    cold: dict[str, list[float]] = {n: [] for n in trees}
    for tree in trees.values():
        cold_cpu(tree, one)  # bytecode written once, not counted
    for _ in range(args.cold):
        for name, tree in trees.items():
            cold[name].append(cold_cpu(tree, one))
    print(f"cold runs done (load {load()})")
    for name in trees:
        parts = [f"{kind} {statistics.median(v):.1f} ms/doc (range {min(v):.1f}-{max(v):.1f})"
                 for kind, v in warm[name].items() if v]
        values = cold[name]
        parts.append(f"cold {statistics.median(values):.3f} s CPU "
                     f"(range {min(values):.3f}-{max(values):.3f})")
        print(f"{name}: " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
