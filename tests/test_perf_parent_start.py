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


def _zoo(root: Path) -> list[Path]:
    """Files and links of every shape ``realpath`` treats specially: relative and absolute
    targets, ``..`` and ``.`` in targets, links to links, to folders, dangling links,
    loops, linked folders on the way."""
    from itertools import product

    real = root / "real" / "deep"
    real.mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (real / name).write_text(RU, encoding="utf-8")
    links = root / "links"
    links.mkdir()
    (links / "plain.txt").write_text(RU, encoding="utf-8")
    shapes = {
        "sib.txt": Path("plain.txt"),
        "abs.txt": real / "a.txt", "rel.txt": Path("../real/deep/a.txt"),
        "dot.txt": Path("./abs.txt"), "up.txt": Path("../links/abs.txt"),
        "chain.txt": Path("abs.txt"), "chain2.txt": Path("chain.txt"),
        "dangling.txt": Path("nowhere.txt"), "loop1.txt": Path("loop2.txt"),
        "loop2.txt": Path("loop1.txt"), "self.txt": Path("self.txt"),
        "dir": real, "reldir": Path("../real"), "inloop": Path("inloop/x.txt"),
        "slashes.txt": Path(str(real) + "//a.txt"), "trail": Path(str(real) + "/"),
    }
    for name, target in shapes.items():
        (links / name).symlink_to(target)
    paths = [links / name for name in shapes]
    paths += [links / "dir" / "a.txt", links / "reldir" / "deep" / "b.txt",
              links / "dir" / ".." / "deep" / "a.txt", links / "inloop" / "x.txt",
              links / "trail" / "b.txt", real / "a.txt", real / ".." / "deep" / "b.txt",
              Path("links") / "abs.txt", Path("links/dir/a.txt"), Path("real/deep/a.txt"),
              Path("a.txt"), Path("./links/rel.txt"), Path("links//abs.txt"),
              links / "missing.txt", links / "dir" / "missing.txt"]
    return [*paths, *(Path(str(p) + tail) for p, tail in product(paths[:3], ("/", "/.")))]


def test_the_resolver_is_path_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    from jdlint.run.realpath import Resolver

    paths = _zoo(tmp_path)
    monkeypatch.chdir(tmp_path)
    resolver = Resolver()
    for _ in range(2):  # NOTE: the second time, every folder comes from the resolver's memory
        for path in paths:
            try:
                expected = str(path.resolve())
            except (OSError, RuntimeError) as exc:
                expected = type(exc).__name__
            try:
                got = resolver.resolve(path)
            except (OSError, RuntimeError) as exc:
                got = type(exc).__name__
            assert got == expected, path


def test_the_resolver_takes_the_short_way_for_plain_files_and_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jdlint.run.realpath import Resolver

    paths = _zoo(tmp_path)
    resolver = Resolver()
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: pytest.fail(str(self)))
    assert resolver.resolve(paths[0]) == str(tmp_path / "links" / "plain.txt")  # relative link
    assert resolver.resolve(paths[1]) == str(tmp_path / "real" / "deep" / "a.txt")  # absolute
    assert resolver.resolve(tmp_path / "links" / "sib.txt") \
        == str(tmp_path / "links" / "plain.txt")
    assert resolver.resolve(tmp_path / "real" / "deep" / "b.txt") \
        == str(tmp_path / "real" / "deep" / "b.txt")
