"""The tokeniser's fast paths (issue 19) give what the formulas they replaced gave: the
``Token`` named tuple keeps the frozen dataclass's contract, and ``nlp.tokens`` with its word
caches (warm or cold) equals the old split → fold → lemmatise loop on generated text."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.checks import contradictions, duplicates
from jdlint.core.text import fold
from jdlint.nlp import lithuanian, russian, tokenize
from jdlint.nlp import matcher as matching
from jdlint.nlp.disguise import clean, suspect
from jdlint.nlp.tokenize import Token, split

_PIECES = st.sampled_from([
    "штраф", "Штрaф", "штрафа", "ШТРАФОВ", "baudа", "Darbo", "baudų", "ž", "ё", "Ёлка", "-",
    "_", " ", "\n", ".", ",", ":", "7", "2.5", "\u0301", "\u200b", "\u00ad", "²", "α",
    "IT-отдел", "т. д.", "Т.Д.", "п.", "str.", "www.x.lt", "a@b.lt", "https://x.ru/a",
])
TEXTS = st.lists(_PIECES, max_size=14).map("".join)


def _old_tokens(text: str, lang: str) -> list[tuple[str, str, str, int, int, bool]]:
    """``nlp.tokens`` as it was before the caches: each piece folded and lemmatised."""
    lemmatize = {"ru": russian.lemma, "lt": lithuanian.lemma}[lang]
    out = []
    for piece, start, end, kind in split(text):
        if kind == "word":
            word = clean(piece) if suspect(piece) else piece
            out.append((piece, piece.lower(), lemmatize(fold(word)), start, end, True))
        elif kind == "abbrev":
            out.append((piece, piece.lower(), fold(piece).replace(" ", ""), start, end, True))
        else:
            out.append((piece, piece.lower(), fold(piece), start, end, False))
    return out


def _fields(tokens: tuple[Token, ...]) -> list[tuple[str, str, str, int, int, bool]]:
    return [(t.text, t.lower, t.lemma, t.start, t.end, t.is_word) for t in tokens]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["ru", "lt"]))
def test_tokens_are_the_old_loop(text: str, lang: str) -> None:
    warm = nlp.tokens(text, lang)
    assert _fields(warm) == _old_tokens(text, lang)
    nlp.clear_caches()
    assert nlp.tokens(text, lang) == warm


def test_a_wrong_cached_word_is_seen() -> None:
    """The comparison can fail: a poisoned cache entry changes the tokens."""
    nlp.clear_caches()
    text = "Штраф не применяется."
    assert _fields(nlp.tokens(text, "ru")) == _old_tokens(text, "ru")
    nlp._WORDS["ru"]["Штраф"] = ("штраф", "премия")
    nlp._clear_texts()  # NOTE: else the text's tokens come from the text cache
    try:
        assert _fields(nlp.tokens(text, "ru")) != _old_tokens(text, "ru")
    finally:
        nlp.clear_caches()
    assert _fields(nlp.tokens(text, "ru")) == _old_tokens(text, "ru")


def test_the_word_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "WORD_CACHE_SIZE", 3)
    nlp.clear_caches()
    try:
        nlp.tokens("один два три четыре пять", "ru")
        assert 0 < len(nlp._WORDS["ru"]) <= 3
    finally:
        nlp.clear_caches()


def test_a_disguised_word_is_not_cached_under_its_text() -> None:
    nlp.clear_caches()
    (tok,) = nlp.tokens("штр\u200bаф", "ru")
    assert tok.lemma == "штраф" and tok.text == "штр\u200bаф"
    assert "штр\u200bаф" not in nlp._WORDS["ru"]


def test_token_keeps_the_dataclass_contract() -> None:
    tok = nlp.tokens("Штрафа", "ru")[0]
    assert (tok.text, tok.lower, tok.lemma, tok.start, tok.end, tok.is_word) == (
        "Штрафа", "штрафа", "штраф", 0, 6, True)
    with pytest.raises(AttributeError):
        tok.lemma = "x"  # type: ignore[misc]
    same = Token("Штрафа", "штрафа", "штраф", 0, 6, True)
    assert tok == same and hash(tok) == hash(same)
    assert tok != Token("Штрафа", "штрафа", "штраф", 0, 6, False)
    assert repr(same) == ("Token(text='Штрафа', lower='штрафа', lemma='штраф', start=0, "
                          "end=6, is_word=True)")


def test_unknown_language_is_still_a_value_error() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        nlp.tokens("слово", "de")


_PREFILTER = r"(?=[^\W\d_]{{1,5}}+[.-])".replace("{{", "{").replace("}}", "}")


def _old_pattern(url: bool, glued: bool) -> re.Pattern[str]:
    """The token pattern before issue 19: no prefilter lookahead, the backtracking word."""
    source = tokenize._variant(url, glued).pattern
    assert _PREFILTER in source
    source = source.replace(_PREFILTER, "")
    if not glued:
        assert tokenize.WORD in source
        source = source.replace(tokenize.WORD, tokenize._OLD_WORD)
    return re.compile(source, re.VERBOSE)


_WORDY = st.sampled_from([
    "т.д.", "т. п.", "ст.", "Ст.", "п.", "д.", "стст.", "р-н.", "pvz.", "a-b.", "ab-cd.",
    "abcdef.", "абвгде.", "7", "12-й", "COVID-19", "2.5", "x2", "2x", "_", "a_b", "²", "-", "‐",
    "'", "’", "из-за", "-7", "ё", "ž", " ", "\n", ".", "\u200b", "www.a.lt", "a@b.lt",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(_WORDY, max_size=12).map("".join), st.booleans(), st.booleans())
def test_the_token_pattern_is_the_old_one(text: str, url: bool, glued: bool) -> None:
    new = tokenize._variant(url, glued)
    old = _old_pattern(url, glued)
    assert ([(m.span(), m.lastgroup) for m in new.finditer(text)]
            == [(m.span(), m.lastgroup) for m in old.finditer(text)])


def test_the_pattern_comparison_can_fail() -> None:
    """A word pattern that forgot the leading digits ("2x" as "2" and "x") is told apart."""
    broken = re.compile(tokenize._variant(False, False).pattern.replace(
        tokenize.WORD, tokenize.WORD.replace(r"\d*[^\W\d_]", r"[^\W\d_]")), re.VERBOSE)
    text = "2x т. д."
    assert ([m.group() for m in broken.finditer(text)]
            != [m.group() for m in _old_pattern(False, False).finditer(text)])


_PHRASES = ["штраф", "лишение * премии", "лишение * * премии", "лишение премии",
            "удержание из * платы", "премия * * 2 * раза",
            "удержание из заработной платы", "2 раза", "т. д.", "за свой счёт", "премия"]
_MATCH_PIECES = st.sampled_from([
    "штраф", "Штрафы", "лишение", "лишения", "квартальной", "годовой", "премии", "премия",
    "удержание", "из", "заработной", "платы", "2", "раза", "т. д.", "за", "свой", "счёт",
    " ", " ", "\n", ". ", "; ", ", ", "…",
])


def _old_find(matcher: matching.PhraseMatcher, text: str) -> list[tuple[int, int, str]]:
    """``find`` before issue 19: segments of every token up front, every phrase walked."""
    items, segments, segment, last_end = [], [], 0, 0
    for tok in nlp.tokens(text, matcher.lang):
        if "\n" in text[last_end:tok.start]:
            segment += 1
        last_end = tok.end
        if tok.is_word or tok.lemma[:1].isdigit():
            items.append(tok)
            segments.append(segment)
        elif tok.text in matching._STOPS:
            segment += 1
    lemmas = [t.lemma for t in items]
    out = []
    for i, lem in enumerate(lemmas):
        for pattern, phrase, *_rest in matcher._index.get(lem, ()):
            end = matching._match_at(pattern, lemmas, segments, i)
            if end is not None:
                out.append((items[i].start, items[end].end, phrase))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(_MATCH_PIECES, max_size=16).map(" ".join))
def test_find_is_the_old_walk(text: str) -> None:
    matcher = nlp.phrase_matcher(_PHRASES, "ru")
    with matching.caching():
        assert [(m.start, m.end, m.phrase) for m in matcher.find(text)] == _old_find(
            matcher, text)


def test_find_comparison_can_fail() -> None:
    """The reference sees what a stop or a line break does: the comparison has teeth."""
    matcher = nlp.phrase_matcher(_PHRASES, "ru")
    joined = [p for _s, _e, p in _old_find(matcher, "лишение годовой премии")]
    assert joined == ["лишение * премии", "лишение * * премии", "премия"]
    for cut in ("лишение. годовой премии", "лишение годовой\nпремии"):
        assert [p for _s, _e, p in _old_find(matcher, cut)] == ["премия"]
        assert [m.phrase for m in matcher.find(cut)] == ["премия"]


_W = contradictions._Words(
    prohibitions=(("запрещать", "курить"), ("нельзя",), ()), qualifiers=frozenset(),
    permissions=(("разрешать", "курить"),), stopwords=frozenset(), probation=(("испытание",),),
    hours=(("рабочий", "день"),), hours_skip=frozenset(), numbers={}, units={},
    waivers=(("отказываться",),))
_SEQ_WORDS = st.sampled_from(["запрещать", "курить", "нельзя", "разрешать", "испытание",
                              "рабочий", "день", "отказываться", "прочее", ".", "5"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SEQ_WORDS, max_size=8))
def test_present_depends_only_on_the_first_lemmas(seq: list[str]) -> None:
    """JD303 reuses ``_present`` for clauses holding the same first lemmas."""
    have = contradictions._firsts(_W).intersection(seq)
    alike = sorted(have) or ["прочее"]
    assert contradictions._present(_W, seq) == contradictions._present(_W, alike)


def test_present_comparison_can_fail() -> None:
    assert contradictions._present(_W, ["нельзя"]) != contradictions._present(_W, ["курить"])
    assert contradictions._firsts(_W) == {"запрещать", "нельзя", "разрешать", "испытание",
                                          "рабочий", "отказываться"}


def _old_weights(stems: list[tuple[str, ...]]) -> list[dict[str, float]]:
    """JD302's TF-IDF vectors before issue 19 (the IDF recomputed per clause)."""
    frequency: Counter[str] = Counter()
    for item in stems:
        frequency.update(set(item))
    total = len(stems) + 1
    out = []
    for item in stems:
        raw = {s: (1 + math.log(n)) * math.log(total / (frequency[s] + 0.5))
               for s, n in Counter(item).items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        out.append({s: v / norm for s, v in raw.items()})
    return out


def _candidate(stems: tuple[str, ...]) -> duplicates.Candidate:
    return duplicates.Candidate(None, stems, stems, ())  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("абвгдеж"), max_size=6).map(tuple), max_size=9))
def test_weights_are_the_old_floats(stems: list[tuple[str, ...]]) -> None:
    new = duplicates.weights([_candidate(s) for s in stems])
    old = _old_weights(stems)
    assert [list(v.items()) for v in new] == [list(v.items()) for v in old]


def test_weights_comparison_can_fail() -> None:
    a = duplicates.weights([_candidate(("а", "б")), _candidate(("а",))])
    b = _old_weights([("а", "б"), ("б",)])
    assert [list(v.items()) for v in a] != [list(v.items()) for v in b]
