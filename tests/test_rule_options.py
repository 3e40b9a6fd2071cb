"""Rule YAML sections with one meaning each, and a user config that may set options only.

``options`` are typed and validated (type, range, choices; ``nan`` and ``inf`` refused) both in
the rule file and in the user's config; ``phrases`` are lists per language; ``texts`` are
checked like ``message``. A config naming a message, a text or a phrase list is refused.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.catalogue.ruledata import NAME_RE, RuleDataError, load_catalogue, load_rule
from jdlint.catalogue.ruleoptions import Option, parse_options
from jdlint.cli import cli
from jdlint.output import rule_doc

CATALOGUE = load_catalogue()
ROOT = Path(__file__).resolve().parents[1]


def test_every_option_is_kebab_case_typed_and_described() -> None:
    seen = 0
    for meta in CATALOGUE.values():
        assert set(meta.options) == set(meta.option_specs), meta.code
        for name, option in meta.option_specs.items():
            seen += 1
            assert NAME_RE.match(name), (meta.code, name)
            assert option.check(option.default) is None
            assert option.description
    assert seen >= 10


def test_an_option_name_means_nothing_else() -> None:
    # NOTE: a user's key must be unambiguous; a text and a phrase list of one name (JD203's
    # lost_profit) live apart and are read apart (ctx.texts, ctx.phrases).
    for meta in CATALOGUE.values():
        others = set(meta.phrases) | set(meta.texts) | set(meta.data)
        assert not set(meta.options) & others, meta.code


@pytest.mark.parametrize(("kind", "value", "ok"), [
    ("int", 3, True), ("int", True, False), ("int", 2.5, False), ("int", "3", False),
    ("float", 0.5, True), ("float", 2, True), ("float", math.nan, False),
    ("float", math.inf, False), ("float", -math.inf, False), ("float", False, False),
    ("bool", False, True), ("bool", 0, False),
    ("str", "auto", True), ("str", 1, False),
    ("list", ["a"], True), ("list", "a", False), ("list", [1], False),
])
def test_option_types(kind: str, value: object, ok: bool) -> None:
    default = {"int": 1, "float": 0.0, "bool": True, "str": "", "list": []}[kind]
    assert (Option("x", kind, default, "d").check(value) is None) is ok


def test_option_bounds_and_choices() -> None:
    option = Option("x", "int", 5, "d", min=1, max=10)
    assert option.check(0) == "must be at least 1 (got 0)"
    assert option.check(11) == "must be at most 10 (got 11)"
    assert Option("y", "str", "a", "d", choices=("a", "b")).check("c") is not None


@pytest.mark.parametrize(("section", "needle"), [
    ({"min_words": {"type": "int", "default": 1, "description": "d"}}, "kebab-case"),
    ({"min-words": {"type": "int", "default": 0, "min": 1, "description": "d"}},
     "options.min-words.default: must be at least 1"),
    ({"min-words": {"type": "integer", "default": 1, "description": "d"}}, "type"),
    ({"min-words": {"type": "int", "default": 1}}, "description"),
    ({"min-words": 3}, "must be a mapping with type, default and description"),
    ({"ratio": {"type": "float", "default": 0.5, "max": math.nan, "description": "d"}},
     "finite"),
])
def test_malformed_options_section(section: dict[str, object], needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        parse_options(section)


def _rule_file(tmp_path: Path, extra: str) -> Path:
    text = (ROOT / "examples" / "house-rules" / "ACME001.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ACME001.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(("extra", "needle"), [
    ("texts:\n  note: {ru: 'а {x}', lt: 'b {x}', en: 'c {y}'}\n",
     r"field 'texts.note.ru': placeholders \['x'\] differ from \['y'\]"),
    ("texts:\n  note: {ru: 'а', en: 'c'}\n", r"field 'texts.note': needs exactly ru, lt and en"),
    ("texts:\n  note: {ru: {ru: 'а', lt: 'b'}}\n", r"field 'texts.note.ru': needs exactly"),
    ("phrases:\n  words: {ru: [a, '']}\n", r"field 'phrases.words.ru': must be a list"),
    ("phrases:\n  words: {en: [a]}\n", r"field 'phrases.words': must map a language"),
    ("data: [1]\n", r"field 'data': must be a mapping"),
])
def test_malformed_sections_name_file_and_field(tmp_path: Path, extra: str, needle: str) -> None:
    with pytest.raises(RuleDataError, match=r"^ACME001\.yaml: " + needle):
        load_rule(_rule_file(tmp_path, extra))


def test_well_formed_sections_load(tmp_path: Path) -> None:
    meta = load_rule(_rule_file(tmp_path, (
        "options:\n  limit: {type: int, default: 3, min: 1, description: At most this many.}\n"
        "phrases:\n  words: {ru: [премия], lt: [premija]}\n"
        "texts:\n  note: {lt: {ru: 'а {x}', lt: 'b {x}', en: 'c {x}'}}\n")))
    assert meta.options == {"limit": 3}
    assert meta.phrases["words"]["lt"] == ["premija"]
    assert meta.texts["note"]["lt"]["en"] == "c {x}"


def test_rule_doc_lists_options() -> None:
    text = rule_doc("JD302")
    assert "Options ([tool.jdlint.rules.JD302]):" in text
    assert "min-similarity (int, default 70, min 0, max 100)" in text
    assert "Options" not in rule_doc("JD201")


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str) -> tuple[int, str]:
    (tmp_path / "jdlint.toml").write_text(table, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Текст.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "a.txt"])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("table", "needle"), [
    ("[rules.JD302]\nmin-similarity = 'high'\n", "option 'min-similarity' must be an integer"),
    ("[rules.JD302]\nmin-similarity = 150\n", "option 'min-similarity' must be at most 100"),
    ("[rules.near-duplicate-clause]\nmin-words = nan\n", "option 'min-words' must be an integer"),
    ("[rules.JD301]\nmin-words = true\n", "option 'min-words' must be an integer"),
    ("[rules.JD401]\nsuggest = 'no'\n", "option 'suggest' must be true or false"),
    ("[rules.JD201]\nmessage = 'Штраф'\n", "'message' is one of the rule's messages"),
    ("[rules.JD107]\ndetail = 'x'\n", "'detail' is one of the rule's texts"),
    ("[rules.JD201]\ntexts = {}\n", "'texts' is one of the rule's texts"),
    ("[rules.JD211]\nsex = {ru = ['пол']}\n", "'sex' is one of the rule's phrase lists"),
    ("[rules.JD105]\nwords = {}\n", "'words' is one of the rule's data"),
])
def test_config_sets_options_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str,
                                  needle: str) -> None:
    code, stderr = _check(tmp_path, monkeypatch, table)
    errors = [line for line in stderr.splitlines() if line.startswith(("Error:", "jdlint: error:"))]
    assert code == 2 and len(errors) == 1, stderr
    assert needle in errors[0] and "rules." in errors[0]


def test_a_valid_option_from_config_is_used(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _check(tmp_path, monkeypatch, "[rules.JD302]\nmin-similarity = 80\n")
    assert code in (0, 1) and "Error" not in stderr
