"""Result cache (content + settings + rules version) and parallel runs (--jobs, stable order)."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdlint.run.parallel as parallel
from jdlint.cli import cli
from jdlint.core.results import FileResult
from jdlint.run.cache import ResultCache, code_version

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "corpus" / "src").glob("*.txt"))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for source in SOURCES[:6]:
        shutil.copy(source, tmp_path / "docs" / source.name)
    return tmp_path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = parallel.lint_file

    def counting(target: object, *args: object, **kwargs: object) -> FileResult:
        seen.append(str(target))
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "lint_file", counting)
    return seen


def test_second_run_comes_from_the_cache(folder: Path, calls: list[str]) -> None:
    first = run("--jobs", "1", "--output-format", "json", "docs")
    assert len(calls) == 6
    second = run("--jobs", "1", "--output-format", "json", "docs")
    assert len(calls) == 6, "nothing should be linted again"
    assert first.stdout == second.stdout and first.exit_code == second.exit_code
    assert (folder / ".jdlint_cache" / ".gitignore").read_text() .endswith("*\n")
    assert (folder / ".jdlint_cache" / "CACHEDIR.TAG").is_file()


def test_changed_content_or_settings_are_linted_again(folder: Path, calls: list[str]) -> None:
    run("--jobs", "1", "docs")
    target = folder / "docs" / SOURCES[0].name
    target.write_text(target.read_text(encoding="utf-8") + "\n3.9. Новый пункт.\n",
                      encoding="utf-8")
    run("--jobs", "1", "docs")
    assert calls[6:] == [str(Path("docs") / SOURCES[0].name)]
    run("--jobs", "1", "--output-lang", "en", "docs")
    assert len(calls) == 13, "other settings, other key"
    (folder / "jdlint.toml").write_text("[severity]\nJD201 = 'info'\n", encoding="utf-8")
    run("--jobs", "1", "docs")
    assert len(calls) == 19, "a changed config changes the key"


def test_no_cache_neither_reads_nor_writes(folder: Path, calls: list[str]) -> None:
    run("--jobs", "1", "--no-cache", "docs")
    run("--jobs", "1", "--no-cache", "docs")
    assert len(calls) == 12
    assert not (folder / ".jdlint_cache").exists()


def test_cache_dir_from_cli_env_and_config(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("--cache-dir", "c1", "docs")
    assert (folder / "c1" / "v2").is_dir()
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(folder / "c2"))
    run("docs")
    assert (folder / "c2" / "v2").is_dir()
    (folder / "jdlint.toml").write_text("cache-dir = 'c3'\n", encoding="utf-8")
    run("docs")
    assert (folder / "c3" / "v2").is_dir()


def test_rules_version_is_part_of_the_key(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    (house / "ACME001.yaml").write_text("code: ACME001\n", encoding="utf-8")
    before = code_version((house,))
    (house / "ACME001.yaml").write_text("code: ACME001\nname: x\n", encoding="utf-8")
    code_version.cache_clear()
    assert code_version((house,)) != before


def test_broken_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache.key("c", "a.txt", "s", "v")
    cache.put(key, FileResult(display_path="a.txt", format="txt"))
    assert cache.get(key) == FileResult(display_path="a.txt", format="txt")
    path = next((tmp_path / "v2").rglob("*.json"))
    path.write_bytes(path.read_bytes()[:20])
    assert cache.get(key) is None


def _hammer(folder: str, n: int) -> int:
    cache = ResultCache(Path(folder))
    key = cache.key("c", "a.txt", "s", "v")
    bad = 0
    for i in range(n):
        cache.put(key, FileResult(display_path="a.txt", format="txt", error=f"e{i % 3}"))
        got = cache.get(key)
        if got is None or got.display_path != "a.txt":
            bad += 1
    return bad


def test_concurrent_writers_never_expose_half_an_entry(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        bad = pool.starmap(_hammer, [(str(tmp_path), 200)] * 4)
    assert bad == [0, 0, 0, 0]
    assert not list((tmp_path / "v2").rglob(".tmp-*")), "temporary files are cleaned up"


def test_jobs_give_the_same_output_in_the_same_order(folder: Path) -> None:
    for source in SOURCES[6:12]:
        shutil.copy(source, folder / "docs" / source.name)
    one = run("--no-cache", "--jobs", "1", "--output-format", "json", "docs")
    two = run("--no-cache", "--jobs", "2", "--output-format", "json", "docs")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code
    paths = [line for line in one.stdout.splitlines() if '"path":' in line]
    assert paths == sorted(paths)


def test_no_progress_bar_when_not_a_terminal(folder: Path) -> None:
    for i in range(25):
        shutil.copy(SOURCES[0], folder / "docs" / f"copy{i}.txt")
    result = run("--no-cache", "--jobs", "1", "docs")
    assert "linting" not in result.stderr and "\x1b[" not in result.stderr


# --- entries are data: forged, linked, special or oversized entries are misses -------------


def _entry_path(cache: ResultCache, key: str) -> Path:
    path: Path = cache._path(key)  # the layout is what an attacker with write access sees
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_pickle_payload_is_never_unpickled(tmp_path: Path) -> None:
    import os
    import pickle

    marker = tmp_path / "pwned"

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.mkdir, (str(marker),))  # unpickling it would create the folder

    cache = ResultCache(tmp_path / "cache")
    key = cache.key("c", "a.txt", "s", "v")
    for prefix in (b"", b"jdlint-cache-1\n"):
        _entry_path(cache, key).write_bytes(prefix + pickle.dumps(Boom()))
        assert cache.get(key) is None
    assert not marker.exists(), "the entry was unpickled"


def test_forged_json_of_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    import json

    import jdlint

    cache = ResultCache(tmp_path)
    key = cache.key("c", "a.txt", "s", "v")
    good = FileResult(display_path="a.txt", format="txt")
    cache.put(key, good)
    path = _entry_path(cache, key)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["version"] == jdlint.__version__ and cache.get(key) == good
    for forged in ({**body, "findings": [{"code": "JD201"}]}, {**body, "format": "exe"},
                   {**body, "version": "0.0.0"}, {**body, "schema": True},
                   {**body, "summaries": "x"}, [body], "x" * 10):
        path.write_text(json.dumps(forged), encoding="utf-8")
        assert cache.get(key) is None, forged


def test_entry_that_is_a_link_fifo_or_too_big_is_a_miss(tmp_path: Path) -> None:
    import os

    from jdlint.run import cache as cache_module
    cache = ResultCache(tmp_path)
    key = cache.key("c", "a.txt", "s", "v")
    path = _entry_path(cache, key)
    path.symlink_to("/dev/zero")
    assert cache.get(key) is None
    path.unlink()
    os.mkfifo(path)
    assert cache.get(key) is None  # returns at once: a FIFO is never read
    path.unlink()
    cache.put(key, FileResult(display_path="a.txt", format="txt"))
    assert cache.get(key) is not None
    path.write_bytes(path.read_bytes() + b" " * (cache_module._MAX_ENTRY + 1))
    assert cache.get(key) is None


def test_findings_round_trip_through_an_entry(folder: Path) -> None:
    first = run("--jobs", "1", "--output-format", "json", "docs")
    entries = list((folder / ".jdlint_cache" / "v2").rglob("*.json"))
    assert len(entries) == 6 and b"findings" in entries[0].read_bytes()
    again = run("--jobs", "1", "--output-format", "json", "docs")
    assert again.stdout == first.stdout


def test_markers_never_written_into_a_users_folder(folder: Path) -> None:
    (folder / "mine").mkdir()
    (folder / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    run("--cache-dir", "mine", "docs")
    assert not (folder / "mine" / ".gitignore").exists()
    assert not (folder / "mine" / "CACHEDIR.TAG").exists()
    assert (folder / "mine" / "v2").is_dir()


@pytest.mark.parametrize("setting", [".", "..", "/tmp/jdlint-elsewhere", "sub/../.."])
def test_config_cannot_place_the_cache_outside_its_tree(folder: Path, setting: str) -> None:
    (folder / "jdlint.toml").write_text(f"cache-dir = '{setting}'\n", encoding="utf-8")
    result = run("docs")
    assert "cache-dir" in result.stderr
    assert not (folder / ".gitignore").exists() and not (folder / "CACHEDIR.TAG").exists()
    assert not Path("/tmp/jdlint-elsewhere").exists()
    assert (folder / ".jdlint_cache" / "v2").is_dir()


def _kill_on_the_third(target: object, *args: object, **kwargs: object) -> FileResult:
    import os
    import signal

    if str(target).endswith(SOURCES[2].name):
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does to a worker
    return _REAL_LINT_FILE(target, *args, **kwargs)  # type: ignore[arg-type]


_REAL_LINT_FILE = parallel.lint_file


def test_a_killed_worker_loses_only_its_file(folder: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    import json

    for source in SOURCES[6:12]:
        shutil.copy(source, folder / "docs" / source.name)
    # NOTE: workers are forked, so they inherit the patched function.
    monkeypatch.setattr(parallel, "lint_file", _kill_on_the_third)
    result = run("--no-cache", "--jobs", "2", "--output-format", "json", "docs")
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert len(files) == 12 and result.exit_code == 2
    assert "died" in files[SOURCES[2].name]["error"]["message"]
    assert all(f["error"] is None for name, f in files.items() if name != SOURCES[2].name)


def test_package_data_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import jdlint

    package = tmp_path / "jdlint"
    (package / "nlp" / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    table = package / "nlp" / "data" / "lt-lemmas.txt.gz"
    table.write_bytes(b"old table")
    from jdlint.run import cache
    monkeypatch.setattr(cache, "rules_dir", lambda: tmp_path / "rules")
    monkeypatch.setattr(jdlint, "__file__", str(package / "__init__.py"))
    code_version.cache_clear()
    before = code_version()
    table.write_bytes(b"a new lemma table")
    os.utime(table, ns=(1, 1))
    code_version.cache_clear()
    assert code_version() != before
    code_version.cache_clear()
