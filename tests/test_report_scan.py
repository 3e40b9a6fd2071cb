"""``jdlint report`` and ``jdlint duplicates`` collect a folder's files with check's scanner
(jdlint.run.scan): .gitignore, the default excludes and TXT files that are not job descriptions by
name are left out, and ``--exclude``/``--extend-exclude``/``--no-respect-gitignore`` mean what
they mean for ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli

JD = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ {who}\n1. Общие положения\n"
      "1.1. {Who} относится к категории специалистов.\n"
      "1.2. Соблюдает правила внутреннего трудового распорядка и охраны труда.\n"
      "2. Должностные обязанности\n2.1. Ведёт учёт договоров с контрагентами.\n"
      "2.2. Готовит ежемесячный отчёт для руководителя.\n3. Права\n"
      "3.1. Запрашивать информацию.\n4. Ответственность\n"
      "4.1. За ненадлежащее исполнение обязанностей в пределах ТК РФ.\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    hr = tmp_path / "hr"
    hr.mkdir()
    for name, who in (("jurist.txt", "юриста"), ("economist.txt", "экономиста"),
                      ("draft.txt", "секретаря"), ("vendor.txt", "кассира")):
        (hr / name).write_text(JD.format(who=who, Who=who.capitalize()), encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("click>=8\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("hr/draft.txt\n", encoding="utf-8")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "notes.txt").write_text(JD.format(who="водителя", Who="Водитель"), "utf-8")
    return tmp_path


def _documents(html: str) -> set[str]:
    return {name for name in ("jurist.txt", "economist.txt", "draft.txt", "vendor.txt",
                              "requirements.txt", "notes.txt") if name in html}


def test_report_of_a_folder_skips_what_check_skips(repo: Path) -> None:
    out = repo.parent / "report.html"
    result = CliRunner().invoke(cli, ["report", str(repo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _documents(out.read_text(encoding="utf-8")) == {"jurist.txt", "economist.txt",
                                                            "vendor.txt"}


def test_report_takes_checks_scan_options(repo: Path) -> None:
    out = repo.parent / "report.html"
    result = CliRunner().invoke(cli, ["report", str(repo), "-o", str(out),
                                      "--no-respect-gitignore", "--extend-exclude",
                                      "vendor.txt"])
    assert result.exit_code == 0, result.output
    assert _documents(out.read_text(encoding="utf-8")) == {"jurist.txt", "economist.txt",
                                                            "draft.txt"}
    # --exclude replaces the default excludes: venv/ is read then
    result = CliRunner().invoke(cli, ["report", str(repo), "-o", str(out), "--exclude",
                                      "hr"])
    assert result.exit_code == 0, result.output
    assert _documents(out.read_text(encoding="utf-8")) == {"notes.txt"}


def test_duplicates_of_a_folder_skips_what_check_skips(repo: Path) -> None:
    def searched(*extra: str) -> int:
        result = CliRunner().invoke(cli, ["duplicates", str(repo), "--output-format", "json",
                                          *extra])
        assert result.exit_code in (0, 1), result.output
        return int(json.loads(result.stdout)["instructions"])

    assert searched() == 3  # not draft.txt (.gitignore), venv/, requirements.txt
    assert searched("--no-respect-gitignore") == 4
    assert searched("--extend-exclude", "jurist.txt") == 2
    assert searched("--exclude", "hr") == 1  # venv/notes.txt only
