"""``jdlint report`` on 100 and 1,000 documents: peak memory of every process, wall time, HTML
size (issue 19: "peak RSS of any process ≤ 250 MB").

    python bench/report_scale.py [--sizes 100 1000] [--work bench/out] [--tree DIR]
                                 [--jobs N] [--repeated N] [--out FILE]

The documents are ``bench/generate.py``'s (as ``bench/run.py``'s ``corpus()``: generated once
into ``WORK/corpus``, reused after). Each size runs ``python -m jdlint report`` as a child
process on the first N of them, from the source tree ``--tree`` (default: this one; give a
``git archive`` export of main to measure before a change). A sampler thread reads
``/proc/PID/status`` of the child and of each of its descendants every 50 ms and keeps the
highest RSS of any single process and the highest sum over the tree. The CPU time is the
user + system time of the child and the workers it waited for (``getrusage`` of the children).
Wall time moves with the machine's load (printed with the table); memory and CPU much less.
``measure(files)`` returns one row as a dict, for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from measure import USER_ENV as _ENV  # noqa: E402  (bytecode allowed, as a user's run)
from measure import corpus  # noqa: E402


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    out, stack = [], [pid]
    while stack:
        current = stack.pop()
        out.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return out


def measure(files: Sequence[Path], *, tree: Path = ROOT, jobs: int | None = None,
            repeated: int | None = None) -> dict[str, Any]:
    """Run ``jdlint report`` on ``files``; documents, wall and CPU seconds, peak RSS of the largest
    process and of the process tree (MB), processes seen, HTML bytes, exit code."""
    with tempfile.TemporaryDirectory(prefix="jdlint-report-scale-") as tmp:
        out = Path(tmp) / "report.html"
        # NOTE: the files are named one by one: the first N of a folder, whatever it holds
        cmd = [sys.executable, "-m", "jdlint", "report", "-o", str(out)]
        if jobs is not None:
            cmd += ["--jobs", str(jobs)]
        if repeated is not None:
            cmd += ["--repeated", str(repeated)]
        cmd += [str(f.resolve()) for f in files]
        env = {**_ENV, "PYTHONPATH": str(tree.resolve())}
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # NOTE: cwd is the tree, so ``-m jdlint`` imports that tree's code before any install
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                cwd=tree, env=env)
        peak_one, peak_sum, seen = [0], [0], set()
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                pids = _tree(proc.pid)
                seen.update(pids)
                sizes = [_rss_kb(p) for p in pids]
                peak_one[0] = max(peak_one[0], max(sizes, default=0))
                peak_sum[0] = max(peak_sum[0], sum(sizes))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, err = proc.communicate()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
        done.set()
        sampler.join()
        if proc.returncode not in (0, 2) or not out.is_file():
            raise RuntimeError(f"jdlint report exited {proc.returncode}: {err[-800:]!r}")
        return {"documents": len(files), "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                "peak_rss_process_mb": round(peak_one[0] / 1024, 1),
                "peak_rss_tree_mb": round(peak_sum[0] / 1024, 1), "processes": len(seen),
                "html_mb": round(out.stat().st_size / 2**20, 2), "exit": proc.returncode}


def table(rows: Sequence[dict[str, Any]], label: str) -> str:
    """The rows as a markdown table, with the load average when measured."""
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [f"`jdlint report` ({label}), load average {load}", "",
             "| documents | peak RSS, largest process (MB) | peak RSS, process tree (MB) "
             "| processes | wall (s) | CPU (s) | HTML (MB) |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['documents']} | {r['peak_rss_process_mb']} | {r['peak_rss_tree_mb']} "
              f"| {r['processes']} | {r['wall_s']} | {r['cpu_s']} | {r['html_mb']} |"
              for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--tree", type=Path, default=ROOT,
                        help="source tree whose jdlint runs (default: this one)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="--jobs for the report (the tree before issue 19 has none)")
    parser.add_argument("--repeated", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    args = parser.parse_args(argv)
    files = corpus(args.work, max(args.sizes))
    rows = []
    for size in args.sizes:
        rows.append(measure(files[:size], tree=args.tree, jobs=args.jobs,
                            repeated=args.repeated))
        print(rows[-1], flush=True)
    label = f"tree {args.tree}" + (f", --jobs {args.jobs}" if args.jobs else "") + \
        (f", --repeated {args.repeated}" if args.repeated else "")
    text = table(rows, label)
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
