"""Speed-ups of issue 19 that replace a computation by a cheaper one must give the same
answers: each fast path is compared with the formula it replaced, on generated text (both
scripts, digits, invisible and combining characters, line breaks)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.checklib import placeholder_gaps
from jdlint.nlp import disguise
from jdlint.nlp.doctext import DocumentNLP

# NOTE: the characters the fast paths treat specially, mixed with ordinary words.
_PIECES = st.sampled_from([
    "штраф", "Штрaф", "baudа", "darbo", "ž", "ё", "-", "_", " ", "\n", ".", ",", ":", "7",
    "\u0301", "\u200b", "\u00ad", "²", "٣", "α", "IT-отдел", "т. д.", "www.x.lt", "a@b.lt",
])
TEXTS = st.lists(_PIECES, max_size=14).map("".join)
_OLD_WORD = re.compile(r"[\w-]+$")


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_last_word_is_the_regex_search(text: str) -> None:
    fast = placeholder_gaps._last_word(text)
    slow = _OLD_WORD.search(text)
    assert (fast is None) == (slow is None)
    if fast is not None and slow is not None:
        assert fast.span() == slow.span()


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_may_hide_is_the_old_two_searches(text: str) -> None:
    old = (disguise._GLUE_RE.search(text) is not None
           or disguise._MIXED_RUN.search(text) is not None)
    assert disguise.may_hide(text) == old


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.sampled_from(["ru", "lt"]))
def test_shared_lemmas_are_nlp_lemmas(text: str, lang: str) -> None:
    """DocumentNLP.lemmas now always comes from the tokens; lemmas asked first or second."""
    first, second = DocumentNLP(), DocumentNLP()
    assert first.lemmas(text, lang) == nlp.lemmas(text, lang)
    second.tokens(text, lang)
    assert second.lemmas(text, lang) == nlp.lemmas(text, lang)


def test_the_fast_paths_can_fail() -> None:
    """The comparisons above see a difference: a word before a final line break is found
    (``$``), a word followed by a space is not, and a glue character hides."""
    assert placeholder_gaps._last_word("подчиняется\n") is not None
    assert placeholder_gaps._last_word("подчиняется ") is None
    assert disguise.may_hide("штр\u200bаф") and not disguise.may_hide("штраф")
    assert disguise.may_hide("штpaф")
