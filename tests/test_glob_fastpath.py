"""The glob matcher's shortcuts for plain names and "*name" (issue 19: a scan matches every
default exclude against every file) answer as the general token walk does."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.settings.config import _Glob, glob_matches

_PATTERN = st.lists(st.sampled_from(["*", "?", "a", ".", "b", "/", "x.y", "**", "[", "-"]),
                    max_size=5).map("".join)
_TEXT = st.lists(st.sampled_from(["a", ".", "b", "/", "x.y", "[", "-", "ё", ""]),
                 max_size=6).map("".join)


def _walk_only(pattern: str) -> _Glob:
    glob = _Glob(pattern)
    glob.literal = glob.suffix = None
    return glob


@settings(max_examples=600, deadline=None)
@given(_PATTERN, _TEXT)
def test_shortcuts_answer_as_the_token_walk(pattern: str, text: str) -> None:
    assert _Glob(pattern).match(text) == _walk_only(pattern).match(text)


def test_shortcut_shapes_are_taken_and_can_fail() -> None:
    assert _Glob(".git").literal == ".git"
    assert _Glob("*.egg-info").suffix == ".egg-info"
    assert _Glob("a*b").literal is None and _Glob("a*b").suffix is None
    assert _Glob("*.egg-info").match("x.egg-info")
    assert not _Glob("*.egg-info").match("d/x.egg-info")
    assert not _Glob(".git").match(".github")


@settings(max_examples=300, deadline=None)
@given(_PATTERN, _TEXT)
def test_bare_names_split_as_paths_do(pattern: str, text: str) -> None:
    # the bare-name path of glob_matches skips PurePosixPath; a path with "/" still takes it
    from pathlib import PurePosixPath

    parts = PurePosixPath(text).parts
    slow = any(_walk_only(pattern.strip().removeprefix("./").rstrip("/")).match(p)
               for p in parts) if "/" not in pattern.strip().removeprefix("./").rstrip("/") \
        else None
    if slow is not None:
        assert glob_matches(pattern, text) == slow


def test_scan_looks_plain_names_up_as_the_globs_would(tmp_path: Path) -> None:
    from jdlint.run.scan import Scan, ScanOptions, _Walker

    options = ScanOptions(extend_exclude=("old/", "./drafts", "*.bak", "a?c", "sub/x"))
    walker = _Walker(options, frozenset({".txt"}), Scan())
    assert "build" in walker.names and "old" in walker.names and "drafts" in walker.names
    for name in ("build", "builds", "old", "drafts", "x.bak", "abc", "x", ".git", "ё.txt"):
        path = tmp_path / "sub" / name
        slow = any(glob_matches(p, path.name) for p in options.patterns
                   if "/" not in p.strip().removeprefix("./").rstrip("/"))
        assert walker.excluded(path) == slow, name
