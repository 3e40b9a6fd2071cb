"""What every benchmark script shares: the machine and its load, a timed subprocess with the
peak memory of each of its processes, and the generated corpus (issue 19).

A shared 2-core machine moves wall-clock figures with the neighbours' load, so ``timed``
also returns the CPU time the command's whole process tree used (``RUSAGE_CHILDREN`` before
and after: a worker's CPU reaches it once its parent has waited for it).
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# NOTE: a user's interpreter writes and reuses bytecode; with PYTHONDONTWRITEBYTECODE set (as
# in some CI and sandbox shells) every run would compile jdlint's modules again, about 0.4 s
# of every cold start here, which no user pays after the first run.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def machine() -> str:
    cpu = "cpu ?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1048576:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}")


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory of ``pid`` and all its descendants, KiB: (sum, largest process)."""
    total, largest, stack = 0, 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    kib = int(line.split()[1])
                    total += kib
                    largest = max(largest, kib)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total, largest


@dataclass(frozen=True)
class Run:
    """One command: wall and CPU seconds (the whole tree), peak RSS in MB of the tree's sum and
    of its largest single process (sampled every 50 ms)."""

    wall: float
    cpu: float
    tree_mb: float
    proc_mb: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: Sequence[str], *, ok: Sequence[int] = (0, 1)) -> Run:
    """Run ``cmd`` (output discarded, in a temporary working directory, bytecode allowed)."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=tempfile.gettempdir(), env=USER_ENV)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total, largest = tree_rss_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd[:6])} … exited {proc.returncode}: {err[-800:]!r}")
    return Run(elapsed, _children_cpu() - cpu_before, peak[0] / 1024, peak[1] / 1024)


def corpus(work: Path, count: int) -> list[Path]:
    """The first ``count`` documents of ``bench/generate.py``'s corpus in ``work/corpus``
    (generated once and reused; half DOCX, half TXT)."""
    from generate import generate

    folder = work / "corpus"
    have = sorted(folder.glob("*.*")) if folder.is_dir() else []
    if len(have) < count:
        print(f"generating {count - len(have)} documents into {folder} …", flush=True)
        generate(folder, count - len(have), start=len(have))
        have = sorted(folder.glob("*.*"))
    return have[:count]


def spread(values: Sequence[float], digits: int = 3) -> str:
    med = statistics.median(values)
    return (f"median {med:.{digits}f}, min {min(values):.{digits}f}, "
            f"max {max(values):.{digits}f}")
