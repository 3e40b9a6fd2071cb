"""Rule kinds are a closed set: a rule whose kind has nothing to run does not load.

A house rule of a kind jdlint has no check for used to load, be listed and selected, and then
report nothing with exit 0; now it is one line naming the file and exit 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.catalogue.ruledata import DATA_KINDS, KINDS, RuleDataError, load_catalogue
from jdlint.cli import cli
from jdlint.engine.registry import consistency_errors, discover, load_rules

HOUSE = Path(__file__).resolve().parents[1] / "examples" / "house-rules"


def test_every_data_kind_has_a_generic_check() -> None:
    checks = discover()
    assert set(DATA_KINDS) <= set(checks)
    assert set(DATA_KINDS) < set(KINDS)
    assert not [e for e in consistency_errors() if "data kind" in e]


def test_a_data_kind_without_a_check_is_reported_by_the_meta_test() -> None:
    checks = {k: v for k, v in discover().items() if k != "phrase"}
    assert "data kind 'phrase' has no generic check: add @implements('phrase')" in \
        consistency_errors(load_catalogue(), checks)


@pytest.mark.parametrize("kind", ["substitution", "requires", "conditional", "spelling"])
def test_house_rule_of_an_unknown_kind_is_one_line_and_exit_2(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             kind: str) -> None:
    house = tmp_path / "house"
    house.mkdir()
    text = (HOUSE / "ACME001.yaml").read_text(encoding="utf-8")
    (house / "ACME001.yaml").write_text(text.replace("kind: phrase", f"kind: {kind}"),
                                        encoding="utf-8")
    (tmp_path / "jdlint.toml").write_text("extend-rules = ['house']\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Текст.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["check", "a.txt"], ["test-rules", "house"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        errors = [line for line in result.stderr.splitlines()
                  if line.startswith(("Error:", "jdlint: error:"))]
        assert len(errors) == 1 and "ACME001.yaml" in errors[0] and kind in errors[0]
        assert "Traceback" not in result.stderr


def test_builtin_rule_of_a_data_kind_without_a_check_does_not_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import jdlint.engine.registry as registry

    phrase_rules = [m for m in load_catalogue().values() if m.kind == "phrase"]
    assert phrase_rules
    checks = {k: v for k, v in discover().items() if k != "phrase"}
    monkeypatch.setattr(registry, "discover", lambda: checks)
    with pytest.raises(RuleDataError, match=r"^JD\d{3}\.yaml: field 'kind': 'phrase' has no"):
        load_rules()
