"""Selection semantics, table-driven: most specific selector wins, ties go to ignore."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jdlint.catalogue.ruledata import RuleMeta, load_catalogue
from jdlint.settings.selection import SelectorError, resolve_selection

BASE = load_catalogue()["JD002"]


def _meta(code: str, name: str, groups: tuple[str, ...], status: str = "stable") -> RuleMeta:
    return replace(BASE, code=code, name=name, groups=groups, status=status)


CATALOGUE = {m.code: m for m in [
    _meta("JD002", "not-a-job-description", ("input",)),
    _meta("JD101", "missing-section", ("structure",)),
    _meta("JD104", "numbering-defect", ("structure",)),
    _meta("JD201", "fine-or-pay-sanction", ("labour", "ru")),
    _meta("JD202", "full-liability-without-agreement", ("labour",)),
    _meta("JD210", "abolished-sanction-lt", ("labour", "lt")),
    _meta("JD301", "duplicate-clause", ("duplicates",)),
    _meta("JD302", "near-duplicate-clause", ("duplicates",), status="preview"),
    _meta("JD303", "contradictory-clauses", ("duplicates",), status="deprecated"),
    _meta("JD304", "old-rule", ("duplicates",), status="removed"),
]}
STABLE = ("JD002", "JD101", "JD104", "JD201", "JD202", "JD210", "JD301")

CASES = [
    # (select, extend_select, ignore, expected)
    (None, (), (), STABLE),
    (["ALL"], (), (), STABLE),
    (["JD2"], (), (), ("JD201", "JD202", "JD210")),
    (["JD20"], (), (), ("JD201", "JD202")),
    (["JD201"], (), (), ("JD201",)),
    (["jd201"], (), (), ("JD201",)),
    (["fine-or-pay-sanction"], (), (), ("JD201",)),
    (["labour"], (), (), ("JD201", "JD202", "JD210")),
    (["lt"], (), (), ("JD210",)),
    (["JD1", "JD2"], (), (), ("JD101", "JD104", "JD201", "JD202", "JD210")),
    # more specific ignore beats a broader select
    (["JD2"], (), ["JD201"], ("JD202", "JD210")),
    (["ALL"], (), ["labour"], ("JD002", "JD101", "JD104", "JD301")),
    # more specific select beats a broader ignore
    (["JD201"], (), ["JD2"], ("JD201",)),
    (["JD20"], (), ["JD2"], ("JD201", "JD202")),
    (["fine-or-pay-sanction"], (), ["labour"], ("JD201",)),
    (["JD2"], (), ["labour"], ("JD201", "JD202", "JD210")),  # prefix "JD2" beats a group
    # ties go to ignore
    (["JD201"], (), ["JD201"], ()),
    (["JD201"], (), ["fine-or-pay-sanction"], ()),
    (["labour"], (), ["lt"], ("JD201", "JD202")),
    (["JD2"], (), ["JD2"], ()),
    # extend-select adds to the default or to select
    (None, ["JD302"], (), (*STABLE[:-1], "JD301", "JD302")),
    (["JD1"], ["JD201"], (), ("JD101", "JD104", "JD201")),
    (None, (), ["JD1", "JD0"], ("JD201", "JD202", "JD210", "JD301")),
    # preview / deprecated need the exact code or name
    (["JD3"], (), (), ("JD301",)),
    (["JD302"], (), (), ("JD302",)),
    (["near-duplicate-clause", "JD303"], (), (), ("JD302", "JD303")),
    # ignoring a removed rule is harmless
    (None, (), ["JD304"], STABLE),
]


@pytest.mark.parametrize(("select", "extend", "ignore", "expected"), CASES)
def test_resolution(select: list[str] | None, extend: tuple[str, ...], ignore: tuple[str, ...],
                    expected: tuple[str, ...]) -> None:
    got = resolve_selection(CATALOGUE, select=select, extend_select=extend, ignore=ignore)
    assert got == tuple(sorted(expected))


def test_preview_flag_includes_preview_rules_in_prefixes() -> None:
    assert "JD302" in resolve_selection(CATALOGUE, select=["JD3"], preview=True)
    assert "JD303" not in resolve_selection(CATALOGUE, select=["JD3"], preview=True)


@pytest.mark.parametrize(("selector", "hint"), [
    ("JD2O1", "did you mean"),
    ("fine-or-pay-sanctoin", "fine-or-pay-sanction"),
    ("labor", "labour"),
    ("JD9", ""),
])
def test_unknown_selector(selector: str, hint: str) -> None:
    with pytest.raises(SelectorError, match="unknown rule selector") as info:
        resolve_selection(CATALOGUE, select=[selector])
    assert hint in str(info.value)


def test_unknown_ignore_is_an_error_too() -> None:
    with pytest.raises(SelectorError, match="did you mean JD201"):
        resolve_selection(CATALOGUE, ignore=["JD2011"])


def test_selecting_a_removed_rule_is_an_error() -> None:
    with pytest.raises(SelectorError, match=r"JD304 .* removed"):
        resolve_selection(CATALOGUE, select=["JD304"])


def test_real_catalogue_default_is_stable_rules() -> None:
    real = load_catalogue()
    selected = resolve_selection(real)
    assert selected == tuple(c for c, m in sorted(real.items()) if m.status == "stable")
