"""JD106-JD110 (placeholders, title / subordination / employer-name consistency, outdated
references) on real and planted texts.

* Seeds (../shared/seeds, never copied into the repo; skipped when absent): the placeholders,
  the foreign position title and the subordination mismatch of 004, the five names of the one
  position in 002, nothing on the article 000, nothing from the web noise around 003.
* Corpus (corpus/manifest.yaml): every planted JD106-JD110 defect is found at its clause in
  every form of its document, nothing else of these rules is reported on a defective document
  (except the one deliberate overlap below), and the clean documents get nothing.
* Real Word files (../shared/real-docs, skipped when absent): the employer's name spelled in
  several ways, and a heading that names another position than the body.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.core.model import Finding, Severity
from jdlint.engine.lint import lint
from jdlint.engine.pipeline import Settings, analyse_file
from jdlint.engine.registry import Rule, load_rules

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REAL = SHARED / "real-docs"
CORPUS = ROOT / "corpus"
MANIFEST: list[dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))
CODES = ("JD106", "JD107", "JD108", "JD109", "JD110")

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-docs not present")


def rules() -> list[Rule]:
    table = load_rules()
    return [table[c] for c in CODES]


@cache
def run(path: Path) -> tuple[tuple[Finding, ...], ...]:
    """Findings of the five rules per instruction of the file (index = document)."""
    fa = analyse_file(path, Settings())
    return tuple(tuple(lint([doc], rules())) for doc in fa.documents)


def all_findings(path: Path) -> list[Finding]:
    return [f for per_doc in run(path) for f in per_doc]


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def codes_at(findings: list[Finding] | tuple[Finding, ...], code: str) -> list[str | None]:
    return [f.clause for f in findings if f.code == code]


# ---------------------------------------------------------------------------- seeds

@needs_seeds
def test_000_article_gets_nothing() -> None:
    assert all_findings(seed("000")) == []


@needs_seeds
def test_001_has_no_placeholder_or_inconsistency() -> None:
    assert all_findings(seed("001")) == []


@needs_seeds
def test_002_five_names_of_one_position_in_one_finding() -> None:
    per_doc = run(seed("002"))
    instructions = [fs for fs in per_doc if fs]
    assert len(instructions) == 2  # the same instruction twice in the web page
    for findings in instructions:
        titles = [f for f in findings if f.code == "JD107"]
        assert len(titles) == 1
        message = titles[0].message
        assert "5 būdais" in message
        for name in ("Pagrindinės paskyros vadybininko", "Pagrindinių klientų vadybininkas",
                     "Pagrindinės sąskaitos tvarkytojas", "Pagrindinės paskyros valdytojas",
                     "Pagrindinės paskyros vadovas"):
            assert name in message, name
        assert titles[0].clause == "1.1"
        # 1.3 names the sales head with alternatives in brackets: one statement, no conflict
        assert codes_at(findings, "JD108") == []


@needs_seeds
def test_003_noise_citing_old_gost_is_not_reported() -> None:
    text = seed("003").read_text("utf-8")
    assert "ГОСТ Р 6.30-2003" in text  # the article around the instruction cites it
    assert codes_at(all_findings(seed("003")), "JD109") == []


@needs_seeds
def test_004_placeholders_foreign_title_and_subordination() -> None:
    findings = all_findings(seed("004"))
    placeholders = {f.clause: f for f in findings if f.code == "JD106"}
    assert {"2.5", "3.6"} <= set(placeholders)
    assert "…" in placeholders["2.5"].excerpt
    assert "(другие обязанности)" in placeholders["3.6"].message
    # the signature blanks "(личная подпись) (ФИО)" and "«___»…202__г." are not placeholders
    assert all("ФИО" not in f.message for f in placeholders.values())

    titles = [f for f in findings if f.code == "JD107"]
    assert [f.clause for f in titles] == ["4.1", "4.3"]
    assert all("диспетчера контактного центра" in f.message for f in titles)

    orders = [f for f in findings if f.code == "JD108"]
    assert [f.clause for f in orders] == ["5.2"]
    assert orders[0].severity is Severity.INFO
    assert "заместителю директора" in orders[0].message
    assert "председателя правления" in orders[0].message


# ---------------------------------------------------------------------------- corpus

def _forms(entry: dict[str, Any]) -> list[Path]:
    return sorted((CORPUS / entry["lang"]).glob(entry["name"] + ".*"))


CORPUS_PAIRS = [(entry, path) for entry in MANIFEST for path in _forms(entry)]
CORPUS_CASES = [pytest.param(entry, path, id=path.name) for entry, path in CORPUS_PAIRS]


def _planted(entry: dict[str, Any], codes: tuple[str, ...]) -> list[dict[str, Any]]:
    return [d for d in entry.get("defects", []) if d["code"] in codes]


def _at(finding: Finding, defect: dict[str, Any]) -> bool:
    clause = defect.get("clause")
    if clause is None:
        section = defect.get("section")
        if section in ("approval", "acknowledgement"):
            # NOTE: the sign-off blocks are not sections of the model: no section kind.
            return not finding.clause and finding.section is None
        return not finding.clause and (section is None or (
            finding.section is not None and finding.section.value == section))
    return bool(finding.clause == clause)


@pytest.mark.parametrize(("entry", "path"), CORPUS_CASES)
def test_corpus_planted_defects_found_and_nothing_else(entry: dict[str, Any], path: Path
                                                       ) -> None:
    got = all_findings(path)
    planted = _planted(entry, CODES)
    for defect in planted:
        hits = [f for f in got if f.code == defect["code"] and _at(f, defect)]
        assert hits, f"{defect['code']} at {defect.get('clause')}: {defect['note']}"
        excerpt = defect.get("excerpt")
        if excerpt:
            core = excerpt.split(" ", 1)[-1] if excerpt[:1].isdigit() else excerpt
            block_texts = [f.excerpt for f in hits]
            assert any(core[:12] in text for text in block_texts), (excerpt, block_texts)
    extra = [f for f in got if not any(f.code == d["code"] and _at(f, d) for d in planted)]
    assert not extra, "\n".join(f"{f.code} {f.clause}: {f.message}" for f in extra)


@pytest.mark.parametrize(("entry", "path"),
                         [pytest.param(e, p, id=p.name) for e, p in CORPUS_PAIRS
                          if e.get("clean")])
def test_corpus_clean_documents_get_nothing(entry: dict[str, Any], path: Path) -> None:
    got = all_findings(path)
    assert not got, "\n".join(f"{f.code} {f.clause}: {f.message}" for f in got)


def test_corpus_covers_every_rule_and_both_languages() -> None:
    planted = {(d["code"], e["lang"]) for e in MANIFEST for d in _planted(e, CODES)}
    assert {c for c, _ in planted} == set(CODES)
    assert {"ru", "lt"} <= {lang for _, lang in planted}


# ---------------------------------------------------------------------------- real Word files

@needs_real
def test_real_employer_spelled_several_ways_is_one_info() -> None:
    findings = all_findings(REAL / "erespondent_dolzhnostnaya_instrukciya.docx")
    names = [f for f in findings if f.code == "JD110"]
    assert len(names) == 1
    assert names[0].severity is Severity.INFO
    for spelling in ("«УП Квант-АС»", "УП «Квант АС»", "«КВАНТ-АС»"):
        assert spelling in names[0].message
    # NOTE: clause 1.2 names two direct managers in one statement ("подчиняется
    # непосредственно начальнику отдела, начальнику группы …"): a true JD108.
    others = [f for f in findings if f.code != "JD110"]
    assert [(f.code, f.clause) for f in others] == [("JD108", "1.2")]


@needs_real
def test_real_heading_names_another_post_than_the_body() -> None:
    findings = all_findings(REAL / "sasasats_OutputFile.docx")
    titles = [f for f in findings if f.code == "JD107"]
    assert len(titles) == 1
    assert "НАЧАЛЬНИК" in titles[0].message and "Инженер" in titles[0].message
    assert titles[0].clause is None
    assert [f for f in findings if f.code != "JD107"] == []


@needs_real
@pytest.mark.parametrize("name", ["sasasats_InputFile.docx", "sasasats_test.docx"])
def test_real_same_instruction_without_the_foreign_header(name: str) -> None:
    # the same body under its own heading ("ИНЖЕНЕРА") or with no heading at all
    assert all_findings(REAL / name) == []
