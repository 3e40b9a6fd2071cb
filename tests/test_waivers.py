"""Waivers (jdlint-waivers.toml): by fingerprint or code+file+clause, expiry, stale waivers."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import SALES_WITH_FINE

from jdlint.cli import cli

FUTURE = (date.today() + timedelta(days=30)).isoformat()
PAST = (date.today() - timedelta(days=1)).isoformat()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--select", "JD201", "--no-cache", *args],
                              catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "a.txt").write_text(SALES_WITH_FINE, encoding="utf-8")
    (tmp_path / "jdlint.toml").write_text("select = ['JD201']\n", encoding="utf-8")
    return tmp_path


def waiver(**fields: str) -> str:
    body = {"reason": "Agreed with the works council until the 2026 revision",
            "author": "Ona Petraitė", **fields}
    lines = [f"{k} = {v}" if k == "expires" else f"{k} = {json.dumps(v, ensure_ascii=False)}"
             for k, v in body.items()]
    return "[[waiver]]\n" + "\n".join(lines) + "\n"


def write(folder: Path, *waivers: str) -> None:
    (folder / "jdlint-waivers.toml").write_text("\n".join(waivers), encoding="utf-8")


def fingerprint(folder: Path) -> str:
    data = json.loads(run("--output-format", "json", "legacy/a.txt").stdout)
    value: str = data["files"][0]["findings"][0]["fingerprint"]
    return value


def test_waiver_by_code_file_and_clause(folder: Path) -> None:
    write(folder, waiver(code="JD201", file="legacy/*.txt", clause="4.1", expires=FUTURE))
    result = run("legacy/a.txt")
    assert result.exit_code == 0 and "1 finding(s) waived" in result.stderr


def test_waiver_for_another_clause_does_not_apply(folder: Path) -> None:
    write(folder, waiver(code="JD201", file="legacy/a.txt", clause="4.2", expires=FUTURE))
    result = run("legacy/a.txt")
    assert result.exit_code == 1 and "matches no finding" in result.stderr


def test_waiver_by_fingerprint_prefix(folder: Path) -> None:
    write(folder, waiver(fingerprint=fingerprint(folder)[:10], file="legacy/a.txt",
                         expires=FUTURE))
    assert run("legacy/a.txt").exit_code == 0


def test_expired_waiver_brings_the_finding_back(folder: Path) -> None:
    write(folder, waiver(code="JD201", file="legacy/a.txt", expires=PAST))
    result = run("legacy/a.txt")
    assert result.exit_code == 1
    assert f"expired on {PAST}" in result.stderr and "Ona Petraitė" in result.stderr


def test_waiver_valid_through_its_expiry_day(folder: Path) -> None:
    write(folder, waiver(code="JD201", file="legacy/a.txt", expires=date.today().isoformat()))
    assert run("legacy/a.txt").exit_code == 0


def test_stale_waiver_is_reported_only_when_its_file_was_linted(folder: Path) -> None:
    clean = SALES_WITH_FINE.replace("штрафуется на 500 рублей", "опаздывает")
    (folder / "other.txt").write_text(clean, encoding="utf-8")
    write(folder, waiver(code="JD201", file="other.txt", expires=FUTURE))
    assert "matches no finding" in run("other.txt").stderr
    assert "matches no finding" not in run("legacy/a.txt").stderr


def test_waiver_file_from_config_and_cli(folder: Path) -> None:
    (folder / "legal").mkdir()
    (folder / "legal" / "w.toml").write_text(
        waiver(code="JD201", file="../legacy/a.txt", expires=FUTURE), encoding="utf-8")
    assert run("legacy/a.txt").exit_code == 1
    assert run("--waivers", "legal/w.toml", "legacy/a.txt").exit_code == 0
    (folder / "jdlint.toml").write_text("select = ['JD201']\nwaivers = 'legal/w.toml'\n",
                                        encoding="utf-8")
    assert run("legacy/a.txt").exit_code == 0


@pytest.mark.parametrize(("text", "words"), [
    (waiver(code="JD201", file="a.txt"), "needs 'expires' as a date"),
    (waiver(code="JD201", file="a.txt", expires='"soon"'), "needs 'expires' as a date"),
    (waiver(code="JD201", expires=FUTURE), "needs a 'fingerprint', or a 'code' and a 'file'"),
    ("[[waiver]]\ncode = 'JD201'\nfile = 'a.txt'\nexpires = 2030-01-01\n", "needs 'reason'"),
    (waiver(code="JD201", file="a.txt", expires=FUTURE, why="x"), "unknown key 'why'"),
    (waiver(fingerprint="abc", expires=FUTURE), "at least 8 characters"),
])
def test_bad_waivers_are_usage_errors(folder: Path, text: str, words: str) -> None:
    write(folder, text)
    result = run("legacy/a.txt")
    assert result.exit_code == 2 and words in result.stderr
