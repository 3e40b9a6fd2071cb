"""Speed-ups of the mid-cost rules, fourth round (issue 19), must give the same answers.

The code before each rewrite is kept here and compared with the new one on generated and edge
inputs (JD104, JD203 and the phrase rules: tests/test_perf_rules5.py):

* JD006: ``may_hide`` of each block kept per text, against the test of every block;
* JD401: the content lemmas of each block read for quoted function names, kept per text,
  against gathering them in every document;
* JD110: the quoted blocks found with ``str.find`` over the texts joined, the head blocks listed
  by ranges, the sentence lemmas from the file's shared tokens and the tables read once,
  against the search per block, the test per block, ``nlp.lemmas`` and the tables per document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.checklib.phrases import lemma_set
from jdlint.checks import employer
from jdlint.core.model import Document, Finding
from jdlint.core.text import fold
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.nlp import disguise
from jdlint.nlp.disguise import clean, hiding, may_hide
from jdlint.nlp.doctext import DocumentNLP, shared_nlp, sharing
from jdlint.profstandards import load_standards, quoted
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
                "IT", "отдел", "1.", "Excel", "ж", "z", "2.1. ", "3)", "\t", "\u00a0", "7")
_HIDE_TEXTS = st.lists(st.lists(st.sampled_from(_HIDE_PIECES), max_size=6).map("".join),
                       min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HIDE_TEXTS, min_size=1, max_size=3))
@example([["штраф", "pa"], ["штраф", "pa"]])  # one script a block: no mixed run
@example([["штpaф"], ["штpaф", "шт\u2066раф", "ok"]])
@example([[]])
@example([["2.1. штpaф", "2.1. Штраф"], ["3.4. штpaф", "1) 2.\u00a0\tштраф"]])
@example([["2.1.", "12", " \u200b"], ["1. \u200bа", "1.\u0301"]])
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
    new = _findings("JD006", doc)
    assert new == _findings("JD006", doc, _old_disguised)
    assert all(f[0] == "JD006" for f in new)  # NOTE: no rule error (JD000) on either side


def test_jd006_finds_and_skips() -> None:
    hidden = make_doc(["Общие положения", "За опоздание шт\u2066ра\u2069ф", "штpaф"])
    assert [f[4]["kind"] for f in _findings("JD006", hidden)] == ["invisible", "lookalike"]
    assert _findings("JD006", make_doc(["Общие положения", "Ведёт учёт в Excel"])) == []
    assert _findings("JD006", make_doc(["штpaф"], noise={0})) == []


# --- JD401: the content lemmas of a block, kept per text ----------------------------------------


def _old_names_in_text(doc: Document, names: list[str]) -> set[int]:
    """Before: every block's lemmas gathered and joined in every document."""
    backend = nlp.tokenizer()
    wanted = [(n, joined) for n, joined in ((n, quoted._joined_lemmas(name, backend))
                                            for n, name in enumerate(names))
              if len(joined.split()) >= 3]
    if not wanted:
        return set()
    shortest = min(len(joined) for _n, joined in wanted)
    blocks = doc.raw.blocks
    lemmas_of = shared_nlp().lemmas
    texts: list[str] = []
    for i in doc.span:
        if i >= len(blocks) or i in doc.noise or len(blocks[i].text) <= 15:
            continue
        lemmas = lemmas_of(blocks[i].text, "ru")
        if len(" ".join(lemmas)) < shortest:
            continue
        texts.append(" ".join([lem for lem in lemmas if lem not in quoted.STOP and len(lem) > 1]))
    return {n for n, joined in wanted if quoted.quoted_in(joined, texts)}


_STD = load_standards(())[0]
_NAMES = [t.name for g in _STD.functions or () for t in g.functions or ()] + \
    [g.name for g in _STD.functions or ()]
_NAME_PIECES = st.one_of(
    st.sampled_from(_NAMES),
    st.sampled_from(_NAMES).map(lambda name: name.replace("и", "ы", 1)),   # one typo
    st.sampled_from(_NAMES).map(lambda name: " ".join(name.split()[:4])),  # a part
    st.sampled_from(("2.1. Ведёт учёт", "Организация поставок", "и или в на", "", "1.")))
_NAME_DOCS = st.lists(st.lists(_NAME_PIECES, max_size=3).map(" ".join), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_NAME_DOCS, st.sets(st.integers(0, 8), max_size=2)), min_size=1,
                max_size=3))
@example([([f"2.{n}. {name}" for n, name in enumerate(_NAMES[:3])], set())])
@example([([_NAMES[0], _NAMES[1]], {0}), ([_NAMES[0]], set())])
def test_jd401_blocks_kept_per_text_are_the_old(docs: list[tuple[list[str], set[int]]]) -> None:
    for lines, noise in docs:  # NOTE: a text met again is answered from the kept lemmas
        doc = make_doc(lines, noise=noise)
        with sharing():
            assert quoted.names_in_text(doc, _NAMES) == _old_names_in_text(doc, _NAMES)


@settings(max_examples=100, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=4).map(" ".join))
@example("и в т.д. склад я учёт")
def test_jd401_block_lemmas_kept_are_the_old(text: str) -> None:
    lemmas = nlp.lemmas(text, "ru")
    old = (len(" ".join(lemmas)),
           " ".join([lem for lem in lemmas if lem not in quoted.STOP and len(lem) > 1]))
    kept: dict[str, tuple[int, str]] = {}
    assert quoted._block_lemmas(text, kept, nlp.tokenizer()) == old
    assert kept[text] == old and set(kept) <= {text, quoted._tail(text, nlp.tokenizer())}
    assert quoted._block_lemmas("и в т.д. склад я учёт", {}, "regex")[1] == "т.д. склад учет"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(("", "2.1. ", "3) ", "1.", "12.\u00a0", "4.\t", "5.1", "2) 3. ", "7 ")),
       st.lists(_NAME_PIECES, max_size=3).map(" ".join))
