"""Suite-wide guards.

``inputs_untouched``: jdlint never writes to its input. Every file under ``corpus/``,
``examples/``, the test fixtures (``tests/data``, ``tests/rules``) and the shared folder beside
the repository (``../shared``, where present) is hashed once before the first test and once
after the last; a file added, removed or changed fails the session. ``tests/test_inputs_guard.py``
proves the guard can fail.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUARDED: tuple[Path, ...] = (ROOT / "corpus", ROOT / "examples", ROOT / "tests" / "data",
                             ROOT / "tests" / "rules", ROOT.parent / "shared")
# NOTE: a test may point the guard at another tree (the guard's own test runs pytest on a temp
# folder); the variable is read once, at import.
if os.environ.get("JDLINT_GUARDED"):
    GUARDED = tuple(Path(p) for p in os.environ["JDLINT_GUARDED"].split(os.pathsep))
_UPDATING = os.environ.get("JDLINT_UPDATE_SNAPSHOTS") == "1"


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def snapshot(folders: tuple[Path, ...] = GUARDED) -> dict[str, str]:
    """sha256 of every regular file under ``folders`` (symlinks not followed), by path."""
    out: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:
                if _UPDATING and "expected" in path.relative_to(folder).parts[:1]:
                    continue  # snapshots are rewritten on purpose (JDLINT_UPDATE_SNAPSHOTS=1)
                out[str(path)] = _digest(path)
    return out


@pytest.fixture(scope="session", autouse=True)
def inputs_untouched() -> Iterator[None]:
    """Fail the session if any corpus or shared file changed while the tests ran."""
    before = snapshot()
    yield
    after = snapshot()
    changed = sorted(p for p in before.keys() & after.keys() if before[p] != after[p])
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    assert not (changed or added or removed), (
        f"input files were modified during the tests: changed {changed}, added {added}, "
        f"removed {removed}")
