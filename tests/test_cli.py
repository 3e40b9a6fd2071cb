"""``jdlint check`` end to end: exit codes, formats, -o, --statistics, config, house rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from jdlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "examples" / "house-rules"

INSTRUCTION = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по продажам
1. Общие положения
1.1. Менеджер по продажам относится к категории специалистов.
1.2. Менеджер подчиняется коммерческому директору.
2. Должностные обязанности
2.1. Ведёт переговоры с клиентами.
2.2. Готовит коммерческие предложения.
3. Права
3.1. Запрашивать информацию, необходимую для работы.
3.2. {extra}
4. Ответственность
4.1. {fine}
"""
FINE = "За опоздание на работу менеджер штрафуется на 500 рублей."
CLEAN = "Менеджер несёт ответственность за ненадлежащее исполнение своих обязанностей."


def doc(fine: bool = True, extra: str = "Участвовать в обсуждении планов продаж.") -> str:
    """A small instruction, with a fine as a sanction (JD201, an error) or without."""
    return INSTRUCTION.format(fine=FINE if fine else CLEAN, extra=extra)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(doc(), encoding="utf-8")
    (tmp_path / "good.txt").write_text(doc(fine=False), encoding="utf-8")
    return tmp_path


def test_exit_codes(work: Path) -> None:
    assert run("check", "--select", "JD201", "good.txt").exit_code == 0
    assert run("check", "--select", "JD201", "bad.txt").exit_code == 1
    assert run("check", "--select", "JD201", "--exit-zero", "bad.txt").exit_code == 0
    assert run("check", "--select", "JD2O1", "bad.txt").exit_code == 2


