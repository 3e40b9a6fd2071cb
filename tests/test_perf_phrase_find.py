"""``checklib.matching.find`` lists a scope's blocks once per document and scope, and builds
its search only for a matcher with candidate blocks (issue 19): the hits must be those of a
context that memoizes nothing. The comparison is shown able to fail."""

from __future__ import annotations

from dataclasses import replace

from helpers import make_doc

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import matching
from jdlint.core.model import Document
from jdlint.ruleapi import RuleContext


def _doc(clause: str) -> Document:
    return make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера", "1. Общие положения",
                     "1.1. Менеджер относится к категории специалистов.", "2. Ответственность",
                     f"2.1. {clause}", "2.2. Ведет учет документов."])


def _hits(doc: Document, ctx: RuleContext) -> list[tuple[int, int, str]]:
    return [(h.block, h.start, h.text) for h in matching.find(doc, ctx)]


def _no_memo(ctx: RuleContext) -> None:
    """Every ``ctx.memo`` of ``ctx`` computed afresh (the code before the scope memo)."""
    ctx.memo = lambda _key, factory: factory()  # type: ignore[method-assign]


def test_scope_lists_are_the_fresh_ones() -> None:
    meta = load_catalogue()["JD201"]
    for clause in ("За опоздание к работнику применяется штраф.", "Ведет переговоры."):
        doc = make_doc([*(b.text for b in _doc(clause).raw.blocks),
                        "2.3. За прогул применяется штраф в размере 500 рублей."])
        ctx = RuleContext(meta, doc, lang="ru")
        first = _hits(doc, ctx)
        assert _hits(doc, ctx) == first
        fresh = RuleContext(meta, doc, lang="ru")
        _no_memo(fresh)
        assert _hits(doc, fresh) == first
        assert len(first) == (2 if "штраф" in clause else 1)


def test_scope_comparison_can_fail() -> None:
    """A scope list kept from another document (a memo keyed without the document) would hand
    the longer document the short one's list, and the comparison sees it."""
    meta = load_catalogue()["JD201"]
    short = _doc("За опоздание к работнику применяется штраф.")
    longer = make_doc([*(b.text for b in short.raw.blocks),
                       "2.3. За прогул применяется штраф в размере 500 рублей."])
    ctx = RuleContext(meta, longer, lang="ru")
    scope = tuple(matching.spec_of(ctx).scope)
    ctx.memo(("blocks-in-scope", id(longer), scope),
             lambda: matching._blocks_in_scope(short, scope))
    fresh = RuleContext(meta, longer, lang="ru")
    assert _hits(longer, ctx) != _hits(longer, fresh)


def test_scope_lists_are_per_document_under_a_shared_memo() -> None:
    """The notes' pass shares the body's memo (``engine.lint``): a document with other noise
    blocks over the same raw text gets its own scope list."""
    meta = load_catalogue()["JD201"]
    body = _doc("За опоздание к работнику применяется штраф.")
    hit_block = _hits(body, RuleContext(meta, body, lang="ru"))[0][0]
    quiet = replace(body, noise=frozenset({*body.noise, hit_block}))
    memo: dict[object, object] = {}
    assert _hits(body, RuleContext(meta, body, lang="ru", _memo=memo))
    assert _hits(quiet, RuleContext(meta, quiet, lang="ru", _memo=memo)) == []
