"""Issue 19, JD107 round two: ``phrases.noun_phrase`` is now ``phrase_span`` (where the
phrase lies) then ``build_phrase`` (its text, lemmas and keys), and ``consistency._self_mentions``
builds only the phrases it keeps (``spans_in``). The unsplit form is kept here and compared
with the new one on generated token sequences (Russian and Lithuanian, every head, with a lower
bound); the mentions themselves are compared with the old search in ``test_perf_jd107``. A
phrase cut one token short is caught, so the comparison can fail."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import phrases
from jdlint.checklib.phrases import (
    NounPhrase,
    Span,
    TitleWords,
    TokenText,
    build_phrase,
    heads_in,
    noun_phrase,
    phrase_span,
    spans_in,
    title_words,
    tokenize_text,
)
from jdlint.core.text import fold

DATA = load_catalogue()["JD107"].data


def _old_noun_phrase(t: TokenText, head: int, lang: str, words: TitleWords,
                     lo: int = 0) -> NounPhrase:
    """``phrases.noun_phrase`` before it was split into ``phrase_span`` and ``build_phrase``."""
    toks = t.tokens
    start = end = head
    if lang == "ru":
        # adjectives before the head ("системный администратор", "главного бухгалтера")
        head_cases = phrases.ru_tags(fold(toks[head].text))[1]
        while start - 1 >= lo and head - start < 2:
            prev = toks[start - 1]
            if not prev.is_word or prev.lemma in words.fillers:
                break
            # NOTE: the adjective must agree with the head: "их составляющим специалист" is
            # not one phrase.
            if not phrases._ru_adj_cases(fold(prev.text)) & head_cases:
                break
            start -= 1
        # complements after it: genitives, "по …", "с …", abbreviations, "II категории"
        in_pp = False
        i = head + 1
        while i < len(toks) and i - head <= 8:
            tok = toks[i]
            if tok.text in ("-", "–", "—") and i + 1 < len(toks) and t.is_head(i + 1, words):
                # NOTE: "заместитель председателя правления – директор Учреждения" is one
                # person with two titles.
                in_pp = False
                end = i + 1
                i += 2
                continue
            if not tok.is_word and not phrases._ROMAN.match(tok.text):
                break
            low = tok.lower
            if low in ("по", "с", "со"):
                in_pp = True
                i += 1
                continue
            if phrases._ABBREV.match(tok.text) or phrases._ROMAN.match(tok.text):
                i += 1
                end = i - 1
                continue
            pos, cases = phrases.ru_tags(fold(tok.text))
            # NOTE: "заведующий складом", "управляющий делами" govern the instrumental.
            ablt = toks[head].lemma in phrases._ABLT_HEADS
            governed = cases & ({"gent", "ablt"} if ablt else {"gent"})
            if pos not in ("NOUN", "ADJF", "PRTF") or (not in_pp and not governed):
                break
            if t.is_head(i, words) and not in_pp and pos == "NOUN" and "gent" not in cases:
                break
            end = i
            i += 1
        while end > head and toks[end].lower in ("по", "с", "со"):
            end -= 1
    else:
        # Lithuanian: genitive modifiers come before the head
        while start - 1 >= lo and head - start < 5:
            prev = toks[start - 1]
            if (not prev.is_word or prev.lemma in words.fillers or prev.lemma in words.predicates
                    or len(prev.text) < 3):
                break
            if not phrases._LT_GENITIVE.search(prev.lower):
                break
            start -= 1
    raw_start = toks[start].start
    raw_end = toks[end].end
    lemmas = tuple(tok.lemma for tok in toks[start:end + 1] if tok.is_word)
    return NounPhrase(start, end + 1, head, t.text[raw_start:raw_end], toks[head].lemma, lemmas,
                   phrases._quals(toks[start:end + 1], toks[head], lang, words),
                   frozenset(phrases._key(tok, lang) for tok in toks[start:end + 1] if tok.is_word))


_RU = ["Менеджер", "менеджера", "главного", "главный", "бухгалтера", "специалист", "по",
       "продажам", "работе", "с", "клиентами", "отдела", "ОМА", "II", "категории", "–", "-",
       "директор", "заведующий", "складом", "управляющий", "делами", "инженер-программист",
       "их", "составляющим", "должен", "обязанности", "на", "должность", "ГЛАВНОГО",
       "БУХГАЛТЕРА", "системный", "администратор", ",", ".", "(", ")", "со", "IT-отдела"]
_LT = ["Vadybininkas", "vadybininko", "pagrindinės", "paskyros", "vyriausiasis",
       "buhalteris", "skyriaus", "vedėjo", "pavaduotojas", "darbo", "pareigos", "yra",
       "pardavimų", "ir", "UAB", ",", ".", "-", "direktoriaus"]


def _all(t: TokenText, words: TitleWords, lang: str, lo: int) -> None:
    for head in range(lo, len(t.tokens)):
        if not t.tokens[head].is_word:
            continue
        old = _old_noun_phrase(t, head, lang, words, lo)
        span = phrase_span(t, head, lang, words, lo)
        assert span == Span(old.start, old.end, old.head)
        assert build_phrase(t, span, lang, words) == old
        assert noun_phrase(t, head, lang, words, lo) == old
    found = heads_in(t, words, lang, lo)
    assert spans_in(t, words, lang, lo) == [Span(p.start, p.end, p.head) for p in found]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["ru", "lt"]), st.data())
@example("ru", None)
def test_split_phrase_is_the_old_phrase(lang: str, data: st.DataObject | None) -> None:
    """Every word of a generated text taken as the head, from any lower bound."""
    words = title_words(DATA, lang)
    if data is None:
        text, lo = "заместитель главного бухгалтера – директор по работе с клиентами II", 0
    else:
        text = " ".join(data.draw(st.lists(st.sampled_from(_RU if lang == "ru" else _LT),
                                           max_size=14)))
        lo = data.draw(st.integers(0, len(tokenize_text(text, lang).tokens)))
    _all(tokenize_text(text, lang), words, lang, lo)


def test_edge_inputs() -> None:
    """An empty text, one word, a head at either end, a text in capitals."""
    for lang, text in (("ru", ""), ("ru", "бухгалтер"), ("ru", "по продажам менеджер"),
                       ("ru", "ГЛАВНОГО БУХГАЛТЕРА ОМА"), ("lt", "vadybininkas"),
                       ("lt", "pagrindinės paskyros vadybininkas")):
        _all(tokenize_text(text, lang), title_words(DATA, lang), lang, 0)


def test_comparison_can_fail() -> None:
    """A span one token shorter builds another phrase than the old one."""
    words = title_words(DATA, "ru")
    t = tokenize_text("менеджер по работе с клиентами", "ru")
    old = _old_noun_phrase(t, 0, "ru", words)
    assert old.end > 1
    assert build_phrase(t, Span(old.start, old.end - 1, old.head), "ru", words) != old
