"""JD106 on form layouts that only a DOCX has: blanks and captions laid out in table cells.

Templates saved from legal databases put an empty item in a table row ("4.7." | blank | ".")
and the approval block in a grid whose captions have no underscores left; the rule must find
the empty item at its own clause and leave the signer's captions alone. Each case is built as
a DOCX at test time (jdlint.testing.docxbuild), in our own words.
"""

from __future__ import annotations

from jdlint.core.model import Finding
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.docxbuild import P, Table, build_docx


def _jd106(items: list[P | Table]) -> list[Finding]:
    raw = read_bytes(build_docx(items), None, "case.docx")
    documents = analyse(raw, language="ru").documents
    rule = load_rules()["JD106"]
    return [f for f in lint(documents, [rule]) if f.code == "JD106"]


def _body(extra: list[P | Table]) -> list[P | Table]:
    return [
        P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"),
        P("слесаря-ремонтника"),
        P("I. Общие положения"),
        P("1. Слесарь-ремонтник относится к категории рабочих."),
        P("2. Слесарь-ремонтник должен знать:"),
        P("2.1. Устройство ремонтируемого оборудования."),
        *extra,
        P("II. Должностные обязанности"),
        P("1. Выполняет плановый ремонт оборудования."),
        P("2. Ведёт журнал неисправностей."),
        P("III. Права"),
        P("1. Получать инструмент и запасные части."),
    ]


def test_empty_item_in_a_table_row_is_reported_at_its_clause() -> None:
    findings = _jd106(_body([Table([["2.2.", "________", "."]]),
                             P("3. Слесарь-ремонтник подчиняется непосредственно"),
                             Table([["", "."]])]))
    clauses = [f.clause for f in findings]
    assert "2.2" in clauses, [f.message for f in findings]
    assert any("не закончено" in f.message for f in findings), [f.message for f in findings]
    # one finding per blank
    assert len(clauses) == len(set(clauses)), clauses


def test_signer_captions_in_an_approval_grid_are_not_placeholders() -> None:
    approval = Table([["", "УТВЕРЖДАЮ"],
                      ["", "Директор ООО «Ремонтные мастерские»"],
                      ["", "(подпись)"],
                      ["", "(фамилия, инициалы)"],
                      ["", "00.00.00 № 00"]])
    findings = _jd106([approval, *_body([])])
    assert findings == [], [f.message for f in findings]


def test_approver_prompt_split_over_grid_cells_is_reported() -> None:
    approval = Table([["", "УТВЕРЖДАЮ"],
                      ["", "(генеральный директор; иное лицо, уполномоченное"],
                      ["", "00.00.00 № 00"],
                      ["", "утверждать инструкцию)"],
                      ["", "(подпись)"],
                      ["", "(фамилия, инициалы)"]])
    findings = _jd106([approval, *_body([])])
    assert len(findings) == 1, [f.message for f in findings]
    assert "уполномоченное" in findings[0].message
