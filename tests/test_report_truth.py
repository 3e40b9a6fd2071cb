"""The report tells the truth (issue 17 item 2): it shows exactly the findings ``jdlint check``
prints for the same input, config, selection, waivers and baseline; it names the date and the
law it checked against; a document whose rules did not run is "not checked", never green."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from jdlint.cli import cli

DOC = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по закупкам
1. Общие положения
1.1. Менеджер по закупкам относится к категории специалистов.
1.2. Менеджер подчиняется начальнику отдела закупок.
2. Должностные обязанности
2.1. Ведёт переговоры с поставщиками.
2.2. Готовит договоры поставки.
3. Права
3.1. Запрашивать сведения у других подразделений.
4. Ответственность
4.1. За опоздание на работу менеджер штрафуется на 1000 рублей.
4.2. Менеджер несёт полную материальную ответственность за любой ущерб.
4.3. За нарушение сроков менеджеру объявляется строгий выговор.
"""


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


def _check_findings(args: list[str]) -> list[tuple[str, str]]:
    # NOTE: the report on standard output only: warnings go to standard error, and the
    # streamed JSON report prints the waivers' warnings after it (issue 19)
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "--no-cache", *args])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return sorted((f["code"], f["fingerprint"]) for file in data["files"]
                  for f in file["findings"])


def _report_findings(args: list[str], out: Path) -> tuple[list[tuple[str, str]], str]:
    code, text = _run(["report", *args, "-o", str(out)])
    assert code == 0, text
    html = out.read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="f\d+" class="\w+" data-code="([^"]+)" '
                      r'data-fingerprint="([^"]+)">', html)
    return sorted(rows), html


def test_report_shows_exactly_what_check_prints(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(DOC, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(DOC.replace("закупкам", "продажам"), encoding="utf-8")
    everything = _check_findings([str(doc), str(other)])
    fine = next(fp for c, fp in everything if c == "JD201")
    # a waiver for one JD201, a baseline recording the other file's findings, and a config
    # that ignores JD101: each of the three must act on the report as on check
    (tmp_path / "jdlint.toml").write_text('ignore = ["JD101"]\n', encoding="utf-8")
    (tmp_path / "w.toml").write_text(
        f'[[waiver]]\nfingerprint = "{fine}"\nreason = "agreed with the union"\n'
        'author = "lawyer"\nexpires = "2099-01-01"\n', encoding="utf-8")
    base = tmp_path / "base.json"
    code, out = _run(["check", "--no-cache", str(other), "--write-baseline", str(base)])
    assert code == 0, out
    args = [str(doc), str(other), "--waivers", str(tmp_path / "w.toml"),
            "--baseline", str(base), "--ignore", "JD204"]
    expected = _check_findings(args)
    got, html = _report_findings(args, tmp_path / "r.html")
    assert got == expected
    codes = {c for c, _ in expected}
    # the filters really removed something: the waived fine, JD101 (config), JD204 (option),
    # the other file's findings (baseline)
    assert "JD201" not in codes and "JD101" not in codes and "JD204" not in codes
    assert codes == {"JD202"} and len(expected) == 1
    assert fine not in html
    # --select acts the same way too
    sel = [str(doc), "--select", "JD201,JD204"]
    assert _report_findings(sel, tmp_path / "s.html")[0] == _check_findings(sel) != []


def test_report_names_the_date_and_the_law(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(DOC, encoding="utf-8")
    _, html = _report_findings([str(doc), "--isolated"], tmp_path / "r.html")
    assert f"Дата проверки: {date.today().isoformat()}" in html
    assert "Право: Российская Федерация" in html


def test_foreign_jurisdiction_is_not_checked_never_green(tmp_path: Path) -> None:
    by = tmp_path / "by.txt"
    by.write_text(DOC.replace(
        "4. Ответственность\n4.1. За опоздание на работу менеджер штрафуется на 1000 рублей.\n"
        "4.2. Менеджер несёт полную материальную ответственность за любой ущерб.\n"
        "4.3. За нарушение сроков менеджеру объявляется строгий выговор.\n",
        "4. Ответственность\n4.1. Менеджер отвечает за качество работы в соответствии с "
        "законодательством Республики Беларусь.\n")
        .replace("1.2. Менеджер", "1.2. В своей деятельности менеджер руководствуется "
                 "Трудовым кодексом Республики Беларусь.\n1.3. Менеджер"), encoding="utf-8")
    code, out = _run(["check", "--isolated", "--no-cache", "--select", "JD2", str(by)])
    assert code == 0, out  # check has nothing to say: the labour rules did not judge it
    _, html = _report_findings([str(by), "--isolated", "--select", "JD2"], tmp_path / "r.html")
    assert 'class="verdict unchecked">Не проверен' in html
    assert "нормы трудового права (Республика Беларусь) jdlint не проверяет" in html
    assert "Замечаний нет</span>" not in html


def test_text_that_is_not_a_job_description_is_not_checked(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Список покупок на выходные: хлеб, молоко, яблоки, сыр и чай.\n"
                    "Не забыть позвонить бабушке в субботу вечером.\n", encoding="utf-8")
    _, html = _report_findings([str(note), "--isolated"], tmp_path / "r.html")
    assert "Замечаний нет</span>" not in html and "No findings</span>" not in html
    assert 'class="verdict unchecked">' in html


def test_unreadable_file_is_not_checked(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real archive")
    good = tmp_path / "a.txt"
    good.write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(bad), str(good), "--isolated", "-o",
                                      str(tmp_path / "r.html")])
    assert result.exit_code == 2
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'class="verdict unreadable">Не проверен' in html
    assert "файл не прочитан:" in html
