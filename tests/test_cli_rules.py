"""Discovering rules from the command line (issue 17, items 5 and 7): ``jdlint rules`` lists
house rules, has JSON and fits 80/100 columns; ``jdlint rule ACME001``; SARIF with ``helpUri``
and waived findings as ``suppressions``."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_cli import HOUSE, doc

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.cli import cli

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def run(*args: str, columns: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": columns},
                              catch_exceptions=False)


@pytest.fixture
def house(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(HOUSE, tmp_path / "house")
    (tmp_path / "jdlint.toml").write_text("extend-rules = ['house']\n", encoding="utf-8")
    return tmp_path


def test_rules_lists_house_rules_in_text_and_json(house: Path) -> None:
    text = run("rules").stdout
    assert "ACME001" in text and "JD201" in text
    data = json.loads(run("rules", "--output-format", "json").stdout)
    by_code = {r["code"]: r for r in data}
    assert by_code["ACME001"]["house"] is True and by_code["JD201"]["house"] is False
    assert by_code["ACME001"]["name"] == "bonus-at-discretion"
    assert len(data) == len([m for m in load_catalogue().values() if m.status != "removed"]) + 1
    assert "ACME001" not in run("rules", "--isolated").stdout


def test_rule_explains_a_house_rule(house: Path) -> None:
    result = run("rule", "ACME001")
    assert result.exit_code == 0 and result.stdout.startswith("ACME001 bonus-at-discretion")
    unknown = run("rule", "ACME999")
    assert unknown.exit_code == 2 and "Usage:" not in unknown.stderr
    assert unknown.stderr.startswith("jdlint: error: unknown rule 'ACME999'")


@pytest.mark.parametrize("columns", ["80", "100", "120"])
def test_rules_table_fits_the_terminal(house: Path, columns: str) -> None:
    lines = run("rules", columns=columns).stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    codes = [line.split()[0] for line in lines if line[:1].isalpha()]
    assert "JD201" in codes and "ACME001" in codes
    for meta in load_catalogue().values():  # every summary is there, words whole
        if meta.status != "removed":
            assert " ".join(meta.summary.split()) in " ".join(" ".join(lines).split())


def _waived_sarif(house: Path) -> dict[str, Any]:
    (house / "bad.txt").write_text(doc(), encoding="utf-8")
    expires = (date.today() + timedelta(days=30)).isoformat()
    (house / "jdlint-waivers.toml").write_text(
        "[[waiver]]\ncode = 'JD201'\nfile = 'bad.txt'\nreason = 'agreed with the union'\n"
        f"author = 'Legal'\nexpires = {expires}\n", encoding="utf-8")
    result = run("check", "--select", "JD201,JD104", "--output-format", "sarif", "bad.txt")
    assert result.exit_code in (0, 1), result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def test_sarif_has_help_uri_and_suppressions(house: Path) -> None:
    log = _waived_sarif(house)
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["JD201"]["helpUri"].startswith("https://")
    assert rules["ACME001"]["helpUri"].startswith("file://")
    assert rules["ACME001"]["helpUri"].endswith("ACME001.yaml")
    waived = [r for r in run_["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["JD201"]
    suppression = waived[0]["suppressions"][0]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"] == "agreed with the union"
    assert suppression["properties"]["author"] == "Legal"


def test_sarif_with_suppressions_is_valid(house: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not here ({SCHEMA})")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = _waived_sarif(house)
    errors = sorted(jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.FormatChecker()).iter_errors(log), key=str)
    assert not errors, errors[0]
