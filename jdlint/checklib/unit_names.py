"""The post's own unit named otherwise in the body (JD107, part of ``consistency``).

A head of a unit ("начальник отдела сертификации") whose instruction was copied from another
unit's often keeps the other unit's name where the text speaks of the employee's own unit:
"руководит работниками отдела сбыта", "по вопросам деятельности отдела сбыта". Other units are
named lawfully all the time ("взаимодействует с отделом сбыта", "представляет отчёты в
отдел кадров"), so a unit name counts only when several signals agree:

* the position's title names a unit (``units`` of the rule) with its own qualifiers;
* the body names a unit of the same kind (the same unit noun) with none of those qualifiers;
* it is owned by a noun of the unit's own activity ("деятельность", "работники",
  "задачи" …, option ``unit_owners``) that is no object of a verb and follows no "с"/"со";
* the own unit is named the same way elsewhere in the body, so the document does speak of its
  own unit in such phrases (the odd one out is the copied one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    lemma_set,
    noun_phrase,
    ru_tags,
    tokenize_text,
)
from jdlint.core.records import record
from jdlint.core.text import fold


@record(slots=True)
class UnitMention:
    """A unit named as the owner of activity: its block and phrase."""

    block: int
    phrase: NounPhrase


def _unit_in(t: TokenText, words: TitleWords, lang: str) -> NounPhrase | None:
    for i, tok in enumerate(t.tokens):
        if tok.is_word and tok.lemma in words.units:
            ph = noun_phrase(t, i, lang, words, i)
            if ph.quals:
                return ph
    return None


def _owned_units(t: TokenText, words: TitleWords, lang: str,
                 owners: frozenset[str]) -> Iterator[tuple[NounPhrase, bool]]:
    """Units owned by an activity noun, each with whether the noun is free (no object of a
    verb, not after "с"): "руководит работниками отдела X" names the own unit as surely as
    "деятельность отдела X", but "координирует деятельность отдела Y" may be another's."""
    toks = t.tokens
    for i, tok in enumerate(toks):
        if not tok.is_word or tok.lemma not in words.units or i == 0:
            continue
        k = i - 1
        # NOTE: "производственной деятельности отдела": adjectives may stand in between.
        while k >= 0 and toks[k].is_word and toks[k].lemma not in owners and \
                ru_tags(fold(toks[k].text))[0] in ("ADJF", "PRTF") and i - k <= 2:
            k -= 1
        if k < 0 or not toks[k].is_word or toks[k].lemma not in owners:
            continue
        before = next((toks[j] for j in range(k - 1, -1, -1) if toks[j].is_word), None)
        free = before is None or not (before.lower in ("с", "со") or ru_tags(
            fold(before.text))[0] in ("VERB", "INFN", "GRND"))
        ph = noun_phrase(t, i, lang, words, i)
        if ph.quals:
            yield ph, free


def foreign_units(title: NounPhrase, blocks: Iterable[tuple[int, str]], words: TitleWords,
                  lang: str, owner_words: Sequence[str]) -> tuple[str, list[UnitMention]]:
    """The title's unit and the units owned by the post's activity named otherwise
    (``blocks`` is read once, and only if the title names a unit)."""
    if lang != "ru" or not owner_words:
        return "", []
    own = _unit_in(tokenize_text(title.surface, lang), words, lang)
    if own is None:
        return "", []
    owners = lemma_set(owner_words, lang)
    same = 0
    odd: list[UnitMention] = []
    for block, text in blocks:
        if own.head_lemma[:4] not in fold(text):
            continue
        for ph, free in _owned_units(tokenize_text(text, lang), words, lang, owners):
            if ph.head_lemma != own.head_lemma:
                continue
            if ph.quals & own.quals:
                same += 1
            elif free:
                odd.append(UnitMention(block, ph))
    # NOTE: the own unit must be named so at least twice, and more often than the odd one.
    if same < 2 or len(odd) >= same:
        return "", []
    return own.surface, odd
