"""The one harness for per-rule fixtures: every case of tests/rules/JDxxx.yaml, as TXT and DOCX.

Fixture format (style-anchors.md §D): ``rule``, ``lang`` (ru | lt | auto), optional ``config``
(rule options) and ``cases``. A case has ``good`` (the rule reports nothing) or ``bad`` with
``expect``: the findings of that rule, in position order, each compared on the keys it gives:
``clause`` (path or null), ``match`` (the text at the finding's span, null = no span),
``line`` / ``paragraph``, ``severity``, ``message`` (a substring). ``as`` limits the formats;
``lang`` may be overridden per case; ``revisions`` sets tracked-change counts on the raw document
(TXT and generated DOCX cannot carry them). Each case runs only its rule, through the reader,
the structure layer and the engine, exactly as the CLI does.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.engine import lint
from jdlint.model import Document, Finding, Revisions
from jdlint.readers import read_bytes
from jdlint.registry import load_rules
from jdlint.structure import analyse
from jdlint.testing.docxbuild import P, build_docx, text_to_docx

FIXTURES = Path(__file__).parent / "rules"
FORMATS = ("txt", "docx")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    assert data.get("rule") == path.stem, f"{path.name}: 'rule' must be {path.stem}"
    assert isinstance(data.get("cases"), dict) and data["cases"], f"{path.name}: no cases"
    return data


def _params() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = _load(path)
        for name, case in data["cases"].items():
            for fmt in case.get("as", FORMATS):
                params.append(pytest.param(data, case, fmt, id=f"{path.stem}-{name}-{fmt}"))
    return params


def _analyse(data: bytes, fmt: str, lang: str, revisions: dict[str, int] | None
             ) -> tuple[Document, ...]:
    raw = read_bytes(data, None, f"case.{fmt}")
    if revisions:
        raw = replace(raw, revisions=Revisions(**revisions))
    language = None if lang == "auto" else lang
    return analyse(raw, language=language).documents  # type: ignore[arg-type]


def project(finding: Finding, documents: tuple[Document, ...], keys: set[str]) -> dict[str, Any]:
    """The fields of a finding that an ``expect`` entry with ``keys`` compares."""
    blocks = documents[0].raw.blocks
    out: dict[str, Any] = {}
    source = finding.source
    if "clause" in keys:
        out["clause"] = finding.clause
    if "match" in keys:
        text = blocks[source.block].text if source.block < len(blocks) else ""
        out["match"] = None if source.end is None else text[source.start:source.end]
    if "line" in keys:
        out["line"] = source.line
    if "paragraph" in keys:
        out["paragraph"] = source.paragraph
    if "severity" in keys:
        out["severity"] = finding.severity.label
    return out


def compare(findings: list[Finding], documents: tuple[Document, ...],
            expect: list[dict[str, Any]]) -> None:
    """Assert that findings match the expectations one to one, in order."""
    shown = [f"{f.clause} {f.source.describe()}: {f.message}" for f in findings]
    assert len(findings) == len(expect), f"expected {len(expect)} finding(s), got {shown}"
    for finding, wanted in zip(findings, expect, strict=True):
        wanted = dict(wanted)
        fragment = wanted.pop("message", None)
        assert project(finding, documents, set(wanted)) == wanted, shown
        if fragment is not None:
            assert fragment in finding.message, f"{fragment!r} not in {finding.message!r}"


@pytest.mark.parametrize(("fixture", "case", "fmt"), _params())
def test_rule_case(fixture: dict[str, Any], case: dict[str, Any], fmt: str) -> None:
    code = fixture["rule"]
    rules = load_rules()
    rule = rules[code]
    if rule.check is None:
        pytest.skip(f"{code} is {rule.meta.status} and not implemented yet")
    assert ("good" in case) != ("bad" in case), "a case has exactly one of good / bad"
    text = case.get("good") or case["bad"]
    data = text.encode("utf-8") if fmt == "txt" else text_to_docx(text)
    documents = _analyse(data, fmt, case.get("lang", fixture.get("lang", "ru")),
                         case.get("revisions"))
    options = {code: {**fixture.get("config", {}), **case.get("config", {})}}
    findings = lint(documents, [rule], lang=case.get("output"), options=options)
    assert not [f for f in findings if f.code == "JD000"], [f.message for f in findings]
    compare(findings, documents, [] if "good" in case else case["expect"])


def test_jd005_real_docx() -> None:
    """A DOCX with a real tracked insertion, deletion and comment, end to end through the reader."""
    data = build_docx([P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ бухгалтера"), P("1. Общие положения"),
                       P("1.1. Бухгалтер относится к категории специалистов.",
                         inserted=" Подчиняется главному бухгалтеру.", deleted=" Лишнее."),
                       P("2. Должностные обязанности"),
                       P("2.1. Ведёт учёт первичных документов.")],
                      comment=(2, "Согласовать с юристом"))
    documents = _analyse(data, "docx", "ru", None)
    findings = lint(documents, [load_rules()["JD005"]])
    assert [f.code for f in findings] == ["JD005"]
    assert "вставок: 1" in findings[0].message and "примечаний: 1" in findings[0].message
