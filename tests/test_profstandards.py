"""Professional standards: the data format, the registry XML importer, detection of the claimed
standard, and the JD401–JD405 checks end to end (the per-rule bad/good cases are in
tests/rules/JD40x.yaml).

The two real registry exports in ../shared/profstandards-xml are read where they are (skipped
when absent) and never copied into the repository; unit tests use small XML files written here
and tests/data/profstandards/test_registry.xml (invented standards 99.901 and 99.902).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jdlint.core.model import Document, Finding
from jdlint.engine.lint import lint
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.output.json import finding_to_dict
from jdlint.profstandards import load_file, load_standards
from jdlint.profstandards.command import profstandard
from jdlint.profstandards.detect import claim, suggest, title_matches
from jdlint.profstandards.importer import (
    RegistryImportError,
    import_bytes,
    import_file,
    normalize_code,
    normalize_order_number,
)
from jdlint.profstandards.model import (
    StandardDataError,
    standard_from_mapping,
    standard_to_mapping,
)
from jdlint.profstandards.requirements import (
    education_range,
    experience_months,
    required_education,
    required_experience,
)
from jdlint.readers import read_bytes
from jdlint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TEST_STANDARDS = DATA / "profstandards"
SHARED = ROOT.parent / "shared"
EXPORTS = SHARED / "profstandards-xml"
REFERENCE = SHARED / "reference" / "ps-06.029.yaml"
SEED_004 = SHARED / "seeds" / "004_1ae09d143a16081e.txt"
CODES = ("JD401", "JD402", "JD403", "JD404", "JD405")


def _xml(body: str, *, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{extra}<XMLCardInfo><ProfessionalStandarts>'
            f"{body}</ProfessionalStandarts></XMLCardInfo>").encode()


def _standard(code: str = "99.903", order: str = "12н", when: str = "03.04.2022",
              otf: str = "") -> str:
    return (f"<ProfessionalStandart><NameProfessionalStandart>Тест</NameProfessionalStandart>"
            f"<RegistrationNumber>1</RegistrationNumber><OrderNumber>{order}</OrderNumber>"
            f"<DateOfApproval>{when}</DateOfApproval><FirstSection>"
            f"<CodeKindProfessionalActivity>{code}</CodeKindProfessionalActivity>"
            f"</FirstSection><ThirdSection><WorkFunctions><GeneralizedWorkFunctions>{otf}"
            f"</GeneralizedWorkFunctions></WorkFunctions></ThirdSection></ProfessionalStandart>")


def _docs(text: str) -> tuple[Document, ...]:
    return analyse(read_bytes(text.encode("utf-8"), None, "case.txt"), language="ru").documents


def _lint(docs: tuple[Document, ...], *codes: str, standards: tuple[str, ...] = ()
          ) -> list[Finding]:
    rules = load_rules()
    options = {c: {"standards": list(standards)} for c in codes}
    return lint(docs, [rules[c] for c in codes], options=options)


# ------------------------------------------------------------------------------ importer --

def test_import_test_registry_file_with_quirks() -> None:
    first, second = import_file(TEST_STANDARDS / "test_registry.xml")
    assert (first.code, first.orders[0].number, str(first.orders[0].date)) == \
        ("99.901", "999н", "2021-02-01")
    assert first.complete and first.provenance == "verbatim"
    assert [c.code for c in first.okz or ()] == ["7421"]            # "7421." → "7421"
    assert [c.code for c in first.okved or ()] == ["95.11"]         # "–"/"-" unit dropped
    a, b = first.functions or ()
    assert [t.code for t in a.functions or ()] == ["A/01.4", "A/02.4"]  # Cyrillic А → Latin
    assert a.experience == () and a.special_conditions == ()        # "-" and self-closing
    assert a.other_characteristics == ()                            # nested, "–"
    assert (a.functions or ())[1].skills == () and (a.functions or ())[1].knowledge == ()
    assert b.education == ("Высшее образование - бакалавриат", "или",
                           "Среднее профессиональное образование - программы подготовки "
                           "специалистов среднего звена")
    assert b.job_titles == ("Специалист по обслуживанию офисной техники",
                            "Инженер по офисной технике")
    assert second.code == "99.902" and second.orders[0].number == "998н"   # "998 н"
    assert second.kind_of_activity is None and second.purpose is None
    (c,) = second.functions or ()
    assert c.code == "C" and [t.code for t in c.functions or ()] == ["C/01.5"]


def test_checked_in_yaml_is_the_import_of_the_test_xml() -> None:
    imported = [standard_to_mapping(s) for s in import_file(TEST_STANDARDS / "test_registry.xml")]
    stored = list(yaml.safe_load_all((TEST_STANDARDS / "test_registry.yaml").read_text("utf-8")))
    assert stored == json.loads(json.dumps(imported, default=str)) or stored == imported


def test_round_trip_through_yaml() -> None:
    for std in import_file(TEST_STANDARDS / "test_registry.xml"):
        text = yaml.safe_dump(standard_to_mapping(std), allow_unicode=True, sort_keys=False)
        again = standard_from_mapping(yaml.safe_load(text), "x.yaml")
        assert replace(again, path=None) == replace(std, path=None)


def test_lookalike_letters_and_order_numbers() -> None:
    assert normalize_code("А/01.3") == "A/01.3"
    assert normalize_code("С/01.5 ") == "C/01.5"
    assert normalize_code(" 06.026") == "06.026"
    assert normalize_order_number("684 н") == "684н"
    assert normalize_order_number("684n") == "684н"


def test_import_refuses_doctype_and_entities() -> None:
    bomb = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    with pytest.raises(RegistryImportError, match="DOCTYPE"):
        import_bytes(_xml(_standard(code="&b;"), extra=bomb), "bomb.xml")


@pytest.mark.parametrize(("data", "problem"), [
    (b"<XMLCardInfo><ProfessionalStandarts>", "not well-formed"),
    (b"<Other/>", "not a registry export"),
    (_xml(""), "no ProfessionalStandart"),
    (_xml(_standard(when="2022-04-03")), "dd.mm.yyyy"),
    (_xml(_standard(code="–")), "required"),
])
def test_import_errors_name_the_problem(data: bytes, problem: str) -> None:
    with pytest.raises(RegistryImportError, match=problem):
        import_bytes(data, "bad.xml")


def test_import_namespaced_elements_and_several_functions() -> None:
    otf = ("<GeneralizedWorkFunction><CodeOTF>А</CodeOTF><NameOTF>Ф</NameOTF>"
           "<LevelOfQualification>3</LevelOfQualification><PossibleJobTitles>"
           "<PossibleJobTitle>Оператор</PossibleJobTitle><PossibleJobTitle>–</PossibleJobTitle>"
           "</PossibleJobTitles><ParticularWorkFunctions><ParticularWorkFunction>"
           "<CodeTF>А/01.3</CodeTF><NameTF>Т</NameTF><LaborActions><LaborAction>"
           "Приём\u00a0 заявок\n клиентов</LaborAction></LaborActions></ParticularWorkFunction>"
           "</ParticularWorkFunctions></GeneralizedWorkFunction>")
    (std,) = import_bytes(_xml(_standard(otf=otf)), "one.xml", status="superseded")
    (g,) = std.functions or ()
    assert g.code == "A" and g.job_titles == ("Оператор",) and g.level == "3"
    assert (g.functions or ())[0].actions == ("Приём заявок клиентов",)
    assert std.orders[0].status == "superseded"


def test_cli_import_to_file_directory_and_stdout(tmp_path: Path) -> None:
    source = TEST_STANDARDS / "test_registry.xml"
    runner = CliRunner()
    out = tmp_path / "out.yaml"
    result = runner.invoke(profstandard, ["import", "--status", "current",
                                          str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [s.code for s in load_file(out)] == ["99.901", "99.902"]
    result = runner.invoke(profstandard, ["import", "--status", "current",
                                          str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("99.*.yaml")) == ["99.901.yaml", "99.902.yaml"]
    result = runner.invoke(profstandard, ["import", "--status", "current", str(source)])
    assert result.exit_code == 0 and "code: '99.902'" in result.stdout
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<nope")
    result = runner.invoke(profstandard, ["import", "--status", "current",
                                          str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "not well-formed" in result.output


@pytest.mark.parametrize(("name", "code", "order", "otfs", "tfs", "actions"), [
    ("ProfessionalStandarts_564.xml", "06.026", "684н", 7, 35, 185),
    ("ProfessionalStandarts_565.xml", "06.027", "686н", 6, 20, 103),
])
def test_real_registry_exports(name: str, code: str, order: str, otfs: int, tfs: int,
                               actions: int, tmp_path: Path) -> None:
    path = EXPORTS / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    result = CliRunner().invoke(profstandard, ["import", "--status", "current",
                                               str(path), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (std,) = load_file(tmp_path / f"{code}.yaml")
    assert (std.code, std.orders[0].number, str(std.orders[0].date)) == \
        (code, order, "2015-10-05")
    every = std.all_labour_functions()
    assert (len(std.functions or ()), len(every)) == (otfs, tfs)
    assert sum(len(t.actions or ()) for t in every) == actions
    assert all(t.code and t.code.isascii() for t in every)
    assert all(c.code and not c.code.endswith(".") for c in std.okz or ())


def test_real_export_title_check_end_to_end(tmp_path: Path) -> None:
    path = EXPORTS / "ProfessionalStandarts_564.xml"
    if not path.exists():
        pytest.skip(f"{path} not present")
    CliRunner().invoke(profstandard, ["import", "--status", "current",
                                      str(path), "-o", str(tmp_path)])
    head = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n{title}\n1. Общие положения\n1.1. Инструкция " \
           "разработана на основе профессионального стандарта 06.026 (приказ Минтруда " \
           "России от 05.10.2015 № 684н).\n2. Должностные обязанности\n2.1. Устанавливает " \
           "обновления программного обеспечения.\n3. Права\n3.1. Запрашивать сведения.\n" \
           "4. Ответственность\n4.1. В пределах трудового законодательства.\n"
    good = _lint(_docs(head.format(title="ведущего системного администратора")),
                 "JD401", "JD404", standards=(str(tmp_path),))
    assert good == []
    bad = _lint(_docs(head.format(title="программиста")), "JD401", "JD404",
                standards=(str(tmp_path),))
    assert [f.code for f in bad] == ["JD404"]


# --------------------------------------------------------------------------- data format --

def test_model_validation_names_the_field() -> None:
    with pytest.raises(StandardDataError, match="'format'"):
        standard_from_mapping({"code": "1"}, "a.yaml")
    base = standard_to_mapping(import_file(TEST_STANDARDS / "test_registry.xml")[0])
    with pytest.raises(StandardDataError, match=r"functions\[0\]\.provenance"):
        standard_from_mapping({**base, "functions": [{**base["functions"][0],
                                                      "provenance": "memory"}]}, "a.yaml")
    with pytest.raises(StandardDataError, match=r"orders\[0\]\.status"):
        standard_from_mapping({**base, "orders": [{**base["orders"][0], "status": "old"}]})
    with pytest.raises(StandardDataError, match="unknown key"):
        standard_from_mapping({**base, "okpdtr": []})


def test_loader_extra_paths_and_errors(tmp_path: Path) -> None:
    codes = [s.code for s in load_standards((str(TEST_STANDARDS),))]
    assert codes == ["06.029", "99.901", "99.902"]
    with pytest.raises(StandardDataError, match="no such file"):
        load_standards((str(tmp_path / "missing"),))


def test_shipped_0629_carries_only_what_the_reference_supports() -> None:
    (std,) = [s for s in load_standards() if s.code == "06.029"]
    assert not std.complete and std.missing
    assert [(o.number, str(o.date), o.status, o.provenance) for o in std.orders] == [
        ("679н", "2020-09-29", "current", "verbatim"),
        ("687н", "2015-10-05", "superseded", "secondary")]
    (otf,) = std.functions or ()
    assert otf.provenance == "secondary" and otf.code is None and otf.level is None
    # NOTE: missing stays missing: these switch JD402 and JD404 off for 06.029.
    assert otf.job_titles is None and otf.education is None and otf.experience is None
    assert [len(t.actions or ()) for t in otf.functions or ()] == [5, 8, 5, 5]
    assert all(t.code is None and t.skills is None for t in otf.functions or ())
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} not present")
    reference = REFERENCE.read_text("utf-8")
    texts = [std.name, std.kind_of_activity or "", std.purpose or "",
             *(c.name for c in std.okz or ()), *(otf.skills or ()), *(otf.knowledge or ())]
    for tf in otf.functions or ():
        texts += [tf.name, *(tf.actions or ())]
    invented = [t for t in texts if f'"{t}"' not in reference]
    assert not invented, invented


# ----------------------------------------------------------------------------- detection --

def test_detects_code_name_order_and_date() -> None:
    text = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера\n1. Общие положения\n1.1. Разработана с учетом "
            "Профессиональный стандарт 06.029 \"Менеджер по продажам информационно-"
            "коммуникационных систем\", утв. приказом Министерства труда и социальной защиты "
            "РФ от 29 сентября 2020 года N 679н.\n")
    (doc,) = _docs(text)
    found = claim(doc, load_standards())
    (cite,) = found.citations
    assert (cite.code, cite.name, cite.by) == \
        ("06.029", "Менеджер по продажам информационно-коммуникационных систем", "code")
    (order,) = cite.orders
    assert (order.number, str(order.date)) == ("679н", "2020-09-29")
    assert found.standard is not None and found.standard.code == "06.029"


def test_title_matching_and_suggestion() -> None:
    standards = load_standards((str(TEST_STANDARDS),))
    assert title_matches("ведущего инженера по офисной технике", "Инженер по офисной технике")
    assert not title_matches("инженера-программиста", "Инженер по офисной технике")
    hit = suggest("менеджера по продажам информационно-коммуникационных систем", standards)
    assert hit is not None and hit[0].code == "06.029"
    by_title = suggest("инженера по офисной технике", standards)
    assert by_title is not None and (by_title[0].code, by_title[2]) == ("99.901", 1.0)
    assert suggest("менеджера по продажам мебели", standards) is None
    assert suggest("бухгалтера", standards) is None


def test_requirements_scale() -> None:
    assert education_range("высшее образование – магистратура. специалитет") == (6, 6)
    assert education_range("высшее образование") == (5, 6)
    assert education_range("среднее профессиональное (техническое) образование") == (3, 4)
    assert education_range("Дополнительное профессиональное образование") is None
    assert required_education(["Высшее образование - бакалавриат", "или",
                               "Среднее профессиональное образование - программы подготовки "
                               "специалистов среднего звена"]) == 4
    assert experience_months("опыт работы в продажах – не менее 3 лет") == 36
    assert experience_months("не менее шести месяцев") == 6
    assert experience_months("без предъявления требований к стажу работы") == 0
    (req,) = required_experience(["Не менее одного года работы при среднем профессиональном "
                                  "образовании"])
    assert (req.months, req.applies_to) == (12, (3, 4))


# ---------------------------------------------------------------------- coverage, JD403 --

def test_coverage_of_a_complete_imported_standard() -> None:
    """tests/data/profstandard_coverage.txt claims ОТФ B of 99.901 (5 labour actions), covers
    three, omits two, and adds two duties of its own."""
    rules = load_rules()
    settings = Settings(options={"JD403": {"standards": [str(TEST_STANDARDS)]}})
    result = lint_file(DATA / "profstandard_coverage.txt",
                       [rules[c] for c in CODES], replace(settings))
    assert result.error is None
    (finding,) = result.findings
    assert finding.code == "JD403" and finding.severity.label == "warning"
    data = finding.data or {}
    assert (data["covered"], data["total"], data["coverage"]) == (3, 5, 0.6)
    assert data["uncovered"] == ["Ведение журнала ремонтов офисной техники",
                                 "Подготовка заявок на закупку запасных частей"]
    assert data["outside"] == ["2.4", "2.5"]
    assert data["functions_inferred_from_duties"] is False
    matrix = data["matrix"]
    assert isinstance(matrix, list) and len(matrix) == 5 and all(len(r) == 5 for r in matrix)
    assert [d["matches"] for d in data["duties"]] == [[0], [1], [3], [], []]  # type: ignore[index]
    quality = data["data_quality"]
    assert quality == {"standard_complete": True, "actions_verbatim": 5,
                       "actions_secondary": 0, "functions_without_actions": [], "missing": []}
    assert "3 из 5 трудовых действий (60 %)" in finding.message
    assert "из официального текста" in finding.message
    exported = json.loads(json.dumps(finding_to_dict(finding), default=str))
    assert exported["data"]["matrix"] == matrix


def test_seed_004_recognised_and_coverage_says_how_certain() -> None:
    if not SEED_004.exists():
        pytest.skip(f"{SEED_004} not present")
    rules = load_rules()
    result = lint_file(SEED_004, [rules[c] for c in CODES], Settings())
    codes = [f.code for f in result.findings]
    assert "JD401" not in codes and "JD405" not in codes
    (cov,) = [f for f in result.findings if f.code == "JD403"]
    data = cov.data or {}
    assert (data["standard"], data["covered"], data["total"]) == ("06.029", 23, 23)
    assert data["data_quality"]["standard_complete"] is False  # type: ignore[index]
    assert data["data_quality"]["actions_secondary"] == 23  # type: ignore[index]
    assert "полное покрытие не означает соответствия стандарту" in cov.message
    (doc,) = [d for d in _seed_docs() if d.classification == "instruction"]
    found = claim(doc, load_standards())
    assert found.standard is not None and found.standard.code == "06.029"
    assert [o.number for c in found.citations for o in c.orders] == ["679н"]


def _seed_docs() -> tuple[Document, ...]:
    return analyse(read_bytes(SEED_004.read_bytes(), None, SEED_004.name)).documents


def test_superseded_order_gets_jd405_and_not_jd401() -> None:
    text = ("УТВЕРЖДАЮ\nДиректор\n«10» января 2025 г.\nДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера по "
            "продажам\n1. Общие положения\n1.1. Инструкция разработана с учетом "
            "профессионального стандарта 06.029, утвержденного приказом Минтруда России от "
            "05.10.2015 № 687н.\n2. Должностные обязанности\n2.1. Проводит презентации.\n"
            "3. Права\n3.1. Запрашивать сведения.\n4. Ответственность\n4.1. В пределах "
            "трудового законодательства.\n")
    findings = _lint(_docs(text), "JD401", "JD405")
    assert [(f.code, f.clause, f.severity.label) for f in findings] == \
        [("JD405", "1.1", "warning")]
    assert findings[0].suggestion is not None
    assert "29.09.2020 № 679н" in findings[0].suggestion.text
