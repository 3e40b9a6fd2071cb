"""``jdlint profstandard import`` as the README shows it (issue 17, item 8): folders created,
``-o DIR/`` is a folder, and the order's status is never assumed "current"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jdlint.cli import cli
from jdlint.profstandards import load_file

REGISTRY = Path(__file__).parent / "data" / "profstandards" / "test_registry.xml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["profstandard", "import", str(REGISTRY), *args],
                              catch_exceptions=False)


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_is_required_and_names_the_orders(here: Path) -> None:
    result = run("-o", "standards/all.yaml")
    assert result.exit_code == 2 and "Usage:" not in result.stderr
    assert "pass --status current, superseded or unknown" in result.stderr
    assert "99.901: order" in result.stderr
    assert not (here / "standards").exists()  # nothing written


@pytest.mark.parametrize("status", ["current", "superseded", "unknown"])
def test_status_given_is_written(here: Path, status: str) -> None:
    result = run("--status", status, "-o", "standards/99.yaml")
    assert result.exit_code == 0, result.stderr
    assert {s.orders[0].status for s in load_file(here / "standards" / "99.yaml")} == {status}


def test_trailing_slash_and_existing_folder_are_folders(here: Path) -> None:
    assert run("--status", "superseded", "-o", "new/deeper/").exit_code == 0
    assert sorted(p.name for p in (here / "new" / "deeper").iterdir()) == [
        "99.901.yaml", "99.902.yaml"]
    (here / "existing").mkdir()
    assert run("--status", "superseded", "-o", "existing").exit_code == 0
    assert sorted(p.name for p in (here / "existing").iterdir()) == [
        "99.901.yaml", "99.902.yaml"]


def test_oversized_export_and_fifo_are_one_line_exit_2(here: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from jdlint.profstandards import importer

    monkeypatch.setattr(importer, "MAX_EXPORT_BYTES", 1000)
    result = run("--status", "current", "-o", "out.yaml")
    assert result.exit_code == 2 and "larger than" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    fifo = here / "registry.xml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["profstandard", "import", str(fifo), "--status", "current",
                                      "-o", "out.yaml"], catch_exceptions=False)
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert not (here / "out.yaml").exists()