@example("2.1. ", "т.д. склад")
@example("2.", "1 склад")
@example("3) ", "")
def test_jd401_numbered_block_lemmas_are_the_text_lemmas(head: str, rest: str) -> None:
    text = head + rest
    kept: dict[str, tuple[int, str]] = {}
    with sharing():
        lemmas = shared_nlp().lemmas(text, "ru")
        old = (len(" ".join(lemmas)),
               " ".join([lem for lem in lemmas if lem not in quoted.STOP and len(lem) > 1]))
        assert quoted._block_lemmas(text, kept, nlp.tokenizer()) == old
    with sharing():  # NOTE: a new file: the clause's entry is read again under another number
        other = "9.9. " + text[len(head):] if quoted._tail(text, "regex") != text else text
        lemmas = shared_nlp().lemmas(other, "ru")
        assert kept.get(other, quoted._block_lemmas(other, kept, "regex"))[1] == " ".join(
            [lem for lem in lemmas if lem not in quoted.STOP and len(lem) > 1])


def test_jd401_number_head_is_doctext_s() -> None:
    from jdlint.nlp import doctext

    assert quoted.HEAD_CHARS is doctext.HEAD_CHARS
    assert quoted._tail("- Ведёт учёт", "regex") == "Ведёт учёт"
    assert quoted._tail("2.1. Ведёт учёт", "regex") == "Ведёт учёт"
    assert quoted._tail("2.1.Ведёт", "regex") == "2.1.Ведёт"
    assert quoted._tail("2.1. Ведёт учёт", "spacy") == "2.1. Ведёт учёт"


def test_jd401_names_found_and_not() -> None:
    doc = make_doc(["2. Должностные обязанности", f"2.1. {_NAMES[1]}.", "2.2. Ведёт учёт."])
    assert quoted.names_in_text(doc, _NAMES) == {1}
    assert quoted.names_in_text(make_doc(["2.1. Ведёт учёт."]), _NAMES) == set()


def test_jd401_kept_blocks_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quoted, "BLOCKS_CHARS", 200)
    monkeypatch.setattr(quoted, "_BLOCKS", {})
    monkeypatch.setattr(quoted, "_blocks_chars", 0)
    lines = [f"2.{n}. {name}" for n, name in enumerate(_NAMES)] + ["учёт " * 300]
    doc = make_doc(lines)
    for _ in range(2):
        assert quoted.names_in_text(doc, _NAMES) == _old_names_in_text(doc, _NAMES)
        kept = [text for table in quoted._BLOCKS.values() for text in table]
        assert sum(map(len, kept)) <= 200 and "учёт " * 300 not in kept


# --- JD110: sentence lemmas and tables ----------------------------------------------------------


def _old_sentence_has(text: str, start: int, lemmas: frozenset[str], lang: str) -> bool:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start))
    right_candidates = [p for p in (text.find(".", start), text.find(";", start)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return any(lem in lemmas for lem in nlp.lemmas(text[left + 1:right], lang))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(("Работает", " с ", "поставщиками", "ООО «Альфа»", ". ", "; ",
                                 "клиентов", "банка", "штpaф", "\n", "tiekėjais", "UAB")),
                max_size=8).map("".join), st.integers(0, 60), st.sampled_from(("ru", "lt")))
def test_jd110_sentence_lemmas_shared_are_the_old(text: str, start: int, lang: str) -> None:
    table = RULES["JD110"].meta.data["organisations"][lang]
    words = lemma_set(table["counterparty"], lang)
    shared = DocumentNLP()
    for _ in range(2):
        assert employer._sentence_has(text, start, words, lang, shared) == \
            _old_sentence_has(text, start, words, lang)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(("ООО", "«", "»", "\"", "“", "”", "„", "Альфа", " ",
                                          "\n")), max_size=5).map("".join), max_size=8))
@example([])
@example(["«", "", "»»", "x"])
def test_jd110_quoted_is_the_search_per_block(texts: list[str]) -> None:
    assert employer._quoted(texts) == [n for n, text in enumerate(texts)
                                       if employer._QUOTE_CHAR.search(text)]


_RANGES = st.builds(range, st.integers(0, 12), st.integers(0, 12),
                    st.sampled_from((1, 1, 1, 2, -1)))


@settings(max_examples=500, deadline=None)
@given(_RANGES, st.integers(-1, 14), st.one_of(st.none(), _RANGES))
def test_jd110_head_blocks_are_the_old(span: range, first: int, approval: range | None) -> None:
    assert employer._head_blocks(span, first, approval) == [
        i for i in span if i < first or (approval is not None and i in approval)]


def test_jd110_tables_are_the_old() -> None:
    data = RULES["JD110"].meta.data
    for lang in ("ru", "lt"):
        table = data["organisations"][lang]
        forms = [*table["forms"], *table.get("long_forms", {})]
        canonical = {fold(" ".join(str(k).split())): str(v)
                     for k, v in table.get("long_forms", {}).items()}
        assert employer._tables(data, lang) == (forms, canonical,
                                                lemma_set(table["counterparty"], lang))
    assert employer._sentence_has("Работает с поставщиками ООО «Альфа».", 25,
                                  lemma_set(["поставщик"], "ru"), "ru", DocumentNLP())
