"""What a batch's size costs the parent before any file is linted: the plan's memory.

The scaling runs stop at 10,000 files; the parent holds one job per file for the whole run,
and the pool's workers are forked from it after it planned, so every process carries that
plan. ``plan_growth`` measures it directly: the peak RSS of ``jdlint check --show-files``
(which plans and prints the files, nothing else) over ``small`` and over ``large`` hard links
to the corpus (links cost no disk, and the scan lints hard links as separate files), so the
100,000-file row of the scaling table is an estimate built on a measured cost, not ``× 10``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from measure import Run, timed

__all__ = ["links", "plan_growth"]

# NOTE: the links live under bench/out, which .gitignore ignores
JDLINT_PLAN = ["check", "--no-cache", "--no-progress", "--no-respect-gitignore", "--show-files"]


def links(work: Path, files: Sequence[Path], count: int) -> Path:
    """A folder of ``count`` hard links to ``files`` (cycled through, in folders of at most
    ``len(files)``), made once under ``work`` and reused."""
    root = work / f"links{count}"
    marker = root / ".complete"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    for n in range(count):
        folder = root / f"f{n // len(files):03d}"
        if n % len(files) == 0:
            folder.mkdir(parents=True)
        source = files[n % len(files)]
        os.link(source, folder / source.name)
    marker.touch()
    return root


def plan_growth(python: Sequence[str], work: Path, files: Sequence[Path],
                small: int, large: int) -> tuple[Run, Run]:
    """The plan-only runs (``--show-files``) over ``small`` and ``large`` linked files."""
    return (timed([*python, *JDLINT_PLAN, str(links(work, files, small))]),
            timed([*python, *JDLINT_PLAN, str(links(work, files, large))]))
