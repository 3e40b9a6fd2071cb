"""The result cache's key built cheaply (issue 19) and meaning what it meant: jdlint.core.distinfo
reads the version importlib.metadata would (the key follows it), and the tree digests list with
os.scandir exactly the files Path.rglob listed."""

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


def _rglob_digest(folders: list[Path], *, content: bool) -> str:
    """The key part as it was computed with pathlib (Path.rglob), before issue 19."""
    import hashlib

    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        wanted = ((lambda p: p.suffix in (".yaml", ".yml", ".json", ".txt")) if content
                  else (lambda p: "__pycache__" not in p.parts and p.suffix != ".pyc"))
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and wanted(p)):
            digest.update(path.relative_to(folder).as_posix().encode())
            if content:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            else:
                info = path.stat()
                digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def test_tree_digest_lists_what_rglob_listed(tmp_path: Path) -> None:
    import jdlint
    from jdlint.catalogue.ruledata import rules_dir

    tree = tmp_path / "tree"
    for name in ("a.yaml", "a-b/c.yaml", "a/b.json", "a/__pycache__/x.pyc", "a/__pycache__/y.txt",
                 ".hidden", "z.", "deep/er/still.txt", "deep/er/code.py", "x.tar.gz"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(name, encoding="utf-8")
    (tree / "linked.yaml").symlink_to(tree / "a.yaml")
    (tree / "dangling.yaml").symlink_to(tree / "missing.yaml")
    (tree / "linked-folder").symlink_to(tree / "deep")
    folders = [tree, tmp_path / "missing", rules_dir(), Path(jdlint.__file__).resolve().parent]
    for content in (True, False):
        for folder in folders:
            assert cache._tree_digest([folder], content=content) == _rglob_digest(
                [folder], content=content)
    (tree / "deep" / "er" / "still.txt").write_text("changed", encoding="utf-8")
    assert cache._tree_digest([tree], content=True) == _rglob_digest([tree], content=True)


def _candidates_per_call(entry: str, wanted: str) -> list[str] | None:
    """``distinfo._candidates`` as it was before issue 19's cold-start round: one listing of
    the entry per distribution asked for."""
    import os

    root = entry or "."
    if os.path.isfile(root):
        return None
    found = []
    try:
        with os.scandir(root) as children:
            names = sorted(child.name for child in children)
    except OSError:
        return []
    for name in names:
        low = name.lower()
        if not low.endswith((".dist-info", ".egg-info")):
            continue
        if distinfo._normalise(low.rpartition(".")[0].partition("-")[0]) != wanted:
            continue
        path = os.path.join(root, name)
        if low.endswith(".dist-info"):
            found.append(os.path.join(path, "METADATA"))
        elif os.path.isdir(path):
            found.append(os.path.join(path, "PKG-INFO"))
        else:
            found.append(path)
    return found


def test_listing_each_path_entry_once_finds_what_listing_per_name_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dist(tmp_path, "Made_Up.Thing-1.2.egg-info", "1.2", file="PKG-INFO")
    _dist(tmp_path, "made_up_thing-2.0.dist-info", "2.0")
    (tmp_path / "other_made_up-3.4.egg-info").write_text("Name: other\nVersion: 3.4\n",
                                                         encoding="utf-8")
    (tmp_path / "bundle.zip").write_bytes(b"")
    entries = [str(tmp_path), str(tmp_path / "bundle.zip"), str(tmp_path / "missing"), "",
               *sys.path]
    names = ["pymorphy3", "pymorphy3-dicts-ru", "lxml", "pypdf", "click", "made-up-thing",
             "other.made_up", "no-such-distribution-for-jdlint"]
    monkeypatch.chdir(tmp_path)
    for entry in entries:
        for name in names:
            wanted = distinfo._normalise(name)
            assert distinfo._candidates(entry, wanted) == _candidates_per_call(entry, wanted)
    assert distinfo._candidates(str(tmp_path), "made_up_thing") == [
        str(tmp_path / "Made_Up.Thing-1.2.egg-info" / "PKG-INFO"),
        str(tmp_path / "made_up_thing-2.0.dist-info" / "METADATA")]


def test_each_path_entry_is_listed_once_for_all_the_versions_of_the_cache_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    from collections import Counter

    listed: Counter[str] = Counter()
    real = os.scandir

    def scandir(path: str) -> object:
        listed[str(path)] += 1
        return real(path)

    monkeypatch.setattr(sys, "path", [str(tmp_path / "a"), str(tmp_path / "b"), *sys.path])
    distinfo._index.cache_clear()
    monkeypatch.setattr(os, "scandir", scandir)
    cache._analyser_versions()
    assert listed and max(listed.values()) == 1
