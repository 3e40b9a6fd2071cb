"""Superiors named in a clause (JD107 helper): the posts that follow a reports-to verb
("подчиняется администратору и директору", "pavaldus vadovui"). A post named so in a clause is
the employee's boss there, so "в отсутствие администратора" in the same clause speaks of the
boss's absence, not of another name of the instruction's own post."""

from __future__ import annotations

from collections.abc import Iterable

from jdlint.checklib.phrases import TitleWords, TokenText, heads_in

_SENTENCE_END = frozenset(".;!?")


def superiors_named(t: TokenText, words: TitleWords, lang: str, verbs: Iterable[str]) -> set[str]:
    """Head lemmas of the posts named after a reports-to verb, up to the end of its sentence."""
    wanted = frozenset(verbs)
    toks = t.tokens
    out: set[str] = set()
    for i, tok in enumerate(toks):
        if not tok.is_word or (tok.lemma not in wanted and tok.lower not in wanted):
            continue
        end = next((k for k in range(i + 1, len(toks)) if toks[k].text in _SENTENCE_END),
                   len(toks))
        out.update(ph.head_lemma for ph in heads_in(t, words, lang, i + 1, end))
    return out
