"""The lawyer's review report: the HTML parses, shows every finding with its clause, escapes
hostile document text and is reproducible; the commented Word copy holds exactly one comment
per finding on the right paragraph; inputs are never changed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.report.command import report as report_command
from jdlint.report.docx import comment_count
from jdlint.testing.docxbuild import text_to_docx

ROOT = Path(__file__).resolve().parents[1]
DEFECTS = ROOT / "corpus" / "ru" / "ru_programmer_defects.tracked.docx"
DEFECTS_TXT = ROOT / "corpus" / "ru" / "ru_webcopy_client_manager.txt"
CLEAN = ROOT / "corpus" / "ru" / "ru_hr_clean.docx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def findings(path: Path) -> tuple[object, ...]:
    rules = [r for r in load_rules().values() if r.check is not None
             and r.meta.status == "stable"]
    return lint_file(path, rules, Settings()).findings


def report(args: list[str]) -> None:
    result = CliRunner().invoke(report_command, args)
    assert result.exit_code == 0, result.output


def test_html_report_shows_every_finding_with_its_clause(tmp_path: Path) -> None:
    before = sha(DEFECTS), sha(CLEAN)
    out = tmp_path / "report.html"
    report([str(DEFECTS), str(CLEAN), "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    doc = parse(html)
    assert "table" in doc.tags and "svg" in doc.tags and "script" not in doc.tags
    expected = findings(DEFECTS)
    assert expected, "the defective corpus document has findings"
    rows = html.count('<tr id="f')
    assert rows == len(expected) + len(findings(CLEAN))
    from jdlint.engine.pipeline import read_target
    from jdlint.report.view import renumber, visible_paragraphs

    visible = visible_paragraphs(read_target(str(DEFECTS)).blocks)
    for finding in expected:
        message = renumber(finding.message, visible)
        assert message.replace('"', "&#34;") in html or message in html
        if finding.clause:
            assert f'data-label="Пункт">{finding.clause}</td>' in html
    assert (sha(DEFECTS), sha(CLEAN)) == before
    assert "Нельзя утверждать" in html or "Требует доработки" in html


def test_html_escapes_hostile_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ <script>alert(1)</script>\n"
        "1. Общие положения\n1.1. Менеджер <img src=x onerror=alert(2)> относится к специалистам.\n"
        "1.2. Подчиняется директору.\n2. Должностные обязанности\n2.1. Ведёт переговоры.\n"
        "2.2. Готовит договоры.\n2.3. Выполняет иные поручения руководства.\n"
        "3. Права\n3.1. Запрашивать информацию.\n4. Ответственность\n"
        "4.1. За опоздание работник штрафуется на 500 рублей.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    report([str(hostile), "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    tags = parse(html).tags
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_html_is_reproducible(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    report([str(DEFECTS), "-o", str(a)])
    report([str(DEFECTS), "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


def test_report_language_follows_the_option(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    report([str(DEFECTS), "--report-lang", "en", "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    assert "Job description review report" in html and 'lang="en"' in html


@pytest.mark.parametrize("source", [DEFECTS, DEFECTS_TXT], ids=["docx", "txt"])
def test_docx_copy_has_one_comment_per_finding_on_its_paragraph(source: Path,
                                                                tmp_path: Path) -> None:
    before = sha(source)
    out = tmp_path / "reviewed.docx"
    report([str(source), "--format", "docx", "-o", str(out)])
    expected = findings(source)
    comments = list(comment_count(out.read_bytes()))
    assert len(comments) == len(expected) > 0
    want = sorted((f.source.line if source.suffix == ".txt" else f.source.paragraph, f.code)
                  for f in expected)
    got = sorted((number, text.split()[0]) for number, text in comments)
    assert got == want
    messages = {f.message for f in expected}
    assert all(any(m in text for m in messages) for _, text in comments)
    assert sha(source) == before


def test_docx_copy_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    target = tmp_path / "in.docx"
    target.write_bytes(text_to_docx("1. Общие положения\n1.1. Текст."))
    before = sha(target)
    result = CliRunner().invoke(report_command, [str(target), "--format", "docx",
                                                 "-o", str(target)])
    assert result.exit_code == 2
    assert sha(target) == before


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs the Debian package)")
    out = tmp_path / "report.html"
    report([str(DEFECTS), str(CLEAN), "-o", str(out)])
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--window-size=1280,1600",
         f"--screenshot={shot}", out.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    if not shot.exists():
        pytest.skip(f"chromium could not start here: {run.stderr.strip()[-300:]}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    console = [ln for ln in run.stderr.splitlines() if "CONSOLE" in ln]
    assert not console, console


def test_redline_shows_a_safe_replacement_as_a_tracked_change() -> None:
    from jdlint.core.model import Confidence, Finding, Severity, Suggestion
    from jdlint.readers import read_bytes
    from jdlint.report.docx import commented_copy

    text = ("1. Общие положения\n1.1. Делопроизводство ведётся по ГОСТ Р 6.30-2003.\n"
            "1.2. Менеджер подчиняется директору.")
    data = text_to_docx(text)
    raw = read_bytes(data, None, "in.docx")
    block = next(b for b in raw.blocks if "6.30-2003" in b.text)
    start = block.text.index("ГОСТ Р 6.30-2003")
    finding = Finding(
        code="JD109", name="outdated-reference", severity=Severity.WARNING,
        confidence=Confidence.HIGH, message="outdated", clause="1.1", section=None,
        excerpt=block.text, source=replace(block.source, start=start,
                                           end=start + len("ГОСТ Р 6.30-2003")),
        suggestion=Suggestion("use the current standard", "ГОСТ Р 7.0.97-2025", "safe"),
        fingerprint="abc123")
    copy, placed = commented_copy(data, raw, [finding], "ru", redline=True)
    assert placed == 1
    again = read_bytes(copy, None, "out.docx")
    assert again.revisions.insertions == 1 and again.revisions.deletions == 1
    texts = [b.text for b in again.blocks]
    assert "Делопроизводство ведётся по ГОСТ Р 7.0.97-2025." in texts
    assert not any("6.30-2003" in t for t in texts)
    # without --redline the text is untouched
    plain, _ = commented_copy(data, raw, [finding], "ru", redline=False)
    assert read_bytes(plain, None, "p.docx").revisions.insertions == 0


def test_html_lists_clauses_repeated_across_documents(tmp_path: Path) -> None:
    base = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ {who}\n1. Общие положения\n"
            "1.1. {Who} относится к категории специалистов.\n"
            "1.2. Соблюдает правила внутреннего трудового распорядка и охраны труда.\n"
            "2. Должностные обязанности\n2.1. Ведёт учёт договоров с контрагентами.\n"
            "2.2. Готовит ежемесячный отчёт для руководителя.\n3. Права\n"
            "3.1. Запрашивать информацию.\n4. Ответственность\n"
            "4.1. За ненадлежащее исполнение обязанностей в пределах ТК РФ.\n")
    for name, who in (("a.txt", "юриста"), ("b.txt", "экономиста")):
        (tmp_path / name).write_text(base.format(who=who, Who=who.capitalize()), "utf-8")
    out = tmp_path / "r.html"
    report([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--repeated", "2",
            "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    assert "Пункты, повторяющиеся в нескольких документах" in html
    assert "Соблюдает правила внутреннего трудового распорядка" in html
    assert "a.txt п. 1.2" in html and "b.txt п. 1.2" in html


def test_unknown_tokenizer_stops_the_report_up_front(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from jdlint import nlp

    doc = tmp_path / "instrukcija.txt"
    doc.write_text("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n1. Общие положения\n", encoding="utf-8")
    monkeypatch.setenv("JDLINT_TOKENIZER", "bogus")
    monkeypatch.setattr(nlp, "_tokenizer", None, raising=False)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report_command, [str(doc), "-o", str(out)])
    assert result.exit_code == 2
    assert "JDLINT_TOKENIZER" in result.output and "Traceback" not in result.output
    assert not out.exists()
