"""``title_choice``'s separator bound (issue 19, fourth round): a title without a separator
token ("," ";" "/" "или" "либо" "arba") offers no choice, and no phrase of it is placed. The
code before is kept here (``_old_title_choice``) and compared with the new on generated titles
(names, units, brackets, separators in either case; Russian and Lithuanian) and on edge cases;
a choice is found, so the comparison can fail.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    heads_in,
    title_words,
    tokenize_text,
)
from jdlint.checklib.title_choice import Choice, _bracket_lists, _only_separators, title_choice

DATA = load_catalogue()["JD107"].data


def _old_title_choice(t: TokenText, words: TitleWords, lang: str) -> Choice | None:
    """``title_choice`` before this round (6e89f95)."""
    phrases = heads_in(t, words, lang)
    heads = {ph.head_lemma for ph in phrases}
    lists = _bracket_lists(t, words)
    if lists:
        names = tuple(name for group in lists for name in group)
        return Choice(names, frozenset(heads))
    run: list[NounPhrase] = []
    for ph in phrases:
        if run and _only_separators(t, run[-1].end, ph.start):
            run.append(ph)
            continue
        if len(run) >= 2:
            break
        run = [ph]
    if len(run) >= 2 and len({ph.lemmas for ph in run}) >= 2:
        return Choice(tuple(ph.surface for ph in run), frozenset(ph.head_lemma for ph in run))
    return None


_PIECES = {
    "ru": ["ГЛАВНОГО", "ВРАЧА", "директора", "ЗАВЕДУЮЩЕГО", "начальника", "методиста",
           "ИНСТРУКТОРА-МЕТОДИСТА", "отделом", "отделением", "лабораторией", "старшего",
           "официанта", "администратора", "зала", "метрдотеля", "по", "продажам", "(", ")",
           ",", ";", "/", "или", "ИЛИ", "либо", "и", "-", "инструкция"],
    "lt": ["vyriausiasis", "gydytojas", "direktorius", "vedėjas", "skyriaus", "vadybininkas",
           "pardavėjas", "(", ")", ",", ";", "/", "arba", "ARBA", "ir", "aprašymas"],
}


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["ru", "lt"]), st.data())
@example("ru", None)
def test_title_choice_is_the_old_one(lang: str, data: st.DataObject | None) -> None:
    if data is None:
        text = "ГЛАВНОГО ВРАЧА (ДИРЕКТОРА, ЗАВЕДУЮЩЕГО, НАЧАЛЬНИКА)"
    else:
        text = " ".join(data.draw(st.lists(st.sampled_from(_PIECES[lang]), max_size=10)))
    words = title_words(DATA, lang)
    t = tokenize_text(text, lang)
    assert title_choice(t, words, lang) == _old_title_choice(t, words, lang)


@pytest.mark.parametrize(("lang", "text", "offers"), [
    ("ru", "ГЛАВНОГО ВРАЧА (ДИРЕКТОРА, ЗАВЕДУЮЩЕГО, НАЧАЛЬНИКА)", True),
    ("ru", "МЕТОДИСТА, ИНСТРУКТОРА-МЕТОДИСТА", True),
    ("ru", "заведующего отделом (отделением или лабораторией)", True),
    ("ru", "методиста либо инструктора", True),
    ("ru", "Методиста / инструктора", True),
    ("ru", "администратора зала (метрдотеля)", False),
    ("ru", "менеджера по продажам", False),
    ("lt", "vedėjas arba direktorius", True),
    ("lt", "vyriausiasis buhalteris", False),
])
def test_title_choice_examples(lang: str, text: str, offers: bool) -> None:
    words = title_words(DATA, lang)
    t = tokenize_text(text, lang)
    old = _old_title_choice(t, words, lang)
    assert title_choice(t, words, lang) == old
    assert (old is not None) == offers
