"""CPU time per document and of a cold start, two source trees interleaved (issue 19).

    python bench/cpu.py --tree before=/tmp/base --tree after=. --docs DIR [--passes 3] [--cold 10]

Wall-clock figures on a shared 2-core machine move with the neighbours' load; CPU time of
the process moves much less. One worker process per tree imports jdlint from that tree and
lints the first file once (imports, analysers, rule catalogue: warm); then, for every pass,
each file of ``--docs`` is linted by each worker in turn (A B A B …, file by file),
in-process (``jdlint check --jobs 1 --no-cache --output-format json``, report to /dev/null),
and ``time.process_time`` is summed per tree, DOCX and TXT separately. The cold start is the
user+sys CPU of a fresh ``python -m jdlint check --no-cache one.docx`` (``getrusage`` of the
child), the trees again interleaved, median of ``--cold``. The load average is printed with
every figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

_CHILD = r"""
import sys, time
from click.testing import CliRunner
from jdlint.cli import cli
args = ["check", "--no-cache", "--no-progress", "--output-format", "json", "--jobs", "1",
        "--exit-zero", "-o", "/dev/null"]
for line in sys.stdin:
    start = time.process_time()
    result = CliRunner().invoke(cli, [*args, line.rstrip("\n")])
    assert result.exit_code == 0, result.output[-300:]
    print((time.process_time() - start) * 1000, flush=True)
"""


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def env_for(tree: Path) -> dict[str, str]:
    # NOTE: a user's install has bytecode; with PYTHONDONTWRITEBYTECODE (set on some
    # machines) every cold start would compile ~130 modules from source (~0.4 s).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree.resolve()), "NO_COLOR": "1"}


class Worker:
    """A process that lints one file per line of its input and answers with its CPU ms."""

    def __init__(self, tree: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _CHILD], env=env_for(tree),
                                     cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)

    def lint(self, path: Path) -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{path.resolve()}\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


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
    # NOTE: one worker per tree, warmed on the first file, then the trees take turns file by
    # file (A B A B …): both see the same machine within milliseconds, which whole passes
    # minutes apart did not (the same tree moved ±15 % between passes at load 2-6).
    workers = {name: Worker(tree) for name, tree in trees.items()}
    for worker in workers.values():
        worker.lint(docs[0])
    warm: dict[str, dict[str, list[float]]] = {n: {"docx": [], "txt": []} for n in trees}
    for index in range(args.passes):
        sums: dict[str, dict[str, float]] = {n: {"docx": 0.0, "txt": 0.0} for n in trees}
        for path in docs:
            for name, worker in workers.items():
                sums[name][path.suffix[1:]] += worker.lint(path)
        for name in trees:
            for kind in ("docx", "txt"):
                count = sum(1 for p in docs if p.suffix[1:] == kind)
                if count:
                    warm[name][kind].append(sums[name][kind] / count)
            shown = ", ".join(f"{k} {v[-1]:.1f} ms/doc" for k, v in warm[name].items() if v)
            print(f"pass {index + 1} {name}: {shown} (load {load()})", flush=True)
    for worker in workers.values():
        worker.close()
    cold: dict[str, list[float]] = {n: [] for n in trees}
    for tree in trees.values() if args.cold else ():
        cold_cpu(tree, one)  # bytecode written once, not counted
    for _ in range(args.cold):
        for name, tree in trees.items():
            cold[name].append(cold_cpu(tree, one))
    print(f"cold runs done (load {load()})")
    for name in trees:
        parts = [f"{kind} {statistics.median(v):.1f} ms/doc (range {min(v):.1f}-{max(v):.1f})"
                 for kind, v in warm[name].items() if v]
        values = cold[name]
        if values:  # NOTE: ``--cold 0`` measures the warm figures only
            parts.append(f"cold {statistics.median(values):.3f} s CPU "
                         f"(range {min(values):.3f}-{max(values):.3f})")
        print(f"{name}: " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
