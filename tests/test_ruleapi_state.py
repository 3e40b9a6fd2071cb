"""Rule state lives in the rule API, not in the checks: ``ctx.memo`` per document,
``ctx.compiled`` per rule; no check or check helper keeps a module-level cache of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import make_doc

import jdlint
from jdlint.catalogue.ruledata import load_catalogue
from jdlint.ruleapi import RuleContext

PACKAGE = Path(jdlint.__file__).resolve().parent


def _context(code: str) -> RuleContext:
    doc = make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ продавца", "1. Общие положения", "1.1. Текст."])
    return RuleContext(load_catalogue()[code], doc, lang="ru")


def test_compiled_is_computed_once_per_rule_and_key() -> None:
    calls: list[str] = []

    def make(tag: str) -> str:
        calls.append(tag)
        return tag

    first, again = _context("JD201"), _context("JD201")
    assert first.compiled("test-key", lambda: make("a")) == "a"
    # NOTE: another document's context of the same rule gets the same compiled value
    assert again.compiled("test-key", lambda: make("b")) == "a"
    assert _context("JD202").compiled("test-key", lambda: make("c")) == "c"
    assert first.compiled("other-key", lambda: make("d")) == "d"
    assert calls == ["a", "c", "d"]


def test_memo_is_per_document() -> None:
    one, two = _context("JD201"), _context("JD201")
    assert one.memo("k", lambda: 1) == 1
    assert one.memo("k", lambda: 2) == 1
    assert two.memo("k", lambda: 3) == 3


def _module_state(path: Path) -> list[str]:
    """Module-level names bound to an empty dict, list or set: a cache kept beside the API."""
    found: list[str] = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        empty = (isinstance(value, ast.Dict | ast.List) and not getattr(value, "keys", None)
                 and not getattr(value, "elts", None)) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in ("dict", "list", "set", "defaultdict") and not value.args)
        if isinstance(target, ast.Name) and empty:
            found.append(f"{path.name}:{node.lineno} {target.id}")
    return found


def test_the_state_finder_finds_a_module_cache(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("_CACHE: dict[str, int] = {}\nSEEN = set()\nOK = {'a': 1}\n")
    assert _module_state(sample) == ["sample.py:1 _CACHE", "sample.py:2 SEEN"]


def test_checks_keep_no_module_state() -> None:
    paths = sorted((PACKAGE / "checks").glob("*.py")) + sorted((PACKAGE / "checklib").glob("*.py"))
    assert len(paths) > 20
    assert [s for p in paths for s in _module_state(p)] == []
