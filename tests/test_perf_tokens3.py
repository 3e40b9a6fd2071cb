"""Issue 19, round three: the per-process text cache in front of ``nlp.tokens`` gives exactly
what tokenising gives (``nlp._tokens``, the uncached function), warm, cold and across
evictions; it stays within its bound, keeps the recently used texts, follows the tokenizer
backend and ``clear_caches``; a poisoned entry is seen, so the comparison can fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import nlp

_PIECES = st.sampled_from([
    "штраф", "Штрафа", "ШТРАФОВ", "baudų", "Darbo", "IT-отдел", "из-за", "COVID-19", "7",
    "2.5", "т. д.", "ст.", "п.", "str.", "www.x.lt", "a@b.lt", "штpaф", "штр\u200bаф", "_",
    "-", ".", ",", " ", "\n", "\u00a0",
])
TEXTS = st.lists(_PIECES, max_size=10).map("".join)


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    nlp.clear_caches()
    yield
    nlp.clear_caches()


def _held() -> int:
    return sum(map(len, nlp._TEXTS.values()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TEXTS, st.sampled_from(["ru", "lt"])), max_size=30),
       st.integers(0, 40))
def test_cached_tokens_are_the_tokens(calls: list[tuple[str, str]], budget: int) -> None:
    """Whatever was cached or evicted before, a call gives the uncached tokens."""
    nlp.clear_caches()
    old = nlp.TEXT_CACHE_TOKENS
    nlp.TEXT_CACHE_TOKENS = budget
    try:
        for text, lang in calls + calls[::-1]:
            assert nlp.tokens(text, lang) == nlp._tokens(text, lang)
            assert nlp._held == _held() <= max(budget, 0)
    finally:
        nlp.TEXT_CACHE_TOKENS = old
        nlp.clear_caches()


def test_a_text_is_tokenised_once_and_a_poisoned_entry_is_seen() -> None:
    text = "Штраф не применяется."
    first = nlp.tokens(text, "ru")
    assert nlp.tokens(text, "ru") is first
    assert nlp.tokens(text, "lt") is not first  # NOTE: the language is part of the key
    nlp._TEXTS[(text, "ru")] = first[:1]
    assert nlp.tokens(text, "ru") != nlp._tokens(text, "ru")
    nlp.clear_caches()
    assert nlp.tokens(text, "ru") == nlp._tokens(text, "ru") == first


def test_the_least_recently_used_text_goes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "TEXT_CACHE_TOKENS", 128)
    texts = [f"слово{n} " * 8 for n in range(17)]  # NOTE: 8 tokens each, 16 fill the bound
    for text in texts[:16]:
        nlp.tokens(text, "ru")
    assert nlp._held == 128 and len(nlp._TEXTS) == 16
    nlp.tokens(texts[0], "ru")  # NOTE: used again: now the most recent
    nlp.tokens(texts[16], "ru")  # NOTE: 136 > 128: the least recent (texts[1]) goes
    assert (texts[1], "ru") not in nlp._TEXTS
    assert all((t, "ru") in nlp._TEXTS for t in [texts[0], *texts[2:]])
    assert nlp._held == _held() == 128


def test_a_long_text_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "TEXT_CACHE_TOKENS", 64)
    nlp.tokens("слово " * 4, "ru")
    long = "слово " * 5  # NOTE: 5 tokens > 64 / 16
    assert nlp.tokens(long, "ru") == nlp._tokens(long, "ru")
    assert (long, "ru") not in nlp._TEXTS and ("слово " * 4, "ru") in nlp._TEXTS


def test_choosing_a_backend_empties_the_cache() -> None:
    nlp.tokens("штраф", "ru")
    assert nlp._TEXTS
    nlp.set_tokenizer("regex")
    assert not nlp._TEXTS and nlp._held == 0
