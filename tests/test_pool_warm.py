"""``run.warm``: a pool that forks gets its workers' rules and analysers built once in the
parent; one that spawns builds nothing there, and its workers still send results that equal
the in-process ones (issue 19)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))

_PROBE = """
import gc, json, sys
import multiprocessing
multiprocessing.set_start_method(sys.argv[1])
from jdlint.nlp import lithuanian, russian
from jdlint.run import parallel
from jdlint.run.runner import plan
from jdlint.run.warm import warm
from jdlint.settings.resolve import Overrides
jobs = plan(sys.argv[2:], Overrides(), isolated=True).jobs
frozen = gc.get_freeze_count()
built = warm(jobs, parallel._rules)
print(json.dumps({"built": built, "rules": parallel._rules.cache_info().currsize,
                  "ru": russian.loaded(), "lt": lithuanian.loaded(),
                  "txt": "jdlint.readers.txt" in sys.modules,
                  "frozen": gc.get_freeze_count() - frozen}))
"""


def _probe(method: str, files: list[Path]) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", _PROBE, method, *map(str, files)],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    got: dict[str, object] = json.loads(out)
    return got


def test_a_forking_pool_is_warmed_in_the_parent(tmp_path: Path) -> None:
    files = []
    for n, source in enumerate(SOURCES[:3]):
        files.append(tmp_path / f"{n}.txt")
        shutil.copy(source, files[-1])
    got = _probe("fork", files)
    assert got["built"] is True and got["ru"] is True and got["lt"] is True
    assert got["rules"] == 1  # one config, no per-file ignores: one rule set
    assert got["txt"] is True
    assert isinstance(got["frozen"], int) and got["frozen"] > 1000


def test_a_spawning_pool_is_not(tmp_path: Path) -> None:
    files = [tmp_path / "a.txt"]
    shutil.copy(SOURCES[0], files[0])
    got = _probe("spawn", files)
    assert got == {"built": False, "rules": 0, "ru": False, "lt": False,
                   "txt": got["txt"], "frozen": 0}


_SPAWNED = """
import json, sys
import multiprocessing
from jdlint.output.json import render
from jdlint.run.parallel import iter_results
from jdlint.run.runner import plan
from jdlint.settings.resolve import Overrides
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    jobs = plan(sys.argv[1:], Overrides(), isolated=True).jobs
    pooled = render(list(iter_results(jobs, workers=2)))
    alone = render(list(iter_results(jobs, workers=1)))
    print(json.dumps([pooled == alone, len(jobs)]))
"""


def test_spawned_workers_send_what_in_process_linting_gives(tmp_path: Path) -> None:
    files = []
    for n in range(5):
        files.append(tmp_path / f"{n}.txt")
        shutil.copy(SOURCES[n % len(SOURCES)], files[-1])
    script = tmp_path / "spawned.py"
    script.write_text(_SPAWNED, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), *map(str, files)], capture_output=True,
                         text=True, check=True, timeout=300, cwd=tmp_path).stdout
    assert json.loads(out) == [True, 5]


def test_a_failure_while_warming_is_left_to_the_workers(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import jdlint.nlp
    from jdlint.run import parallel, warm
    from jdlint.run.runner import plan
    from jdlint.settings.resolve import Overrides

    source = tmp_path / "a.txt"
    shutil.copy(SOURCES[0], source)
    jobs = plan([str(source)], Overrides(), isolated=True).jobs

    def broken(word: str, lang: str) -> str:
        raise OSError("no dictionary")

    monkeypatch.setattr(warm, "forks", lambda: True)
    monkeypatch.setattr(jdlint.nlp, "lemma", broken)
    assert warm.warm(jobs, parallel._rules) is False  # no exception: the run goes on
    monkeypatch.undo()
    monkeypatch.setattr(warm, "forks", lambda: False)
    assert warm.warm(jobs, parallel._rules) is False
