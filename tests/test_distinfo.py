"""jdlint.core.distinfo reads the version importlib.metadata would, and the result cache's key
follows it (issue 19: the key is built without importing importlib.metadata)."""

from __future__ import annotations

import sys
from importlib.metadata import version as metadata_version
from pathlib import Path

import pytest

from jdlint.core import distinfo
from jdlint.run import cache


@pytest.mark.parametrize("name", ["pymorphy3", "pymorphy3-dicts-ru", "lxml", "click",
                                  "PyYAML", "pyyaml", "Pymorphy3_Dicts.RU"])
def test_same_version_as_importlib_metadata(name: str) -> None:
    assert distinfo.version(name) == metadata_version(name)


def test_missing_distribution_is_none() -> None:
    assert distinfo.version("no-such-distribution-for-jdlint") is None


def _dist(folder: Path, dirname: str, version: str, file: str = "METADATA") -> None:
    info = folder / dirname
    info.mkdir(parents=True)
    (info / file).write_text(f"Metadata-Version: 2.1\nName: x\nVersion: {version}\n\nVersion: 9\n",
                             encoding="utf-8")


def test_first_path_entry_wins_and_changes_the_cache_key(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache._analyser_versions()
    _dist(tmp_path, "pymorphy3_dicts_ru-0.0.1.dist-info", "0.0.1")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert distinfo.version("pymorphy3-dicts-ru") == "0.0.1" == metadata_version(
        "pymorphy3-dicts-ru")
    after = cache._analyser_versions()
    assert after != before and "pymorphy3-dicts-ru=0.0.1" in after


def test_egg_info_folder_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dist(tmp_path, "Made_Up.Thing-1.2.egg-info", "1.2", file="PKG-INFO")
    (tmp_path / "other_made_up-3.4.egg-info").write_text("Name: other\nVersion: 3.4\n",
                                                         encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert distinfo.version("made-up-thing") == "1.2" == metadata_version("made-up-thing")
    assert distinfo.version("Other.Made_Up") == "3.4" == metadata_version("Other.Made_Up")


def test_version_after_the_headers_is_not_read(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    info = tmp_path / "headless-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: headless\n\nVersion: 7\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert distinfo.version("headless") == metadata_version("headless")


def test_an_archive_on_the_path_is_left_to_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"")
    monkeypatch.setattr(sys, "path", [str(archive), *sys.path])
    monkeypatch.setattr(distinfo, "_fallback", lambda name: f"asked:{name}")
    assert distinfo.version("lxml") == "asked:lxml"
