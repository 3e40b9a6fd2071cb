"""Speed-ups of the mid-cost rules, fourth round (issue 19), must give the same answers.

The code before each rewrite is kept here and compared with the new one on generated and edge
inputs: JD006's answer of ``may_hide`` kept per text against the test of every block.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.core.model import Document, Finding
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.nlp import disguise
from jdlint.nlp.disguise import clean, hiding, may_hide
from jdlint.ruleapi import RuleContext

RULES = load_rules()


def _findings(code: str, doc: Document, check: object = None) -> list[tuple[object, ...]]:
    rule = RULES[code] if check is None else replace(RULES[code], check=check)
    return [(f.code, f.source, f.message, f.severity, f.data) for f in lint([doc], [rule])]


# --- JD006: one test of the joined texts --------------------------------------------------------


def _old_disguised(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Before: ``may_hide`` of every block."""
    lang = doc.language or "ru"
    blocks = doc.raw.blocks
    for index in doc.span:
        if index in doc.noise or index >= len(blocks) or not may_hide(blocks[index].text):
            continue
        seen: set[str] = set()
        for token in ctx.nlp.tokens(blocks[index].text, lang):
            how = disguise.disguise(token.text) if token.is_word else None
            if how is None or token.text in seen:
                continue
            seen.add(token.text)
            yield ctx.report(index, match=token.text, word=clean(token.text),
                             how=ctx.localized(ctx.texts[how]),
                             hidden=ctx.localized(ctx.texts["hidden"]),
                             data={"kind": how, "word": clean(token.text)})


_HIDE_PIECES = ("штраф", "p", "a", "α", "\u200b", "\u0301", "\u00ad", "-", "'", "’", " ", "\n",
                "IT", "отдел", "1.", "Excel", "ж", "z")
_HIDE_TEXTS = st.lists(st.lists(st.sampled_from(_HIDE_PIECES), max_size=6).map("".join),
                       min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HIDE_TEXTS, min_size=1, max_size=3))
@example([["штраф", "pa"], ["штраф", "pa"]])  # one script a block: no mixed run
@example([["штpaф"], ["штpaф", "шт\u2066раф", "ok"]])
@example([[]])
def test_jd006_hiding_kept_is_may_hide_of_each(batches: list[list[str]]) -> None:
    for texts in batches:  # NOTE: texts met again are answered from the kept answers
        assert hiding(texts) == [n for n, text in enumerate(texts) if may_hide(text)]


def test_jd006_hiding_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disguise, "HIDING_CHARS", 30)
    monkeypatch.setattr(disguise, "_HIDING", {})
    monkeypatch.setattr(disguise, "_hiding_chars", 0)
    texts = [f"штpaф {n}" for n in range(10)] + ["ш" * 2000]
    assert hiding(texts) == list(range(10))
    assert sum(map(len, disguise._HIDING)) <= 30 and "ш" * 2000 not in disguise._HIDING
    assert hiding(texts) == list(range(10))


@settings(max_examples=100, deadline=None)
@given(_HIDE_TEXTS, st.sets(st.integers(0, 7), max_size=3))
@example(["1. Общие", "Штраф за опоздание", "ш\u2066траф", "штpaф и штpaф"], {1})
@example(["Общие положения", "Ведёт учёт в Excel", "IT-отдел"], set())
def test_jd006_same_findings(texts: list[str], noise: set[int]) -> None:
    doc = make_doc(texts, noise=noise)
    assert _findings("JD006", doc) == _findings("JD006", doc, _old_disguised)


def test_jd006_finds_and_skips() -> None:
    hidden = make_doc(["Общие положения", "За опоздание шт\u2066ра\u2069ф", "штpaф"])
    assert [f[4]["kind"] for f in _findings("JD006", hidden)] == ["invisible", "lookalike"]
    assert _findings("JD006", make_doc(["Общие положения", "Ведёт учёт в Excel"])) == []
    assert _findings("JD006", make_doc(["штpaф"], noise={0})) == []
