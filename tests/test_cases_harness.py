"""The rule-case harness itself (jdlint.testing.cases, .skeletons): it fails what it must."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jdlint.engine.registry import load_rules
from jdlint.testing.cases import docs_cases, load_case_file, run_case
from jdlint.testing.skeletons import SkeletonError, load_skeletons, render

RULES = load_rules()
FINE = "4.2. За опоздание на работу к менеджеру применяется штраф в размере 500 рублей."


def write(tmp_path: Path, body: str, name: str = "JD201.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_skeleton_renders_the_text_written_out_in_full() -> None:
    text = render(load_skeletons(), "ru-sales", {"responsibility": FINE})
    lines = text.splitlines()
    assert lines[0] == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" and lines[-1] == FINE and text.endswith(".\n")
    assert not any("{" in line for line in lines) and len(lines) == 12


def test_unknown_slot_and_skeleton_are_errors() -> None:
    for name, fill in (("ru-sales", {"bonus": FINE}), ("nope", {})):
        try:
            render(load_skeletons(), name, fill)
        except SkeletonError as exc:
            assert name in str(exc) or "bonus" in str(exc)
        else:
            raise AssertionError(f"{name} {fill} rendered")


def test_a_case_with_a_wrong_expectation_fails(tmp_path: Path) -> None:
    path = write(tmp_path, f"""rule: JD201
lang: ru
skeleton: ru-sales
cases:
  fine:
    bad: {{responsibility: "{FINE}"}}
    expect: [{{clause: "4.3"}}]
  quiet:
    good: {{}}
""")
    results = {c.id: run_case(c, RULES["JD201"]) for c in load_case_file(path)}
    assert results["JD201-quiet-txt"] is None and results["JD201-quiet-docx"] is None
    assert "clause: expected '4.3', got '4.2'" in str(results["JD201-fine-txt"])


def test_a_broken_case_file_is_a_failure_not_a_skip(tmp_path: Path) -> None:
    for body in ("rule: JD201\ncases: {a: {good: x}}\n",  # no bad case
                 "rule: JD202\ncases: {a: {good: x}, b: {bad: y, expect: [{}]}}\n",
                 "rule: JD201\ncases: {a: {good: {duties: x}}, b: {bad: y, expect: [{}]}}\n",
                 "rule: JD201\ntoday: soon\ncases: {a: {good: x}, b: {bad: y, expect: [{}]}}\n"):
        problems = [run_case(c, RULES["JD201"]) for c in load_case_file(write(tmp_path, body))]
        assert problems and all(p for p in problems[:1]), body


def test_today_moves_the_law_version(tmp_path: Path) -> None:
    bonus = "4.2. В качестве дисциплинарного взыскания менеджер лишается премии."
    [case] = load_case_file(write(tmp_path, f"""rule: JD201
lang: ru
today: 2025-08-31
cases:
  old: {{skeleton: ru-sales, as: [txt], bad: {{responsibility: "{bonus}"}},
        expect: [{{message: "до 01.09.2025"}}]}}
  new: {{skeleton: ru-sales, as: [], today: 2025-09-01, good: {{}}}}
"""))
    assert case.today == date(2025, 8, 31) and run_case(case, RULES["JD201"]) is None


def test_docs_examples_placed_in_a_skeleton() -> None:
    cases = docs_cases(RULES["JD201"].meta, {"skeleton": "ru-sales", "slot": "responsibility"})
    assert [c.name for c in cases] == ["docs-bad", "docs-bad", "docs-good", "docs-good"]
    assert all(RULES["JD201"].meta.docs.good.splitlines()[0] in c.text for c in cases[2:])


def test_a_folder_adds_its_own_skeletons(tmp_path: Path) -> None:
    write(tmp_path, "tiny: |\n  ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n  {body}\n", "_skeletons.yaml")
    skeletons = load_skeletons(tmp_path)
    assert "ru-sales" in skeletons and render(skeletons, "tiny", {"body": "x"}).endswith("x\n")


def test_docs_placement_forms() -> None:
    meta = RULES["JD207"].meta  # one Russian and one Lithuanian example
    split = docs_cases(meta, {"ru": {"skeleton": "ru-sales", "slot": "duties"},
                              "lt": {"skeleton": "lt-sales", "slot": "duties"}})
    assert {c.name for c in split} == {"docs-bad-ru", "docs-bad-lt", "docs-good-ru",
                                       "docs-good-lt"}
    assert all(c.lang == c.name[-2:] for c in split)
    assert all(run_case(c, RULES["JD207"]) is None for c in split if c.fmt == "txt")
    assert docs_cases(meta, {"not-run": "a reason"}) == []
    missing = docs_cases(meta, None)
    assert missing and all("no 'docs' key" in str(run_case(c, RULES["JD207"])) for c in missing)
    # every line in one Russian document: the Lithuanian example is not seen as Lithuanian
    lone = docs_cases(meta, {"ru": {"skeleton": "ru-sales", "slot": "duties"}})
    assert "places no lt lines" in str(run_case(lone[0], RULES["JD207"]))


def test_a_case_checks_the_proposed_fix(tmp_path: Path) -> None:
    path = write(tmp_path, f"""rule: JD201
lang: ru
skeleton: ru-sales
cases:
  right:
    bad: {{responsibility: "{FINE}"}}
    expect: [{{clause: "4.2", fix: {{from: "штраф в размере 500 рублей", safe: false,
               to: "дисциплинарное взыскание в порядке ст. 192–193 ТК РФ"}}}}]
  wrong:
    bad: {{responsibility: "{FINE}"}}
    expect: [{{clause: "4.2", fix: {{to: "выговор", safe: true}}}}]
  none:
    bad: {{responsibility: "{FINE}"}}
    expect: [{{clause: "4.2", fix: null}}]
  quiet:
    good: {{}}
""")
    results = {c.id: run_case(c, RULES["JD201"]) for c in load_case_file(path)}
    assert results["JD201-right-txt"] is None and results["JD201-right-docx"] is None
    wrong = str(results["JD201-wrong-txt"])
    assert "fix.to: expected 'выговор'" in wrong and "fix.safe: expected True" in wrong
    assert "fix: expected none, got 'дисциплинарное взыскание" in str(results["JD201-none-txt"])
