"""Every rule's metadata is complete and agrees with its implementation and its fixtures.

proselint's completeness test and pylint's docs discipline: a rule cannot ship without messages
in all three languages (with the same placeholders), docs with why / bad / good, an
implementation (unless preview or not a check) and a fixture with a bad and a good case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import jdlint
from jdlint.catalogue.ruledata import (
    OUTPUT_LANGUAGES,
    RuleDataError,
    load_catalogue,
    load_rule,
    placeholders,
    rules_dir,
)
from jdlint.engine.registry import NO_CHECK_KINDS, consistency_errors, discover

CATALOGUE = load_catalogue()
CODES = sorted(CATALOGUE)
FIXTURES = Path(__file__).parent / "rules"
# design.md §4: codes and names are a public contract.
CONTRACT = {
    "JD001": "unreadable-file", "JD002": "not-a-job-description",
    "JD003": "language-undetermined", "JD004": "several-documents-in-file",
    "JD005": "unresolved-revisions-or-comments", "JD101": "missing-section",
    "JD102": "empty-section", "JD103": "section-order", "JD104": "numbering-defect",
    "JD105": "dangling-reference", "JD106": "template-placeholder",
    "JD107": "title-inconsistency", "JD108": "subordination-inconsistency",
    "JD109": "outdated-reference", "JD110": "organisation-name-inconsistency",
}


def test_rules_dir_is_the_repository_in_an_editable_install() -> None:
    assert rules_dir() == Path(jdlint.__file__).resolve().parent.parent / "rules"


def test_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


@pytest.mark.parametrize(("code", "name"), sorted(CONTRACT.items()))
def test_contract_codes_and_names(code: str, name: str) -> None:
    assert CATALOGUE[code].name == name


@pytest.mark.parametrize("code", CODES)
def test_messages_in_all_languages_with_same_placeholders(code: str) -> None:
    meta = CATALOGUE[code]
    assert set(meta.message) == set(OUTPUT_LANGUAGES)
    assert len({placeholders(t) for t in meta.message.values()}) == 1
    if meta.suggestion is not None:
        assert set(meta.suggestion) == set(OUTPUT_LANGUAGES)
        assert len({placeholders(t) for t in meta.suggestion.values()}) == 1


@pytest.mark.parametrize("code", CODES)
def test_docs_present(code: str) -> None:
    docs = CATALOGUE[code].docs
    assert docs.why and docs.bad and docs.good
    assert docs.bad != docs.good


@pytest.mark.parametrize("code", CODES)
def test_legal_basis_matches_languages(code: str) -> None:
    meta = CATALOGUE[code]
    # NOTE: Russian-language rules may also cite Belarusian and Kazakh law ("by", "kz"), for
    # instructions written in Russian under those countries' law.
    other = {"by", "kz"} if "ru" in meta.languages else set()
    assert set(meta.legal_basis) <= set(meta.languages) | other
    for refs in meta.legal_basis.values():
        for ref in refs:
            assert ref.url is None or ref.url.startswith("http")


@pytest.mark.parametrize("code", CODES)
def test_implementation_exists_unless_preview(code: str) -> None:
    meta = CATALOGUE[code]
    implemented = code in discover()
    if meta.kind in NO_CHECK_KINDS or meta.status == "removed":
        assert not implemented
    elif meta.status != "preview" and meta.kind == "python":
        assert implemented, f"{code} is {meta.status} but has no @implements({code!r})"


# NOTE: preview rules (not implemented yet) and JD000/JD001 (not checks) need no fixture.
NEEDS_FIXTURE = [c for c, m in CATALOGUE.items()
                 if m.kind not in NO_CHECK_KINDS and m.status not in ("preview", "removed")]


@pytest.mark.parametrize("code", NEEDS_FIXTURE)
def test_fixture_has_bad_and_good_cases(code: str) -> None:
    path = FIXTURES / f"{code}.yaml"
    assert path.exists(), f"tests/rules/{code}.yaml is missing"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"].values()
    assert any("bad" in c for c in cases), "no bad case"
    assert any("good" in c for c in cases), "no good case"


def test_registry_consistent() -> None:
    assert consistency_errors() == []


def test_consistency_reports_both_directions() -> None:
    def check(*_: object) -> list[object]:
        return []

    stable = CATALOGUE["JD002"]
    errors = consistency_errors({"JD002": stable}, {"JD777": check})
    assert any("JD002" in e and "no implementation" in e for e in errors)
    assert any("JD777" in e and "does not exist" in e for e in errors)


VALID = ("code: JD900\nname: x\nstatus: stable\nseverity: error\ngroups: []\n"
         "languages: [ru]\nkind: python\nsummary: s\n"
         "message: {ru: '{a}', lt: '{a}', en: '{a}'}\ndocs: {why: w, bad: b, good: g}\n")


def test_valid_minimal_rule(tmp_path: Path) -> None:
    path = tmp_path / "JD900.yaml"
    path.write_text(VALID, encoding="utf-8")
    meta = load_rule(path)
    assert meta.code == "JD900" and meta.confidence.value == "high" and meta.scope == ()


@pytest.mark.parametrize(("text", "fragment"), [
    ("code: JD900\n", "field 'name': is required"),
    ("code: JD900\nname: x\nstatus: stable\nseverity: error\ngroups: []\nlanguages: [ru]\n"
     "kind: python\nsummary: s\nmessage: {ru: '{a}', lt: '{b}', en: '{a}'}\n"
     "docs: {why: w, bad: b, good: g}\n", "field 'message.lt': placeholders"),
    (VALID.replace("name: x", "name: Bad_Name"), "field 'name': 'Bad_Name' is not kebab-case"),
    (VALID.replace("severity: error", "severity: fatal"), "field 'severity': unknown severity"),
    (VALID.replace("languages: [ru]", "languages: [ru, pl]"), "field 'languages': 'pl'"),
    (VALID.replace("docs: {why: w, bad: b, good: g}", "docs: {why: w, bad: b}"),
     "field 'docs.good'"),
    (VALID + "scope: [duties, salary]\n", "field 'scope'"),
    ("code: JD900\nname: x\nstauts: stable\n", "field 'stauts': unknown field (did you mean "
     "'status'?)"),
    ("- a list\n", "must be a YAML mapping"),
])
def test_validation_names_file_and_field(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "JD900.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError) as info:
        load_rule(path)
    assert str(info.value).startswith("JD900.yaml: ")
    assert fragment in str(info.value)


def test_legal_dates_validated(tmp_path: Path) -> None:
    base = (FIXTURES.parent.parent / "rules" / "JD104.yaml").read_text(encoding="utf-8")
    path = tmp_path / "JD104.yaml"
    path.write_text(base.replace("valid_to: 2025-08-17", "valid_to: 2017-01-01"),
                    encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"legal_basis\.ru\[0\]\.valid_to': is before"):
        load_rule(path)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_fixture_belongs_to_a_rule(path: Path) -> None:
    assert path.stem in CATALOGUE, f"tests/rules/{path.name} has no rules/{path.name}"