def test_unreadable_file_gives_2_and_the_others_are_still_linted(work: Path) -> None:
    (work / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("check", "--select", "JD201", "--output-format", "concise", "broken.docx",
                 "bad.txt", "missing.txt")
    assert result.exit_code == 2
    assert "bad.txt:12: error: JD201 [4.1]" in result.stdout
    assert "broken.docx: error: JD001" in result.stdout
    assert "missing.txt: error: JD001" in result.stdout
    assert "jdlint: error: missing.txt: no such file or directory" in result.stderr


def test_concise_format(work: Path) -> None:
    out = run("check", "--select", "JD201", "--output-format", "concise", "bad.txt").stdout
    assert out.startswith("bad.txt:12: error: JD201 [4.1] ") and out.count("\n") == 1


def test_github_format(work: Path) -> None:
    out = run("check", "--select", "JD201", "--output-format", "github", "bad.txt").stdout
    assert out.startswith("::error file=bad.txt,line=12,col=")
    assert "title=JD201 " in out and "::clause 4.1: " in out


def test_output_file_and_statistics(work: Path) -> None:
    result = run("check", "--select", "JD201,JD002", "--statistics", "-o", "report.txt",
                 "bad.txt", "good.txt")
    assert result.exit_code == 1 and result.stdout == ""
    text = (work / "report.txt").read_text(encoding="utf-8")
    # NOTE: as in ruff, --statistics replaces the report (issue 17)
    assert text == "    1  JD201    error    fine-or-pay-sanction\n"
    assert "\x1b[" not in text  # no colour in files


def test_statistics_in_json_are_json(work: Path) -> None:
    result = run("check", "--select", "JD201", "--statistics", "--output-format", "json",
                 "bad.txt")
    assert json.loads(result.stdout) == [{"code": "JD201", "name": "fine-or-pay-sanction",
                                          "count": 1, "severity": "error"}]
    assert result.exit_code == 1


def test_config_is_found_from_the_file(work: Path) -> None:
    (work / "sub").mkdir()
    (work / "sub" / "bad.txt").write_text(doc(), encoding="utf-8")
    (work / "sub" / "jdlint.toml").write_text("select = ['JD201']\n[severity]\nJD201 = 'warning'\n",
                                              encoding="utf-8")
    assert run("check", "sub/bad.txt").exit_code == 0  # a warning does not fail by default
    (work / "sub" / "jdlint.toml").write_text("select = ['JD201']\nfail-on = 'warning'\n"
                                              "[severity]\nJD201 = 'warning'\n", encoding="utf-8")
    assert run("check", "sub/bad.txt").exit_code == 1
    assert run("check", "--fail-on", "error", "sub/bad.txt").exit_code == 0
    assert run("check", "--isolated", "--select", "JD201", "sub/bad.txt").exit_code == 1


def test_config_warnings_go_to_stderr(work: Path) -> None:
    (work / "jdlint.toml").write_text("selct = ['JD201']\n", encoding="utf-8")
    result = run("check", "--select", "JD201", "--output-format", "json", "bad.txt")
    assert "did you mean 'select'" in result.stderr
    json.loads(result.stdout)


def test_bad_config_is_a_usage_error(work: Path) -> None:
    (work / "jdlint.toml").write_text("fail-on = 'fatal'\n", encoding="utf-8")
    result = run("check", "bad.txt")
    assert result.exit_code == 2 and "'fail-on' must be one of" in result.stderr


def test_per_file_ignores_through_the_cli(work: Path) -> None:
    (work / "jdlint.toml").write_text("select = ['JD201']\n[per-file-ignores]\n'bad.*' = ['JD2']\n",
                                      encoding="utf-8")
    assert run("check", "bad.txt").exit_code == 0


def test_config_command(work: Path) -> None:
    (work / "pyproject.toml").write_text("[tool.jdlint]\nselect = ['JD201']\nfail-on = 'info'\n",
                                         encoding="utf-8")
    text = run("config", "bad.txt").stdout
    assert "settings from pyproject.toml [tool.jdlint]" in text
    assert 'rules = ["JD201"]' in text and 'fail-on = "info"' in text
    data = json.loads(run("config", "--output-format", "json", ".").stdout)
    assert data["config"] == str((work / "pyproject.toml").resolve())


def test_house_rules_run_from_config(work: Path) -> None:
    shutil.copytree(HOUSE, work / "house")
    (work / "jdlint.toml").write_text("extend-rules = ['house']\nselect = ['ACME', 'JD201']\n",
                                      encoding="utf-8")
    (work / "bonus.txt").write_text(
        doc(fine=False, extra="Получать премию по усмотрению руководителя отдела."),
        encoding="utf-8")
    result = run("check", "--output-format", "concise", "bonus.txt")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "ACME001 [3.2] " in result.stdout
    cases = run("test-rules")
    # 2 cases and the 2 docs examples, each as TXT and DOCX
    assert cases.exit_code == 0 and "8 passed, 0 failed" in cases.stdout


def test_house_rules_must_not_use_jd_codes(work: Path) -> None:
    (work / "house").mkdir()
    text = (HOUSE / "ACME001.yaml").read_text(encoding="utf-8").replace("ACME001", "JD901")
    (work / "house" / "JD901.yaml").write_text(text, encoding="utf-8")
    (work / "jdlint.toml").write_text("extend-rules = ['house']\n", encoding="utf-8")
    result = run("check", "bad.txt")
    assert result.exit_code == 2 and "own code prefix" in result.stderr


def test_test_rules_reports_a_failing_case(work: Path) -> None:
    shutil.copytree(HOUSE, work / "house")
    cases = work / "house" / "tests" / "ACME001.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace('clause: "3.2"', 'clause: "3.3"'),
                     encoding="utf-8")
    result = run("test-rules", "house")
    assert result.exit_code == 1 and "clause: expected '3.3', got '3.2'" in result.stdout


def test_report_command_is_registered() -> None:
    ctx = click.Context(cli)
    assert "report" in cli.list_commands(ctx)  # type: ignore[attr-defined]
    assert cli.get_command(ctx, "report").name == "report"  # type: ignore[attr-defined,union-attr]


def test_help_mentions_every_format() -> None:
    text = run("check", "--help").stdout
    for fmt in ("text", "concise", "json", "sarif", "github"):
        assert fmt in text
