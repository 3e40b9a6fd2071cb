"""SARIF 2.1.0 output: validated against the official schema (../shared) and by structure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import SALES_WITH_FINE

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.cli import cli
from jdlint.output.sarif import FINGERPRINT_KEY
from jdlint.testing.docxbuild import text_to_docx

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"



@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("sarif")
    (folder / "bad.txt").write_text(SALES_WITH_FINE, encoding="utf-8")
    (folder / "bad.docx").write_bytes(text_to_docx(SALES_WITH_FINE))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--output-format",
                                      "sarif", str(folder / "bad.txt"), str(folder / "bad.docx"),
                                      str(folder / "broken.docx")])
    assert result.exit_code == 2, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_valid_against_the_official_schema(log: dict[str, Any]) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not here ({SCHEMA}); the structural test still runs")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_structure(log: dict[str, Any]) -> None:
    """What the schema requires and what code-scanning tools read, checked by hand."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "jdlint"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    # descriptors come from the catalogue, not from the findings
    assert set(ids) == {c for c, m in load_catalogue().items() if m.status != "removed"}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    jd201 = rules[ids.index("JD201")]
    assert "Bad:" in jd201["help"]["text"] and jd201["properties"]["legalBasis"]
    results = run["results"]
    assert results
    for res in results:
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        assert ids[res["ruleIndex"]] == res["ruleId"]
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"]
        if res["ruleId"] != "JD001":
            region = phys["region"]
            assert isinstance(region["startLine"], int) and region["startLine"] >= 1
            assert region["startColumn"] >= 1
            assert len(res["partialFingerprints"][FINGERPRINT_KEY]) == 40


def test_clause_is_a_logical_location_and_paragraph_a_region(log: dict[str, Any]) -> None:
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "JD201"]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1]:
              r for r in results}
    txt, docx = by_uri["bad.txt"], by_uri["bad.docx"]
    for res in (txt, docx):
        (logical,) = res["locations"][0]["logicalLocations"]
        assert logical["name"] == "4.1" and logical["fullyQualifiedName"] == "responsibility/4.1"
    assert txt["locations"][0]["physicalLocation"]["region"]["startLine"] == 11
    region = docx["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["paragraph"] == region["startLine"]
    # the same clause text gives the same fingerprint in TXT and DOCX
    assert txt["partialFingerprints"] == docx["partialFingerprints"]


def test_unreadable_file_is_a_jd001_result(log: dict[str, Any]) -> None:
    errors = [r for r in log["runs"][0]["results"] if r["ruleId"] == "JD001"]
    assert len(errors) == 1 and errors[0]["level"] == "error"
