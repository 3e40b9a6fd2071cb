"""JD303's word lists and the phrase search over a clause's lemmas (``checks/contradictions.py``).

Owned here: the lists of ``rules/JD303.yaml`` lemmatised once per process (``load``), each
clause's share of them (``present``: only the phrases whose first lemma the clause holds),
the search of a phrase in a lemma sequence (``find``), and the experience requirement waived
within one route to the post (``waived``). Split from ``contradictions.py`` (issue 19) to keep
each module under 400 lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from jdlint import nlp
from jdlint.core.records import record

__all__ = ["NUMBER", "Words", "find", "firsts", "join_words", "load", "present", "waived"]

NUMBER = re.compile(r"^\d+$")


@record(slots=True)
class Words:
    prohibitions: tuple[tuple[str, ...], ...]
    qualifiers: frozenset[str]
    permissions: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    probation: tuple[tuple[str, ...], ...]
    hours: tuple[tuple[str, ...], ...]
    hours_skip: frozenset[str]
    numbers: Mapping[str, int]
    units: Mapping[str, int]
    experience: tuple[tuple[str, ...], ...] = ()
    experience_units: frozenset[str] = frozenset()
    waivers: tuple[tuple[str, ...], ...] = ()
    routes: frozenset[str] = frozenset()


def load(options: Mapping[str, Any], lang: str) -> Words:
    data: Mapping[str, Any] = options["words"][lang]

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(nlp.lemmas(p, lang) for p in data[key])

    def lemma_set(key: str) -> frozenset[str]:
        return frozenset(lem for p in data[key] for lem in nlp.lemmas(p, lang))

    return Words(
        prohibitions=phrases("prohibitions"), qualifiers=lemma_set("qualifiers"),
        permissions=phrases("permissions"), stopwords=lemma_set("stopwords"),
        probation=phrases("probation"), hours=phrases("hours"),
        hours_skip=lemma_set("hours_skip"),
        numbers={nlp.lemma(k, lang): int(v) for k, v in data["numbers"].items()},
        units={nlp.lemma(k, lang): int(v) for k, v in data["units"].items()},
        experience=phrases("experience"), experience_units=lemma_set("experience_units"),
        waivers=phrases("waivers"), routes=lemma_set("routes"),
    )


def present(w: Words, seq: list[str]) -> Words:
    """``w`` keeping, of each phrase list, the phrases whose first lemma occurs in ``seq``:
    ``find`` cannot match another one in ``seq`` or in any part of it (its routes), so every
    answer is the same, with a fraction of the ~3,000 ``find`` calls per document."""
    have = set(seq)

    def keep(phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        return tuple(p for p in phrases if not p or p[0] in have)

    return replace(w, prohibitions=keep(w.prohibitions), permissions=keep(w.permissions),
                   probation=keep(w.probation), hours=keep(w.hours),
                   experience=keep(w.experience), waivers=keep(w.waivers))


def firsts(w: Words) -> frozenset[str]:
    """The first lemmas of the phrase lists ``present`` filters."""
    return frozenset(p[0] for phrases in (w.prohibitions, w.permissions, w.probation, w.hours,
                                          w.experience, w.waivers) for p in phrases if p)


def find(seq: Sequence[str], phrase: Sequence[str], start: int = 0) -> int:
    n = len(phrase)
    last = len(seq) - n
    if n == 0:
        return start if start <= last else -1
    # NOTE: jump to each occurrence of the first word (a C scan) instead of comparing a slice
    # at every position.
    want = list(phrase)
    first = want[0]
    items = seq if isinstance(seq, list) else list(seq)
    i = start
    while i <= last:
        try:
            i = items.index(first, i, last + 1)
        except ValueError:
            return -1
        if items[i:i + n] == want:
            return i
        i += 1
    return -1


def join_words(words: Sequence[str]) -> str:
    return re.sub(r"\s+([,;)])", r"\1", " ".join(words)).strip(" ,")


def routes(seq: list[str], texts: list[str], w: Words
            ) -> Iterator[tuple[list[str], list[str]]]:
    """The clause cut into its alternative routes to the post ("… или …", "…; …")."""
    start = 0
    for i, lem in enumerate([*seq, ";"]):
        if lem in w.routes or lem == ";":
            yield seq[start:i], texts[start:i]
            start = i + 1


def _required(seq: list[str], texts: list[str], w: Words, skip: range) -> str | None:
    """The wording of an experience requirement with a length: "стаж не менее 2 лет", or
    the length first, "ne mažesnė kaip 2 metų darbo patirtis"."""
    for phrase in w.experience:
        at = find(seq, phrase)
        while at >= 0:
            if at not in skip:
                end = at + len(phrase)
                for i in range(max(0, at - 6), min(len(seq), end + 8) - 1):
                    if i in skip or not (NUMBER.match(seq[i]) or seq[i] in w.numbers):
                        continue
                    unit = next((j for j in range(i + 1, min(len(seq), i + 4))
                                 if seq[j] in w.experience_units), None)
                    if unit is not None and unit not in skip:
                        shown = join_words(texts[min(at, i):max(end, unit + 1)])
                        return re.sub(r"(\d)\s*-\s*(\w)", r"\1-\2", shown)
            at = find(seq, phrase, at + 1)
    return None


def waived(seq: list[str], texts: list[str], w: Words) -> tuple[str, str] | None:
    """An experience requirement and its waiver within one route of one clause."""
    if not w.waivers:
        return None  # NOTE: most clauses: no route can hold a waiver (issue 19)
    for route, shown in routes(seq, texts, w):
        for phrase in w.waivers:
            at = find(route, phrase)
            if at < 0:
                continue
            required = _required(route, shown, w, range(at, at + len(phrase)))
            if required:
                return required, join_words(shown[at:at + len(phrase)])
    return None
