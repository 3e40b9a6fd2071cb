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
