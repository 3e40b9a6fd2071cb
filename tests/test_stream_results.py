"""``run.parallel.iter_results`` streams: results come in job order as they are done, only a
few chunks are in flight per worker (so finished results never pile up in the parent), and a
cache entry that goes away before its turn is linted again instead of lost (issue 19)."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import jdlint.run.parallel as parallel
from jdlint.run.cache import ResultCache
from jdlint.run.runner import plan
from jdlint.settings.resolve import Overrides

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for n in range(24):
        source = SOURCES[n % len(SOURCES)]
        shutil.copy(source, tmp_path / "docs" / f"{n:02d}_{source.name}")
    return tmp_path / "docs"


def test_only_a_window_of_chunks_is_in_flight(docs: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    submitted: list[int] = []
    real = ProcessPoolExecutor.submit

    def counting(self: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Any:
        submitted.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting)
    work = plan([str(docs)], Overrides(), isolated=True)
    assert len(work.jobs) == 24  # 19 chunks (parallel.chunk_sizes), a window of 3 × 2
    stream = parallel.iter_results(work.jobs, workers=2)
    first = next(stream)
    chunks = len(parallel.chunk_sizes(24, 2))
    assert len(submitted) <= 3 * 2 + 1 < chunks
    rest = list(stream)
    assert len(submitted) == chunks
    names = [r.display_path for r in (first, *rest)]
    assert names == [parallel.display_path(j.target) for j in work.jobs]
    assert all(r.error is None for r in (first, *rest))


def test_streamed_results_equal_the_listed_ones(docs: Path) -> None:
    work = plan([str(docs)], Overrides(), isolated=True)
    jobs = work.jobs[:6]
    one = parallel.run_jobs(jobs, workers=1)
    two = list(parallel.iter_results(jobs, workers=2))
    assert [r.findings for r in one] == [r.findings for r in two]
    assert any(r.findings for r in one)


def test_a_cache_entry_gone_before_its_turn_is_linted(docs: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    work = plan([str(docs)], Overrides(), isolated=True)
    jobs = work.jobs[:5]
    cache = ResultCache(tmp_path / "cache")
    first = parallel.run_jobs(jobs, cache=cache)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 5
    real_get = ResultCache.get
    asked: list[str] = []

    def vanishing(self: ResultCache, key: str) -> Any:
        asked.append(key)
        if asked.count(key) == 2 and len(set(asked)) == 5:
            for entry in entries:  # pruned by another run between the plan and the turn
                entry.unlink(missing_ok=True)
        return real_get(self, key)

    monkeypatch.setattr(ResultCache, "get", vanishing)
    again = parallel.run_jobs(jobs, cache=cache)
    assert [r.findings for r in again] == [r.findings for r in first]
    assert [r.display_path for r in again] == [r.display_path for r in first]


def test_standard_input_is_read_here_with_workers(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from jdlint.cli import cli

    monkeypatch.chdir(tmp_path)
    for n, source in enumerate(SOURCES[:4]):
        shutil.copy(source, tmp_path / f"{n}_{source.name}")
    text = SOURCES[0].read_text(encoding="utf-8")
    names = [f"{n}_{s.name}" for n, s in enumerate(SOURCES[:4])]
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--jobs", "2", "--output-format",
                                      "json", "-", *names], input=text)
    import json

    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files["-"]["error"] is None  # a worker would have read an empty /dev/null
    assert [f["code"] for f in files["-"]["findings"]] == \
        [f["code"] for f in files[names[0]]["findings"]]


def test_a_linting_process_settles_its_collector_after_the_first_file(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    source = tmp_path / "a.txt"
    shutil.copy(SOURCES[0], source)
    code = (
        "import gc, json, sys\n"
        "from jdlint.run.parallel import lint_job\n"
        "from jdlint.run.runner import plan\n"
        "from jdlint.settings.resolve import Overrides\n"
        "job = plan([sys.argv[1]], Overrides(), isolated=True).jobs[0]\n"
        "before = (gc.get_threshold()[0], gc.get_freeze_count())\n"
        "lint_job(job)\n"
        "after = (gc.get_threshold()[0], gc.get_freeze_count())\n"
        "gc.set_threshold(0)\n"
        "lint_job(job)\n"
        "print(json.dumps([before, after, gc.get_threshold()[0]]))\n")
    out = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    before, after, off = json.loads(out)
    from jdlint.run import gcwindow

    assert before[0] == 700 and after[0] == gcwindow.FIRST_GENERATION
    assert after[1] > before[1] + 1000  # the rules, analysers and caches are frozen
    assert off == 0  # settled once: a collector turned off later stays off


def test_a_pool_broken_between_chunks_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker dies after its chunk came back: the next submit raises, and every chunk not
    # yet back is linted one file per process instead (as when a result raises)
    from collections import deque
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from jdlint.core.results import FileResult

    def result(name: str) -> FileResult:
        return FileResult(display_path=name, format="txt")

    done: Future[list[FileResult]] = Future()
    done.set_result([result("a")])
    waiting: Future[list[FileResult]] = Future()  # never finishes: its worker died
    alone: list[str] = []

    def fake_alone(job: Any, keep: bool) -> FileResult:
        alone.append(job)
        return result(job)

    def broken_submit(chunk: Any) -> Future[list[FileResult]]:
        raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr(parallel, "_alone", fake_alone)
    pending = deque([(("a",), done), (("b",), waiting)])
    chunks = deque([("c", "d")])
    out = list(parallel._collect(chunks, pending, broken_submit, 2, False))  # type: ignore[arg-type]
    assert [r.display_path for r in out] == ["a", "b", "c", "d"]
    assert alone == ["b", "c", "d"]
