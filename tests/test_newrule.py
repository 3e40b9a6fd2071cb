"""``jdlint new-rule``: the pair it writes passes ``jdlint test-rules`` as written, and it never
overwrites a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jdlint.catalogue.ruledata import rules_dir
from jdlint.cli import cli


@pytest.fixture
def here(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_new_rule_passes_its_own_cases(here: Path, lang: str) -> None:
    made = run("new-rule", "ACME002", "other-assignments", "--lang", lang)
    assert made.exit_code == 0, made.output
    assert (here / "rules" / "ACME002.yaml").is_file()
    result = run("test-rules", "rules")
    assert result.exit_code == 0 and "8 passed, 0 failed" in result.stdout, result.stdout
    assert "example-found [docx] ok" in result.stdout and "docs-bad [txt] ok" in result.stdout


def test_new_rule_cases_can_fail(here: Path) -> None:
    """With another phrase in the rule, its example bad case and docs example fail."""
    assert run("new-rule", "ACME002", "other-assignments").exit_code == 0
    rule = here / "rules" / "ACME002.yaml"
    rule.write_text(rule.read_text("utf-8").replace("иной поручение", "устный поручение"),
                    encoding="utf-8")
    result = run("test-rules", "rules")
    assert result.exit_code == 1 and "4 passed, 4 failed" in result.stdout, result.stdout
    assert "example-found [txt] FAILED: expected 1 finding(s), got 0" in result.stdout
    assert "docs-bad [docx] FAILED" in result.stdout


def test_new_rule_goes_to_the_configured_folder(here: Path) -> None:
    (here / "jdlint.toml").write_text("extend-rules = ['house']\n", encoding="utf-8")
    (here / "house").mkdir()
    assert run("new-rule", "ACME003", "vague-duty").exit_code == 0
    assert (here / "house" / "ACME003.yaml").is_file()
    assert (here / "house" / "tests" / "ACME003.yaml").is_file()
    assert run("test-rules").exit_code == 0


def test_new_rule_refuses(here: Path) -> None:
    assert run("new-rule", "ACME002", "other-assignments").exit_code == 0
    before = (here / "rules" / "ACME002.yaml").read_bytes()
    for args, words in ((("ACME002", "other-assignments"), "already exists"),
                        (("JD999", "x-rule"), "JD is jdlint's"),
                        (("ACME004", "Not_Kebab"), "kebab-case"),
                        (("ACME005", "x-rule", "--folder", str(rules_dir())), "jdlint's own")):
        result = run("new-rule", *args)
        assert result.exit_code == 2 and words in result.output, (args, result.output)
    assert (here / "rules" / "ACME002.yaml").read_bytes() == before
    assert not (here / "rules" / "ACME005.yaml").exists()
