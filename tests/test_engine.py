"""Engine: ``report`` fills every field; rule applicability; crashes become JD000; fingerprints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from helpers import RU_DOC, fake_rule, make_doc

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.core.model import Confidence, Document, Finding, SectionKind, Severity
from jdlint.engine.lint import EXCERPT_WIDTH, RuleContext, fingerprint_text, lint

TODAY = date(2026, 1, 1)


def report_on_clause(path: str, match: str, **fmt: object):  # type: ignore[no-untyped-def]
    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for clause in doc.clauses():
            if clause.path == path:
                yield ctx.report(clause, match=match, **fmt)
    return check


JD104_FMT = {"previous": "2.2", "label": "2.3.", "expected": "2.3"}


def test_report_fills_everything() -> None:
    doc = make_doc(RU_DOC)
    rule = fake_rule(report_on_clause("2.3", "оплату по договорам", **JD104_FMT))
    [finding] = lint([doc], [rule], today=TODAY)
    assert finding.code == "JD199" and finding.name == "test-jd199"
    assert finding.severity is Severity.WARNING and finding.confidence is Confidence.HIGH
    assert finding.message == ("Нарушена нумерация: после пункта 2.2 идёт 2.3., "
                               "ожидался 2.3.")
    assert finding.clause == "2.3" and finding.section is SectionKind.DUTIES
    assert finding.source.block == 6 and finding.source.line == 7
    text = doc.raw.blocks[6].text
    assert text[finding.source.start:finding.source.end] == "оплату по договорам"
    assert finding.excerpt == "2.3. Контролирует оплату по договорам поставки."
    assert [r.cite for r in finding.legal_basis] == [
        "ГОСТ Р 7.0.97-2025 (оформление текста документа; рекомендательный)"]
    assert finding.suggestion is not None and "2.3" in finding.suggestion.text
    assert len(finding.fingerprint) == 40


def test_lithuanian_document_gets_lithuanian_message_and_law() -> None:
    doc = make_doc(["1. Funkcijos", "1.1. Derasi su klientais."], language="lt")
    rule = fake_rule(report_on_clause("1.1", "klientais", **JD104_FMT))
    [finding] = lint([doc], [rule], today=TODAY)
    assert finding.message.startswith("Pažeista numeracija")
    assert [r.cite.split(",")[0] for r in finding.legal_basis] == ["Dokumentų rengimo taisyklės"]
    assert finding.section is SectionKind.DUTIES


@pytest.mark.parametrize(("lang", "start"), [("en", "Numbering defect"), ("lt", "Pažeista"),
                                             ("ru", "Нарушена")])
def test_output_language_overrides_document_language(lang: str, start: str) -> None:
    rule = fake_rule(report_on_clause("2.3", "оплату", **JD104_FMT))
    [finding] = lint([make_doc(RU_DOC)], [rule], lang=lang, today=TODAY)
    assert finding.message.startswith(start)
    assert finding.legal_basis  # jurisdiction follows the document, not the output language


def test_legal_basis_filtered_by_validity_dates() -> None:
    rule = fake_rule(report_on_clause("2.3", "оплату", **JD104_FMT))
    [old] = lint([make_doc(RU_DOC)], [rule], today=date(2020, 1, 1))
    assert [r.cite[:18] for r in old.legal_basis] == ["ГОСТ Р 7.0.97-2016"]


def test_undetermined_language_english_and_no_legal_basis() -> None:
    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.report(0, **JD104_FMT)

    rule = fake_rule(check, code="JD099")  # document-level: runs without a language
    [finding] = lint([make_doc(RU_DOC, language=None)], [rule], today=TODAY)
    assert finding.message.startswith("Numbering defect") and finding.legal_basis == ()
    assert finding.clause is None and finding.source.end is None
    assert finding.excerpt == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера"


def test_report_at_block_index_and_source_finds_clause() -> None:
    doc = make_doc(RU_DOC)

    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.report(4, match="переговоры", **JD104_FMT)
        yield ctx.report(doc.raw.blocks[8].source, **JD104_FMT)

    first, second = lint([doc], [fake_rule(check)], today=TODAY)
    assert (first.clause, first.section) == ("2.1", SectionKind.DUTIES)
    assert (second.clause, second.section) == ("3.1", SectionKind.RIGHTS)
    assert second.source.line == 9 and second.source.end is None


def test_match_in_second_block_of_a_clause() -> None:
    lines = [*RU_DOC[:6], "2.3. Контролирует оплату", "по договорам поставки."]
    doc = make_doc(lines)
    rule = fake_rule(report_on_clause("2.3", "договорам", **JD104_FMT))
    [finding] = lint([doc], [rule], today=TODAY)
    assert finding.source.block == 7 and finding.source.line == 8


def test_excerpt_cut_around_match_from_raw_text() -> None:
    long = "2.3. " + "очень длинный текст " * 20 + "ШТРАФ\u00a0в размере" + " и ещё текст" * 20
    doc = make_doc([*RU_DOC[:6], long])
    rule = fake_rule(report_on_clause("2.3", "штраф в размере", **JD104_FMT))
    [finding] = lint([doc], [rule], today=TODAY)
    assert "ШТРАФ\u00a0в размере" in finding.excerpt  # raw text, NBSP kept
    assert finding.excerpt.startswith("…") and finding.excerpt.endswith("…")
    assert len(finding.excerpt) <= EXCERPT_WIDTH + 2


def test_configured_severity_wins_over_rule_and_finding_severity() -> None:
    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.report(2, severity=Severity.INFO, **JD104_FMT)

    rule = fake_rule(check)
    [graded] = lint([make_doc(RU_DOC)], [rule], today=TODAY)
    assert graded.severity is Severity.INFO
    [configured] = lint([make_doc(RU_DOC)], [rule], severities={"JD199": Severity.ERROR})
    assert configured.severity is Severity.ERROR
    [by_name] = lint([make_doc(RU_DOC)], [rule], severities={"test-jd199": Severity.ERROR})
    assert by_name.severity is Severity.ERROR


def test_options_merge_defaults_and_config() -> None:
    seen: list[object] = []

    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        seen.append(dict(ctx.options))
        return iter(())

    rule = fake_rule(check, options={"a": 1, "b": 2})
    lint([make_doc(RU_DOC)], [rule], options={"JD199": {"b": 3}})
    assert seen == [{"a": 1, "b": 3}]


def test_crashing_rule_becomes_jd000_and_others_still_run() -> None:
    def broken(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.report(2, **JD104_FMT)
        raise ZeroDivisionError("boom")

    good = fake_rule(report_on_clause("2.1", "переговоры", **JD104_FMT), code="JD198")
    findings = lint([make_doc(RU_DOC)], [fake_rule(broken), good], today=TODAY, lang="en")
    assert [f.code for f in findings] == ["JD000", "JD198"]
    crash = findings[0]
    assert crash.severity is Severity.ERROR and crash.name == "internal-error"
    assert "JD199" in crash.message and "ZeroDivisionError: boom" in crash.message
    assert "--ignore JD199" in crash.message
    assert crash.data == {"rule": "JD199", "exception": "ZeroDivisionError"}


def test_missing_placeholder_is_a_crash_not_an_abort() -> None:
    rule = fake_rule(report_on_clause("2.1", "переговоры"))  # no {previous} etc.
    [finding] = lint([make_doc(RU_DOC)], [rule])
    assert finding.code == "JD000" and "KeyError" in finding.message


def test_non_instruction_runs_only_document_level_rules() -> None:
    doc = make_doc(RU_DOC, classification="article")
    calls: list[str] = []

    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        calls.append(ctx.meta.code)
        return iter(())

    lint([doc], [fake_rule(check, code="JD099"), fake_rule(check, code="JD199")])
    assert calls == ["JD099"]


@pytest.mark.parametrize(("language", "expected"), [("ru", ["JD099", "JD199"]),
                                                    ("lt", ["JD099"]), (None, ["JD099"])])
def test_rule_languages_filter(language: str | None, expected: list[str]) -> None:
    calls: list[str] = []

    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        calls.append(ctx.meta.code)
        return iter(())

    rules = [fake_rule(check, code="JD099", languages=("ru",)),
             fake_rule(check, code="JD199", languages=("ru",))]
    lint([make_doc(RU_DOC, language=language)], rules)  # type: ignore[arg-type]
    assert calls == expected


def test_findings_sorted_by_position_and_noise_dropped() -> None:
    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for block in (8, 2, 5, 4):
            yield ctx.report(block, **JD104_FMT)

    findings = lint([make_doc(RU_DOC, noise={5})], [fake_rule(check)])
    assert [f.source.block for f in findings] == [2, 4, 8]


def test_rule_without_check_is_skipped() -> None:
    rule = fake_rule(report_on_clause("2.1", "x"))
    assert lint([make_doc(RU_DOC)], [type(rule)(rule.meta, None)]) == []


def _fingerprints(lines: list[str]) -> list[str]:
    rule = fake_rule(report_on_clause_text("Контролирует", **JD104_FMT))
    return [f.fingerprint for f in lint([make_doc(lines)], [rule])]


def report_on_clause_text(word: str, **fmt: object):  # type: ignore[no-untyped-def]
    def check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for clause in doc.clauses():
            if word in clause.text:
                yield ctx.report(clause, match=word, **fmt)
    return check


def test_fingerprint_stable_under_renumbering_and_reflow() -> None:
    original = _fingerprints(RU_DOC)
    renumbered = [line.replace("2.3.", "3.1.").replace("2. Д", "3. Д") for line in RU_DOC]
    reflowed = [*RU_DOC[:6], "2.3. Контролирует  оплату по", "договорам поставки", *RU_DOC[7:]]
    inserted = [*RU_DOC[:3], "1.2. Новый пункт.", *RU_DOC[3:]]
    assert len(original) == 1
    assert _fingerprints(renumbered) == original
    assert _fingerprints(reflowed) == original
    assert _fingerprints(inserted) == original


def test_fingerprint_changes_with_text_and_occurrence() -> None:
    changed = [*RU_DOC[:6], "2.3. Контролирует оплату по договорам аренды."]
    assert _fingerprints(changed) != _fingerprints(RU_DOC)
    twice = [*RU_DOC, "3.2. Контролирует оплату по договорам поставки."]
    first, second = _fingerprints(twice)
    assert first != second


@pytest.mark.parametrize(("a", "b"), [
    ("2.3. Контролирует оплату.", "3.1 контролирует   ОПЛАТУ"),
    ("а) Ведёт учёт;", "б) ведет учет"),
    ("III. Права", "IV. права"),
])
def test_fingerprint_text_normalisation(a: str, b: str) -> None:
    assert fingerprint_text(a) == fingerprint_text(b)


def test_jd000_metadata_exists() -> None:
    meta = load_catalogue()["JD000"]
    assert meta.kind == "internal" and meta.severity is Severity.ERROR
