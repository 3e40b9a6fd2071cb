"""Issue 19: JD303 keeps, per clause text, whether it may hold one of its phrase lists' first
lemmas (``contradictions._may_holds``) across the documents of a batch. The form it replaced
(the test on every clause's tokens) is kept here; the corpus is linted with it and with the
kept answers, cold and again from them, and the findings are the same. A wrong kept answer
is seen, so the comparison can fail."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from jdlint import nlp
from jdlint.checks import contradictions
from jdlint.core.model import Clause, Finding
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".docx", ".txt"))


def _old_may_holds(clauses: Sequence[Clause], lang: str, ctx: Any,
                   firsts: frozenset[str]) -> list[bool]:
    return [contradictions._may_hold(ctx.nlp.tokens(c.text, lang), firsts) for c in clauses]


def _run(path: Path) -> list[tuple[Any, ...]]:
    rules = [r for c, r in load_rules().items() if c == "JD303"]
    result = lint_file(path, rules, Settings())
    assert result.error is None
    return [_key(f) for f in result.findings]


def _key(f: Finding) -> tuple[Any, ...]:
    return (f.code, f.message, repr(f))


def _kept() -> list[dict[str, bool]]:
    from jdlint.ruleapi import _COMPILED

    return [v[1] for k, v in _COMPILED.items() if k[0] == "JD303" and k[2][0] == "may-hold"]


def test_findings_are_the_old_ones_cold_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(FILES) > 20
    with monkeypatch.context() as m:
        m.setattr(contradictions, "_may_holds", _old_may_holds)
        old = [_run(p) for p in FILES]
    for kept in _kept():
        kept.clear()
    assert [_run(p) for p in FILES] == old  # NOTE: cold, the answers kept file after file
    assert any(_kept())
    assert [_run(p) for p in FILES] == old  # NOTE: again, every text from the kept answers
    assert any(old), "the corpus must have JD303 findings for this to mean anything"


def test_a_wrong_kept_answer_is_seen() -> None:
    found = [(p, f) for p in FILES if (f := _run(p))]
    assert found
    path, findings = found[0]
    for kept in _kept():
        for text in kept:
            kept[text] = False  # NOTE: no clause may hold a first lemma: nothing is found
    assert _run(path) != findings
    for kept in _kept():
        kept.clear()
    assert _run(path) == findings


def test_the_key_follows_the_override_table() -> None:
    before = contradictions._holds_key("ru")
    assert before[:3] == ("may-hold", "ru", nlp.tokenizer())
    assert contradictions._holds_key("lt") != before
