"""The compiled rule catalogue (``jdlint.core.rulestore``): a stale store is rebuilt, a
corrupt one ignored, an unwritable folder harmless, and what it serves equals the YAML."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jdlint.catalogue import ruledata
from jdlint.catalogue.ruledata import load_catalogue, load_yaml, rules_dir
from jdlint.cli import cli
from jdlint.core import rulestore as compiled

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "corpus" / "ru" / "ru_hr_clean.docx", ROOT / "corpus" / "ru" /
        "ru_sales_defects.txt", ROOT / "corpus" / "lt" / "lt_sales_clean.txt"]


def _clear() -> None:
    from jdlint.catalogue import profiles, rulepacks
    from jdlint.profstandards import _load as standards

    for cached in (ruledata._load, profiles._load, rulepacks.catalogue_with, standards):
        cached.cache_clear()


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    compiled.use_folder(None)
    _clear()
    yield
    compiled.use_folder(None)
    _clear()


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the rules folder, to edit."""
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    return copy


def _reopen(folder: Path, rules: Path) -> None:
    """What a new process does: nothing in memory, the store read from ``folder``."""
    compiled.use_folder(None)
    compiled.use_folder(folder, rules)


def _parsed(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def test_store_is_written_and_then_served(tmp_path: Path, rules_copy: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    compiled.use_folder(cache, rules_copy)
    rule = rules_copy / "JD201.yaml"
    assert compiled.load_yaml_file(rule) == _parsed(rule)
    compiled.save(cache)
    assert (cache / compiled.STORE_NAME).is_file() and (cache / "CACHEDIR.TAG").is_file()

    _reopen(cache, rules_copy)

    def no_build(*_args: object) -> None:
        raise AssertionError("the store should have been read, not rebuilt")

    monkeypatch.setattr(compiled, "_build", no_build)
    assert compiled.load_yaml_file(rule) == _parsed(rule)


def test_store_after_a_yaml_edit_is_rebuilt(tmp_path: Path, rules_copy: Path) -> None:
    cache = tmp_path / "cache"
    rule = rules_copy / "JD201.yaml"
    compiled.use_folder(cache, rules_copy)
    before = compiled.load_yaml_file(rule)
    compiled.save(cache)
    stored = (cache / compiled.STORE_NAME).read_text(encoding="utf-8")

    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace(f"summary: {before['summary']}",
                                 "summary: An invented summary for this test"),
                    encoding="utf-8")
    assert _parsed(rule)["summary"] == "An invented summary for this test"
    _reopen(cache, rules_copy)
    assert compiled.load_yaml_file(rule)["summary"] == "An invented summary for this test"
    compiled.save(cache)
    assert (cache / compiled.STORE_NAME).read_text(encoding="utf-8") != stored
    _reopen(cache, rules_copy)
    assert compiled.load_yaml_file(rule)["summary"] == "An invented summary for this test"


@pytest.mark.parametrize("content", [
    b"\x00\xff not json at all",
    b'{"format": 1, "key": "0", "files": {}}',
    b"[" * 100_000,
    b"",
])
def test_corrupt_store_is_ignored(tmp_path: Path, rules_copy: Path, content: bytes) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / compiled.STORE_NAME).write_bytes(content)
    compiled.use_folder(cache, rules_copy)
    rule = rules_copy / "JD104.yaml"
    assert compiled.load_yaml_file(rule) == _parsed(rule)


def test_forged_store_with_the_right_key_but_bad_shapes_is_ignored(
        tmp_path: Path, rules_copy: Path) -> None:
    cache = tmp_path / "cache"
    compiled.use_folder(cache, rules_copy)
    rule = rules_copy / "JD104.yaml"
    compiled.load_yaml_file(rule)
    compiled.save(cache)
    key = json.loads((cache / compiled.STORE_NAME).read_text(encoding="utf-8"))["key"]
    for files in ({"JD104.yaml": "not a list"}, [1, 2],
                  {"JD104.yaml": [{"\x00jdlint": "date", "iso": 5}]},
                  {"JD104.yaml": [{"\x00jdlint": "unknown"}]}):
        (cache / compiled.STORE_NAME).write_text(
            json.dumps({"format": 1, "key": key, "files": files}), encoding="utf-8")
        _reopen(cache, rules_copy)
        assert compiled.load_yaml_file(rule) == _parsed(rule)


