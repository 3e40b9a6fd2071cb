"""The worked Python rule of docs/rules.md runs as written, using only the public rule API.

The page's YAML block is loaded as a rule file and its Python block is executed as a module;
the rule then runs through the engine on an instruction built here.
"""

from __future__ import annotations

import ast
import re
import types
from pathlib import Path

import pytest

import jdlint.ruleapi as ruleapi
from jdlint.catalogue.ruledata import load_rule
from jdlint.core.model import Document, Finding
from jdlint.engine.lint import lint
from jdlint.engine.registry import Rule, consistency_errors
from jdlint.readers import read_bytes
from jdlint.structure import analyse

PAGE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
LONG = ("Вести переговоры с клиентами компании, готовить коммерческие предложения и проекты "
        "договоров, согласовывать условия поставки с отделом логистики, контролировать оплату "
        "счетов, вести учёт отгрузок в системе учёта, готовить ежемесячные отчёты о продажах "
        "для руководства, участвовать в выставках и презентациях, обучать новых сотрудников "
        "отдела работе с клиентами и документами компании, а также выполнять иные поручения "
        "руководителя отдела продаж в пределах своей трудовой функции.")
INSTRUCTION = f"""ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по продажам
1. Общие положения
1.1. Менеджер по продажам относится к категории специалистов.
1.2. Менеджер подчиняется коммерческому директору.
2. Должностные обязанности
2.1. {LONG}
2.2. Готовит коммерческие предложения.
3. Права
3.1. Запрашивать информацию, необходимую для работы.
4. Ответственность
4.1. Менеджер несёт ответственность за ненадлежащее исполнение своих обязанностей.
"""


def _block(language: str) -> str:
    found = re.findall(rf"```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert found, f"docs/rules.md has no {language} block"
    return str(found[0])


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Rule:
    # NOTE: the example registers JD399; a private table keeps it out of jdlint's own registry.
    monkeypatch.setattr(ruleapi, "_IMPLEMENTATIONS", dict(ruleapi._IMPLEMENTATIONS))
    path = tmp_path / "JD399.yaml"
    path.write_text(_block("yaml"), encoding="utf-8")
    meta = load_rule(path)
    module = types.ModuleType("clause_length")
    exec(compile(_block("python"), "docs/rules.md", "exec"), module.__dict__)
    check = ruleapi.implementations()["JD399"]
    assert check is module.clause_too_long
    return Rule(meta, check)


def _documents() -> list[Document]:
    raw = read_bytes(INSTRUCTION.encode("utf-8"), None, "example.txt")
    return list(analyse(raw).documents)


def _findings(rule: Rule, **options: object) -> list[Finding]:
    return lint(_documents(), [rule], lang="en", options={"JD399": options})


def test_the_example_reports_the_long_duty_clause_only(example: Rule) -> None:
    findings = _findings(example)
    assert [(f.code, f.clause) for f in findings] == [("JD399", "2.1")]
    assert "more than 60" in findings[0].message
    assert findings[0].message.endswith("split it into separate duties.")


def test_the_example_reads_its_option(example: Rule) -> None:
    assert _findings(example, **{"max-words": 200}) == []
    assert example.meta.option_specs["max-words"].min == 10


def test_the_example_imports_only_the_public_api() -> None:
    tree = ast.parse(_block("python"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert modules <= {"__future__", "collections.abc", "jdlint.core.model", "jdlint.ruleapi"}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                and n.attr.startswith("_") and not n.attr.startswith("__")]


def test_registering_the_example_leaves_jdlint_registry_alone(example: Rule) -> None:
    assert "JD399" in ruleapi.implementations()


def test_jdlint_registry_has_no_example_after_the_test() -> None:
    assert "JD399" not in ruleapi.implementations()
    assert not [e for e in consistency_errors() if "JD399" in e]
