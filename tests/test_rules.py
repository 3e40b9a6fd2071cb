"""jdlint's per-rule cases (tests/rules/JDxxx.yaml), as TXT and DOCX, through the shipped harness.

The format and the running are ``jdlint.testing.cases`` (the same code ``jdlint test-rules``
runs for house rules); this file only collects the cases as pytest parameters. A case never
skips: a rule that cannot run fails.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from jdlint.engine.lint import lint
from jdlint.engine.registry import NO_CHECK_KINDS, load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.cases import Case, load_case_file, run_case
from jdlint.testing.docxbuild import P, build_docx

FIXTURES = Path(__file__).parent / "rules"
RULES = load_rules()


def _cases() -> list[Case]:
    """Every case file's cases, then the rule's docs examples (placed by the file's ``docs``)."""
    return [case for path in sorted(FIXTURES.glob("JD*.yaml"))
            for case in load_case_file(path, meta=RULES[path.stem].meta if path.stem in RULES
                                       else None)]


CASES = _cases()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_rule_case(case: Case) -> None:
    problem = run_case(case, RULES.get(case.code))
    assert problem is None, problem


def test_every_rule_that_runs_has_a_case_file() -> None:
    """So that its cases and its docs examples run (JD000 and JD001 are records, not checks)."""
    missing = [code for code, rule in RULES.items() if rule.meta.kind not in NO_CHECK_KINDS
               and not (FIXTURES / f"{code}.yaml").is_file()]
    assert not missing, missing


def test_a_rule_without_a_check_fails_its_cases() -> None:
    """The harness has no skip: a stable rule whose kind has no check fails every case."""
    rule = replace(RULES["JD201"], check=None)
    case = next(c for c in CASES if c.code == "JD201")
    problem = run_case(case, rule)
    assert problem is not None and "cannot run" in problem and "stable" in problem


def test_jd005_real_docx() -> None:
    """A DOCX with a real tracked insertion, deletion and comment, end to end through the reader."""
    data = build_docx([P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ бухгалтера"), P("1. Общие положения"),
                       P("1.1. Бухгалтер относится к категории специалистов.",
                         inserted=" Подчиняется главному бухгалтеру.", deleted=" Лишнее."),
                       P("2. Должностные обязанности"),
                       P("2.1. Ведёт учёт первичных документов.")],
                      comment=(2, "Согласовать с юристом"))
    documents = analyse(read_bytes(data, None, "case.docx"), language="ru").documents
    findings = lint(documents, [RULES["JD005"]])
    assert [f.code for f in findings] == ["JD005"]
    assert "вставок: 1" in findings[0].message and "примечаний: 1" in findings[0].message
