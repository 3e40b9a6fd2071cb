"""Formatters: the JSON contract of design.md §5, text (colour rules), concise, rule docs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from helpers import RU_DOC, fake_rule, make_doc

from jdlint.core.model import Document, Finding
from jdlint.core.results import FileResult
from jdlint.engine.lint import RuleContext, lint
from jdlint.output import FORMATS, find_rule, format_results, rule_doc, rules_table

FMT = {"previous": "2.2", "label": "2.3.", "expected": "2.3"}


def _results(fmt: str = "txt") -> list[FileResult]:
    doc = make_doc(RU_DOC, fmt=fmt)

    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.report(doc.clauses()[-2], match="оплату", **FMT)
        yield ctx.report(0, **FMT)

    findings = lint([doc], [fake_rule(check)], today=date(2026, 1, 1))
    ok = FileResult(f"a.{fmt}", doc.raw.format, (doc,), tuple(findings), None, "ru",
                    "ru-standard")
    broken = FileResult("b.docx", None, error="not a Word document (.docx): the file is a PNG")
    return [ok, broken]


def test_json_contract_shape() -> None:
    data = json.loads(format_results(_results("docx"), "json"))
    assert data["version"] == 1
    assert set(data) >= {"version", "files", "summary"}
    ok, broken = data["files"]
    assert set(ok) >= {"path", "format", "language", "profile", "error", "findings"}
    assert (ok["path"], ok["format"], ok["language"], ok["profile"], ok["error"]) == (
        "a.docx", "docx", "ru", "ru-standard", None)
    finding = ok["findings"][1]
    assert set(finding) >= {"code", "name", "severity", "confidence", "message", "location",
                            "excerpt", "legal_basis", "suggestion", "fingerprint"}
    assert (finding["code"], finding["severity"], finding["confidence"]) == (
        "JD199", "warning", "high")
    assert finding["location"]["line"] is None and finding["location"]["paragraph"] == 7
    assert finding["location"]["clause"] == "2.3"
    assert finding["location"]["section"] == "duties"
    assert set(finding["location"]) >= {"line", "paragraph", "clause", "section"}
    assert finding["legal_basis"] and set(finding["legal_basis"][0]) >= {"cite", "url"}
    assert isinstance(finding["suggestion"], str) and len(finding["fingerprint"]) == 40
    assert ok["findings"][0]["location"]["clause"] is None
    assert ok["documents"][0]["classification"] == "instruction"
    assert broken["error"] == {"code": "JD001",
                               "message": "not a Word document (.docx): the file is a PNG"}
    assert broken["findings"] == [] and broken["format"] is None
    assert data["summary"] == {"files": 2, "errors": 0, "warnings": 2, "infos": 0,
                               "unreadable": 1}


def test_json_keeps_cyrillic_readable() -> None:
    assert "Нарушена нумерация" in format_results(_results(), "json")


def test_concise_lines() -> None:
    lines = format_results(_results(), "concise").splitlines()
    assert lines[0].startswith("a.txt:1: warning: JD199 Нарушена нумерация")
    assert lines[1].startswith("a.txt:7: warning: JD199 [2.3] Нарушена нумерация")
    assert lines[2] == "b.docx: error: JD001 not a Word document (.docx): the file is a PNG"


def test_text_grouped_without_colour() -> None:
    out = format_results(_results(), "text", color=False)
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == "a.txt"
    assert "line 7" in lines[3] and "2.3" in lines[3] and "JD199" in lines[3]
    assert "warning" in lines[3]
    assert lines[4].strip() == "2.3. Контролирует оплату по договорам поставки."
    assert "b.docx" in out and "JD001" in out
    assert lines[-1] == "Found 2 problems (0 errors, 2 warnings, 0 infos) in 1 file; " \
                        "1 file could not be read (JD001)."


def test_text_colour_when_forced_and_no_colour_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in format_results(_results(), "text", color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in format_results(_results(), "text")


def test_text_clean_run() -> None:
    ok = FileResult("c.txt", "txt", (make_doc(RU_DOC),), (), None, "ru", "ru-standard")
    assert format_results([ok], "text", color=False) == "No problems found in 1 file.\n"


def test_unknown_format() -> None:
    assert FORMATS[:5] == ("text", "concise", "json", "sarif", "github")
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        format_results([], "xml")


def test_rules_table_lists_every_rule() -> None:
    table = rules_table(color=False)
    for code in ("JD001", "JD005", "JD110"):
        assert code in table
    assert "not-a-job-description" in table


@pytest.mark.parametrize(("key", "lang", "fragments"), [
    ("JD004", "ru", ["JD004 several-documents-in-file", "Message (ru)", "Why:", "Flagged:"]),
    ("missing-section", "lt", ["JD101", "Legal basis (lt)", "DK 34 str. 2 d.", "2017-07-01"]),
    ("jd101", "en", ["Legal basis (ru)", "Legal basis (lt)"]),
])
def test_rule_doc(key: str, lang: str, fragments: list[str]) -> None:
    doc = rule_doc(key, lang)
    for fragment in fragments:
        assert fragment in doc


def test_find_rule_did_you_mean() -> None:
    with pytest.raises(KeyError, match="did you mean"):
        find_rule("missing-sectoin")
