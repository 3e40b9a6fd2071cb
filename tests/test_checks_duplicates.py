"""JD301-JD303 beyond the per-rule fixtures: normalisation, the shape of a group finding
(one finding, every copy's place and text), and what the rules find on the shared seed
documents and real Word files (skipped when ../shared is absent; no text is copied here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.checklib.clausetext import normalize_clause
from jdlint.core.model import Finding
from jdlint.engine.lint import lint
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CODES = ("JD301", "JD302", "JD303")


def run(path: Path) -> list[Finding]:
    rules = [r for c, r in load_rules().items() if c in CODES]
    result = lint_file(path, rules, Settings())
    assert result.error is None
    return list(result.findings)


def shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{relative} is not available (../shared is not part of a clone)")
    return path


def seed(prefix: str) -> Path:
    found = sorted((SHARED / "seeds").glob(f"{prefix}_*.txt")) if SHARED.exists() else []
    if not found:
        pytest.skip(f"seed {prefix} is not available")
    return found[0]


def test_normalisation() -> None:
    assert normalize_clause("2.4. Готовит «отчёт» (и/или) т.д.") == "готовит отчет и или т д"
    assert normalize_clause("– ведёт УЧЁТ;") == normalize_clause("1) Ведет учет.")
    # numbers inside the text are part of it
    assert normalize_clause("указанной в п. 2.1") != normalize_clause("указанной в п. 2.2")


@pytest.mark.parametrize("code", CODES)
def test_fixture_cases_are_instructions(code: str) -> None:
    """A "good" case that is not read as an instruction would pass without testing anything."""
    fixture: dict[str, Any] = yaml.safe_load((ROOT / "tests" / "rules" / f"{code}.yaml")
                                             .read_text("utf-8"))
    for name, case in fixture["cases"].items():
        text = case.get("good") or case["bad"]
        lang = case.get("lang", fixture["lang"])
        docs = analyse(read_bytes(text.encode(), None, "case.txt"), language=lang).documents
        assert [d.classification for d in docs] == ["instruction"], name


def test_group_finding_names_every_copy() -> None:
    text = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ бухгалтера\n1. Общие положения\n"
            "1.1. Бухгалтер относится к категории специалистов.\n2. Должностные обязанности\n"
            "2.1. Составляет акты сверки взаимных расчётов.\n2.2. Ведёт учёт расчётов.\n"
            "2.3. Составляет акты сверки взаимных расчетов\n2.4. Готовит отчётность.\n"
            "2.5. составляет акты сверки «взаимных расчётов».\n3. Права\n"
            "3.1. Запрашивать у подразделений первичные документы.\n")
    docs = analyse(read_bytes(text.encode(), None, "a.txt"), language="ru").documents
    findings = lint(docs, [load_rules()["JD301"]], lang="en")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.clause == "2.3"
    assert [s.line for s in finding.related] == [5, 9]
    assert finding.data is not None
    copies = finding.data["copies"]
    assert isinstance(copies, list)
    assert [c["clause"] for c in copies] == ["2.1", "2.3", "2.5"]
    assert copies[2]["text"] == "составляет акты сверки «взаимных расчётов»."
    assert finding.message == ("The clause is repeated word for word (3 copies): clause 2.1 "
                               "(line 5); clause 2.3 (line 7); clause 2.5 (line 9).")


def test_seed_004_knowledge_repeats_and_duty_copy() -> None:
    findings = [f for f in run(seed("004")) if f.code == "JD301"]
    groups = {f.clause: [c["clause"] for c in f.data["copies"]]  # type: ignore[index, union-attr]
              for f in findings}
    assert groups == {
        "1.3 14)": ["1.3 6)", "1.3 14)", "1.3 27)"],
        "1.3 28)": ["1.3 13)", "1.3 28)"],
        "1.3 29)": ["1.3 12)", "1.3 29)"],
        "1.3 30)": ["1.3 15)", "1.3 30)"],
        "3.4.4": ["3.2.4", "3.4.4"],
    }
    three = next(f for f in findings if f.clause == "1.3 14)")
    assert len(three.related) == 2 and "(копий: 3)" in three.message


def test_seed_001_copies_of_the_instruction_are_not_duplicates() -> None:
    path = seed("001")
    rules = load_rules()
    result = lint_file(path, [rules["JD004"]], Settings())
    assert [f.code for f in result.findings] == ["JD004"]  # the file does hold several copies
    assert [f for f in run(path) if f.code in ("JD301", "JD302")] == []


def test_real_test_docx_nine_copies_are_one_finding() -> None:
    findings = [f for f in run(shared("real-docs/sasasats_test.docx")) if f.code == "JD301"]
    assert len(findings) == 1
    copies = findings[0].data["copies"]  # type: ignore[index]
    assert len(copies) == 9 and findings[0].clause == "1.4.8"
    assert [c["clause"] for c in copies][:2] == ["1.4.7", "1.4.8"]  # type: ignore[index]


def test_real_input_file_functions_section_is_not_a_near_duplicate() -> None:
    """Section 2 "functions" restates section 3 "duties" (2.1 ≈ 3.2, 2.5 ≈ 3.6): a summary
    the document type asks for, not a copy; JD302 compares clauses of one list only."""
    findings = run(shared("real-docs/sasasats_InputFile.docx"))
    assert [f for f in findings if f.code in CODES] == []