def test_unwritable_cache_folder_works(tmp_path: Path, rules_copy: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = blocker / "cache"  # NOTE: cannot be created, even by root
    compiled.use_folder(cache, rules_copy)
    rule = rules_copy / "JD201.yaml"
    assert compiled.load_yaml_file(rule) == _parsed(rule)
    compiled.save(cache)  # no error
    assert not cache.exists()


def test_no_folder_means_no_store(tmp_path: Path, rules_copy: Path) -> None:
    assert compiled.documents(rules_copy / "JD201.yaml") is None
    compiled.use_folder(tmp_path / "cache", rules_copy)
    assert compiled.documents(tmp_path / "elsewhere.yaml") is None  # outside the rules folder
    assert compiled.documents(rules_copy / "JD201.yaml") is not None


def test_save_writes_only_into_the_folder_it_reads(tmp_path: Path, rules_copy: Path) -> None:
    compiled.use_folder(tmp_path / "read", rules_copy)
    compiled.load_yaml_file(rules_copy / "JD201.yaml")
    compiled.save(tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_values_json_cannot_hold_survive_the_store() -> None:
    value = {"when": date(2024, 3, 1), "at": datetime(2024, 3, 1, 12, 30, tzinfo=timezone(
        timedelta(hours=3))), 2: "int key", date(2020, 1, 1): ["date key"],
        "\x00jdlint": "a key like the tag", "nested": [{"x": 1.5, "y": None, "z": True}]}
    text = json.dumps(compiled._encode(value))
    assert json.loads(text, object_hook=compiled._decode_tagged) == value
    with pytest.raises(ValueError):
        compiled._encode({"set": {1, 2}})


def test_catalogue_from_the_store_equals_the_yaml(tmp_path: Path) -> None:
    from jdlint.catalogue.profiles import profile_names
    from jdlint.profstandards import load_standards

    plain = (dict(load_catalogue()), profile_names(), load_standards())
    _clear()
    compiled.use_folder(tmp_path / "cache", rules_dir())
    built = (dict(load_catalogue()), profile_names(), load_standards())
    compiled.save(tmp_path / "cache")
    _clear()
    _reopen(tmp_path / "cache", rules_dir())
    stored = (dict(load_catalogue()), profile_names(), load_standards())
    assert plain == built == stored


def test_check_output_is_the_same_with_and_without_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JDLINT_CACHE_DIR", raising=False)
    args = ["--jobs", "1", "--output-format", "json", *map(str, DOCS)]

    def run(*extra: str) -> str:
        compiled.use_folder(None)
        _clear()
        result = CliRunner().invoke(cli, ["check", *extra, *args])
        assert result.exit_code in (0, 1), result.output[-2000:]
        return result.output

    without = run("--no-cache")
    assert not (tmp_path / ".jdlint_cache").exists()
    first = run()
    assert (tmp_path / ".jdlint_cache" / compiled.STORE_NAME).is_file()
    shutil.rmtree(tmp_path / ".jdlint_cache" / "v2")  # NOTE: lint again, not from results
    second = run()
    assert without == first == second


def test_store_of_another_jdlint_version_is_rebuilt(tmp_path: Path, rules_copy: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    cache, rule = tmp_path / "cache", rules_copy / "JD201.yaml"
    compiled.use_folder(cache, rules_copy, version="1.0")
    compiled.load_yaml_file(rule)
    compiled.save(cache)
    built: list[Path] = []
    real_build = compiled._build

    def counting(directory: Path, *args: Any) -> Any:
        built.append(directory)
        return real_build(directory, *args)

    monkeypatch.setattr(compiled, "_build", counting)
    compiled.use_folder(None)
    compiled.use_folder(cache, rules_copy, version="1.0")
    compiled.load_yaml_file(rule)
    assert built == []
    compiled.use_folder(cache, rules_copy, version="2.0")
    assert compiled.load_yaml_file(rule) == _parsed(rule)
    assert len(built) == 1
