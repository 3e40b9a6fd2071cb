"""The ``fix`` section of a rule YAML (jdlint.catalogue.rulefix): its shape is checked when the
rule is loaded (a bad one is an error naming the file and the field), and a proposal takes the
words its entry names, keeps their case and adds at a sentence's end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdlint.catalogue.ruledata import RuleDataError, load_rule, rules_dir
from jdlint.catalogue.rulefix import parse_fix, propose


def _rule_with(tmp_path: Path, fix: str) -> Path:
    text = (rules_dir() / "JD206.yaml").read_text(encoding="utf-8")
    text = text[:text.index("\nfix:")] + "\n" + fix
    path = tmp_path / "JD206.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fix", "problem"), [
    ("fix: [a]\n", "field 'fix': must map a document language"),
    ("fix: {en: [{with: x}]}\n", "field 'fix': must map a document language"),
    ("fix: {ru: []}\n", "field 'fix.ru': must be a non-empty list"),
    ("fix: {ru: [{regex: a}]}\n", "field 'fix.ru[0]': needs exactly one of 'with'"),
    ("fix: {ru: [{with: a, append: b}]}\n", "field 'fix.ru[0]': needs exactly one of"),
    ("fix: {ru: [{regex: '(', with: a}]}\n", "field 'fix.ru[0].regex': not a valid regular"),
    ("fix: {ru: [{regex: 'a', with: '\\\\2'}]}\n", "field 'fix.ru[0].with': bad group reference"),
    ("fix: {lt: [{with: a, safe: 'yes'}]}\n", "field 'fix.lt[0].safe': must be true or false"),
    ("fix: {lt: [{with: a, sure: true}]}\n", "field 'fix.lt[0]': unknown key(s) ['sure']"),
    ("fix: {lt: [{match: a, regex: b, with: c}]}\n", "'regex' and 'match' exclude each other"),
    ("fix: {lt: [{scope: sentence, match: a, with: c}]}\n", "'sentence' takes no 'regex'"),
    ("fix: {lt: [{append: ' '}]}\n", "field 'fix.lt[0].append': must be a string (not empty)"),
])
def test_a_bad_fix_section_is_a_load_error_naming_the_file(tmp_path: Path, fix: str,
                                                           problem: str) -> None:
    with pytest.raises(RuleDataError) as err:
        load_rule(_rule_with(tmp_path, fix))
    assert str(err.value).startswith("JD206.yaml: ")
    assert problem in str(err.value)


def test_a_good_fix_section_loads(tmp_path: Path) -> None:
    meta = load_rule(_rule_with(tmp_path, "fix: {ru: [{match: 'ГК  РФ', with: 'ТК РФ', "
                                          "safe: true}]}\n"))
    assert len(meta.fix["ru"]) == 1 and meta.fix["ru"][0].safe


def test_proposals_take_the_words_their_entry_names() -> None:
    entries = parse_fix({"ru": [
        {"regex": r"строг\w+\s+(выговор\w*)", "with": r"\1", "safe": True},
        {"match": "иные поручения", "append": " в пределах трудовой функции"},
        {"scope": "sentence", "with": ""},
    ]})["ru"]
    text = "4.1. Строгий выговор объявляется приказом. 4.2. Выполняет иные поручения директора."
    first = propose(entries, text, text.index("Строгий"), text.index("Строгий") + 7)
    assert first is not None and (first.original, first.replacement, first.safe) == (
        "Строгий выговор", "Выговор", True)  # the capital of the sentence's start is kept
    second = propose(entries, text, text.index("иные"), text.index("иные") + 4)
    assert second is not None and second.original == "иные поручения директора"
    assert second.replacement == "иные поручения директора в пределах трудовой функции"
    assert not second.safe
    # no entry's words overlap: the sentence (after its typed label) is proposed for deletion
    third = propose(entries, text, text.index("приказом"), text.index("приказом") + 8)
    assert third is not None and third.original == "Строгий выговор объявляется приказом."
    assert third.replacement == ""
    assert propose(entries, text, 5, 5) is None  # no words, no proposal


def test_a_sentence_does_not_end_at_an_abbreviation() -> None:
    entries = parse_fix({"lt": [{"scope": "sentence", "with": ""}],
                         "ru": [{"regex": r"штраф\w*", "append": " (см. ст. 192 ТК РФ)"}]})
    text = "3. Pagal DK 58 str. darbuotojui skiriama bauda. Kitos pasekmės netaikomos."
    at = text.index("bauda")
    found = propose(entries["lt"], text, at, at + 5)
    assert found is not None
    assert found.original == "Pagal DK 58 str. darbuotojui skiriama bauda."
    text = "4.2. Согласно ст. 137 ТК РФ, т. е. штраф удерживается; иное не допускается."
    at = text.index("штраф")
    found = propose(entries["ru"], text, at, at + 5)
    assert found is not None
    # an addition goes at the end of the sentence (its ";" here), after the entry's words
    assert found.original == "штраф удерживается"
    assert found.replacement == "штраф удерживается (см. ст. 192 ТК РФ)"


HOUSE = Path(__file__).resolve().parents[1] / "examples" / "house-rules"


def test_every_bundled_fix_pattern_compiles_and_names_existing_groups() -> None:
    # NOTE: jdlint's own rules load their fix patterns uncompiled (issue 19, cold start); this
    # is the load-time validation they skip: each file loaded as untrusted must give the same
    # entries, and every pattern must compile.
    from jdlint.catalogue.ruledata import load_catalogue

    catalogue = load_catalogue()
    with_fix = [m for m in catalogue.values() if m.fix]
    assert len(with_fix) > 5
    for meta in with_fix:
        checked = load_rule(meta.path)
        assert checked.fix == meta.fix, meta.code
        for entries in meta.fix.values():
            for entry in entries:
                assert entry.regex is None or entry.pattern is not None


@pytest.mark.parametrize(("fix", "problem"), [
    ("fix: {ru: [{regex: 'a(', with: b}]}", "field 'fix.ru[0].regex': not a valid regular"),
    ("fix: {ru: [{regex: 'a', with: '\\\\1'}]}", "field 'fix.ru[0].with': bad group reference"),
])
def test_a_house_rule_with_a_bad_fix_regex_fails_when_the_pack_loads(
        tmp_path: Path, fix: str, problem: str) -> None:
    from jdlint.catalogue.rulepacks import RulePackError, load_pack

    text = (HOUSE / "ACME001.yaml").read_text(encoding="utf-8")
    assert "\nfix:" not in text
    (tmp_path / "ACME001.yaml").write_text(text + "\n" + fix + "\n", encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(tmp_path)
    assert "ACME001.yaml: " in str(err.value) and problem in str(err.value)


def test_a_trusted_fix_is_compiled_on_first_use_and_proposes_the_same() -> None:
    raw = {"ru": [{"regex": r"строг\w+\s+(выговор\w*)", "with": r"\1"},
                  {"match": "иные  поручения", "append": " в пределах трудовой функции"}]}
    lazy, checked = parse_fix(raw, trusted=True)["ru"], parse_fix(raw)["ru"]
    assert lazy == checked and lazy[1].regex == r"иные\s+поручения"
    text = "Строгий выговор объявляется. Выполняет иные поручения директора."
    for start, end in ((0, 7), (text.index("иные"), text.index("иные") + 4)):
        assert propose(lazy, text, start, end) == propose(checked, text, start, end)
    # NOTE: a trusted bad pattern fails only when used (the bundled ones are checked above)
    bad = parse_fix({"ru": [{"regex": "a(", "with": "b"}]}, trusted=True)["ru"]
    with pytest.raises(re.error):
        propose(bad, "a", 0, 1)
