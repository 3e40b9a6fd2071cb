"""Baselines: round trip, stable under renumbering and reflow, only new findings fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jdlint.cli import cli
from jdlint.testing.docxbuild import text_to_docx

HEAD = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по продажам
1. Общие положения
1.1. Менеджер по продажам относится к категории специалистов.
1.2. Менеджер подчиняется коммерческому директору.
2. Должностные обязанности
2.1. Ведёт переговоры с клиентами.
2.2. Готовит коммерческие предложения.
3. Права
3.1. Запрашивать информацию, необходимую для работы.
"""
FINE = "За опоздание на работу менеджер штрафуется на 500 рублей."
ORIGINAL = HEAD + f"4. Ответственность\n4.1. {FINE}\n"
# a section inserted before it: "4.1" becomes "5.2"; the clause is re-wrapped over two lines
RENUMBERED = HEAD + ("4. Взаимоотношения\n4.1. Взаимодействует с бухгалтерией.\n"
                     "5. Ответственность\n5.1. Отвечает за сохранность документов.\n"
                     "5.2. За опоздание на работу менеджер\nштрафуется на 500 рублей.\n")
NEW_FINE = "5.3. За нарушение формы одежды менеджер штрафуется на 1000 рублей.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--select", "JD201", "--no-cache", *args],
                              catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_round_trip_survives_renumbering_and_reflow(folder: Path, fmt: str) -> None:
    target = folder / f"legacy.{fmt}"

    def write(text: str) -> None:
        if fmt == "txt":
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(text_to_docx(text))

    write(ORIGINAL)
    assert run(target.name).exit_code == 1
    written = run("--write-baseline", "baseline.json", target.name)
    assert written.exit_code == 0 and "wrote 1 finding(s)" in written.stderr
    data = json.loads((folder / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["code"], e["clause"]) for e in data["findings"]] == [
        (target.name, "JD201", "4.1")]

    assert run("--baseline", "baseline.json", target.name).exit_code == 0
    write(RENUMBERED)
    result = run("--baseline", "baseline.json", "--output-format", "concise", target.name)
    assert result.exit_code == 0, result.stdout
    write(RENUMBERED + NEW_FINE)
    result = run("--baseline", "baseline.json", "--output-format", "concise", target.name)
    assert result.exit_code == 1
    assert result.stdout.count("JD201") == 1 and "[5.3]" in result.stdout


def test_fixed_findings_are_reported_as_stale_entries(folder: Path) -> None:
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    run("--write-baseline", "baseline.json", "a.txt")
    (folder / "a.txt").write_text(HEAD, encoding="utf-8")
    result = run("--baseline", "baseline.json", "a.txt")
    assert result.exit_code == 0 and "no longer occur" in result.stderr


def test_baseline_paths_are_relative_to_the_baseline_file(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs" / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "ci").mkdir()
    run("--write-baseline", "ci/baseline.json", "docs/a.txt")
    entry = json.loads((folder / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert entry["findings"][0]["path"] == "../docs/a.txt"
    assert run("--baseline", "ci/baseline.json", str(folder / "docs" / "a.txt")).exit_code == 0


def test_two_equal_findings_need_two_entries(folder: Path) -> None:
    doubled = ORIGINAL + f"4.2. {FINE}\n"
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    run("--write-baseline", "baseline.json", "a.txt")
    (folder / "a.txt").write_text(doubled, encoding="utf-8")
    assert run("--baseline", "baseline.json", "a.txt").exit_code == 1


@pytest.mark.parametrize(("content", "words"), [
    (None, "does not exist"),
    ("{", "not valid JSON"),
    ('{"version": 9, "findings": []}', "not a jdlint baseline"),
])
def test_unusable_baseline_is_a_usage_error(folder: Path, content: str | None,
                                            words: str) -> None:
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    if content is not None:
        (folder / "baseline.json").write_text(content, encoding="utf-8")
    result = run("--baseline", "baseline.json", "a.txt")
    assert result.exit_code == 2 and words in result.stderr
