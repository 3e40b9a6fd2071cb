"""The plan of a batch holds little per file (issue 19: the parent keeps one job a file for the
whole run, and every worker forked from it inherits them; at 100,000 files ~1 KB a file was
~100 MB in each process).

Memory is counted with tracemalloc (allocations, not time), as the difference between a plan
of many files and one of few, so the one-time costs (imports, the rule catalogue) cancel.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from jdlint.run.parallel import Job
from jdlint.run.runner import plan
from jdlint.settings.resolve import Overrides

# NOTE: ~260 B a file now (the path's string, the job, the list slot and what pymalloc keeps
# around them); ~1,000 B before the jobs kept their paths as strings and the plan dropped the
# scan's Paths
_BYTES_PER_FILE = 400


def _folder(root: Path, count: int) -> Path:
    root.mkdir()
    for i in range(count):
        (root / f"instruction_{i:05d}_менеджер.txt").write_text("1. Общие положения\n",
                                                                 encoding="utf-8")
    return root


def _held(folder: Path) -> tuple[int, int]:
    """Bytes still allocated after planning ``folder`` (the plan alive), and its job count."""
    plan([str(folder)], Overrides())  # NOTE: warm: imports and caches are not the plan's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work = plan([str(folder)], Overrides())
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    return held, len(work.jobs)


def test_a_plan_holds_a_few_hundred_bytes_a_file(tmp_path: Path) -> None:
    few, few_jobs = _held(_folder(tmp_path / "few", 50))
    many, many_jobs = _held(_folder(tmp_path / "many", 1050))
    assert (few_jobs, many_jobs) == (50, 1050)
    per_file = (many - few) / (many_jobs - few_jobs)
    assert per_file < _BYTES_PER_FILE, f"{per_file:.0f} bytes a file"


def test_the_plan_keeps_no_scan_paths(tmp_path: Path) -> None:
    work = plan([str(_folder(tmp_path / "docs", 3))], Overrides())
    assert work.scan.files == [] and work.scan.real == {}
    assert [Path(job.name).name for job in work.jobs] == [
        f"instruction_{i:05d}_менеджер.txt" for i in range(3)]


def test_a_job_gives_back_the_path_it_was_made_of(tmp_path: Path) -> None:
    work = plan([str(_folder(tmp_path / "docs", 1))], Overrides())
    job = work.jobs[0]
    path = tmp_path / "docs" / "instruction_00000_менеджер.txt"
    assert job.target == path and isinstance(job.target, Path) and not job.stdin
    again = Job.of(path, job.resolved, job.codes)
    assert again == job
    assert not hasattr(job, "__dict__")  # NOTE: slots: no per-job dict


def test_standard_input_stays_a_dash() -> None:
    work = plan(["-"], Overrides())
    (job,) = work.jobs
    assert job.target == "-" and isinstance(job.target, str) and job.stdin


@pytest.mark.parametrize("name", ["a.DOCX", "dir.v2/b.txt", ".hidden.rtf", "noext"])
def test_a_job_round_trips_names(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    job = Job.of(path, plan(["-"], Overrides()).jobs[0].resolved, ())
    assert job.target == path and str(job.target) == job.name


def test_the_scan_keeps_each_files_real_path_as_a_string(tmp_path: Path) -> None:
    from jdlint.run.scan import scan

    folder = _folder(tmp_path / "docs", 2)
    (tmp_path / "linked").mkdir()
    link = tmp_path / "linked" / "instruction_00009_менеджер.txt"
    link.symlink_to(folder / "instruction_00001_менеджер.txt")
    found = scan([str(folder), str(link)])
    # NOTE: the link names a file the folder gave already: one file, its first name kept
    assert found.files == [folder / "instruction_00000_менеджер.txt",
                           folder / "instruction_00001_менеджер.txt"]
    assert found.real == {str(f): str(f.resolve()) for f in found.files}
    assert all(type(k) is str and type(v) is str for k, v in found.real.items())
