"""The suite-wide input guard (``inputs_untouched`` in ``conftest.py``) can fail.

The real conftest is copied into a temporary tree and pytest runs there in a subprocess with the
guard pointed at a temporary folder of "inputs": a session whose test changes, adds or removes
one of them must fail with the guard's message; a session that only reads them must pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

READ_ONLY = """
from pathlib import Path
def test_reads(guarded: Path) -> None:
    assert (guarded / "doc.txt").read_bytes() == b"original"
"""

ACTIONS = {
    "changed": 'guarded.joinpath("doc.txt").write_bytes(b"overwritten")',
    "added": 'guarded.joinpath("new.txt").write_bytes(b"x")',
    "removed": 'guarded.joinpath("doc.txt").unlink()',
}


def _session(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    guarded = tmp_path / "inputs"
    guarded.mkdir()
    (guarded / "doc.txt").write_bytes(b"original")
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(HERE / "conftest.py", tests / "conftest.py")
    fixture = (
        "import os\nfrom pathlib import Path\nimport pytest\n"
        "@pytest.fixture\ndef guarded() -> Path:\n"
        "    return Path(os.environ['JDLINT_GUARDED'])\n")
    (tests / "test_session.py").write_text(fixture + body, encoding="utf-8")
    env = {**os.environ, "JDLINT_GUARDED": str(guarded)}
    env.pop("JDLINT_UPDATE_SNAPSHOTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
         str(tests)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_guard_passes_when_inputs_are_only_read(tmp_path: Path) -> None:
    result = _session(tmp_path, READ_ONLY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "input files were modified" not in result.stdout


@pytest.mark.parametrize("kind", sorted(ACTIONS))
def test_guard_fails_the_session_when_an_input_changes(tmp_path: Path, kind: str) -> None:
    body = ("\nfrom pathlib import Path\ndef test_writes(guarded: Path) -> None:\n"
            f"    {ACTIONS[kind]}\n")
    result = _session(tmp_path, body)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "input files were modified" in out
    # the report names the file under the right heading
    listing = out.split(f"{kind} [", 1)[1].split("]", 1)[0]
    assert ("new.txt" if kind == "added" else "doc.txt") in listing
