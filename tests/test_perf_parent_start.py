"""Issue 19, the serial start of a batch: each file is resolved once (the scan's resolved
path serves the plan's config lookup), ``refuse_inputs`` compares existing inputs by device
and inode alone, and a config without ``per-file-ignores`` gives every file its codes
without a relative path. Each is compared with the code it replaces."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdlint.core.safeout import OutputError, _identity, _resolved, refuse_inputs
from jdlint.run.runner import config_for, plan
from jdlint.settings.resolve import Overrides

RU = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nкладовщика склада\n1. Общие положения\n"
      "1.1. Кладовщик подчиняется начальнику склада.\n")


def _old_refuse(output: Path, inputs: list[Path | str], what: str = "the output") -> None:
    """``refuse_inputs`` before: every input resolved and stat'ed."""
    out_id, out_path = _identity(output), _resolved(output)
    for item in inputs:
        if isinstance(item, str):
            if item == "-":
                continue
            item = Path(item)
        same_node = out_id is not None and out_id == _identity(item)
        if same_node or (out_path is not None and out_path == _resolved(item)):
            raise OutputError(f"{what} {output} would overwrite the input {item}; "
                              "choose another file")


def _outcome(fn: object, output: Path, inputs: list[Path | str]) -> str | None:
    try:
        fn(output, inputs)  # type: ignore[operator]
    except OutputError as exc:
        return str(exc)
    return None


def test_refuse_inputs_is_the_old_check(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "a.txt"
    doc.write_text(RU, encoding="utf-8")
    (docs / "b.txt").write_text(RU, encoding="utf-8")
    os.link(doc, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(doc)
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "to-gone.json").symlink_to(docs / "gone.txt")
    (tmp_path / "dirlink").symlink_to(docs)
    inputs: list[Path | str] = ["-", doc, docs / "b.txt", docs / "gone.txt",
                                tmp_path / "dirlink" / "b.txt"]
    outputs = [doc, tmp_path / "hard.txt", tmp_path / "soft.txt", tmp_path / "new.json",
               tmp_path / "dangling.json", tmp_path / "to-gone.json",
               tmp_path / "dirlink" / "a.txt", docs / "gone.txt", Path("/dev/null"),
               docs / ".." / "docs" / "b.txt"]
    refused = 0
    for output in outputs:
        old = _outcome(_old_refuse, output, inputs)
        assert _outcome(refuse_inputs, output, inputs) == old, output
        refused += old is not None
    assert refused == 7  # the check can fail: most outputs above land on an input


def _tree(root: Path) -> list[str]:
    """Files named through symlinks whose targets live under another config's folder."""
    for name in ("one", "two"):
        folder = root / name
        folder.mkdir()
        (folder / "jdlint.toml").write_text(
            "ignore = ['JD201']\n" if name == "two" else "", encoding="utf-8")
        (folder / f"{name}.txt").write_text(RU, encoding="utf-8")
    links = root / "links"
    links.mkdir()
    (links / "jdlint.toml").write_text("ignore = ['JD202']\n", encoding="utf-8")
    (links / "via.txt").symlink_to(root / "two" / "two.txt")
    (links / "own.txt").write_text(RU, encoding="utf-8")
    # NOTE: a folder walk does not follow links: the link is named on the command line
    return [str(root / "one"), str(links), str(links / "via.txt")]


def test_the_plan_finds_the_configs_the_old_way(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    work = plan(paths, Overrides())
    assert len(work.jobs) == 3
    for job in work.jobs:
        assert isinstance(job.target, Path)
        old = config_for(job.target, explicit=None, isolated=False)  # resolves again
        assert job.resolved.config.path == old.path
        assert job.codes == job.resolved.codes_for(job.resolved.relpath(job.target))
    configs = {Path(str(job.target)).name: job.resolved.config.path for job in work.jobs}
    assert configs["via.txt"] == tmp_path / "two" / "jdlint.toml"  # the link's target's
    assert configs["own.txt"] == tmp_path / "links" / "jdlint.toml"


def test_per_file_ignores_still_drop_codes(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "jdlint.toml").write_text("[per-file-ignores]\n'b*.txt' = ['JD201']\n",
                                          encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(RU, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    jobs = {Path(str(j.target)).name: j.codes for j in plan(["."], Overrides()).jobs}
    assert "JD201" in jobs["a.txt"] and "JD201" not in jobs["b.txt"]
