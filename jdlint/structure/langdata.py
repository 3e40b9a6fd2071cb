"""Language data of the structure layer, loaded from ``rules/lang/<lang>.yaml``: section
heading synonyms, title, approval and acknowledgement markers, lead-ins and noise words.

Phrases are compared as sequences of light stems (``jdlint.core.text.stems``), so the YAML lists
ordinary words and every inflection of them matches. :func:`stems` here is the same function
with a per-process cache (word → stem, and line → stems): a line is stemmed by several role
tests, and the vocabulary of a batch is small.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from jdlint.catalogue.ruledata import rules_dir
from jdlint.core.model import SectionKind
from jdlint.core.records import record
from jdlint.core.rulestore import load_yaml_file
from jdlint.core.text import light_stem, words

LANGS = ("ru", "lt")

Phrase = tuple[str, ...]

_stem = lru_cache(maxsize=1 << 16)(light_stem)


@lru_cache(maxsize=4096)
def _line_stems(text: str) -> tuple[str, ...]:
    stem = _stem
    return tuple([stem(w) for w in words(text)])


def stems(text: str) -> list[str]:
    """Light stems of the words of ``text`` (``jdlint.core.text.stems``, cached)."""
    # NOTE: profiled on a 100,000-line file: light_stem was 70 % of the structure layer.
    return list(_line_stems(text))


@record(slots=True)
class LangData:
    """Compiled phrase lists of one language."""

    lang: str
    markers: frozenset[str]
    title: tuple[Phrase, ...]
    approval: tuple[Phrase, ...]
    acknowledgement: tuple[Phrase, ...]
    sections: tuple[tuple[SectionKind, Phrase], ...]
    lead_ins: tuple[tuple[SectionKind, Phrase], ...]
    classify: dict[str, tuple[Phrase, ...]]
    noise_words: frozenset[str]
    function_words: frozenset[str] = frozenset()
    # Title lines: a one-word name that is a title only as a whole line ("ИНСТРУКЦИЯ"),
    # words that open a sentence about this document ("Настоящая …", "Šis …"), and the
    # predicates that follow the document's name in such a sentence ("… разработана").
    title_alone: tuple[Phrase, ...] = ()
    self_reference: frozenset[str] = frozenset()
    title_predicates: tuple[str, ...] = ()
    # Endings of the words that may stand before a section's noun in a heading of a language
    # whose modifiers precede their noun ("Mokytojo padėjėjo funkcijos:"); empty where the
    # section's noun comes first ("Обязанности продавца:").
    heading_modifiers: tuple[str, ...] = ()


def _phrases(items: list[str]) -> tuple[Phrase, ...]:
    return tuple(tuple(stems(item)) for item in items)


@cache
def load(lang: str) -> LangData:
    """Load and compile ``rules/lang/<lang>.yaml`` (cached per process)."""
    path = rules_dir() / "lang" / f"{lang}.yaml"
    # NOTE: libyaml's loader when PyYAML has it (0.4 ms instead of 8 ms per file), or the
    # compiled rule catalogue (no PyYAML import at all): ``core.rulestore``.
    raw: dict[str, Any] = load_yaml_file(path)
    sections: list[tuple[SectionKind, Phrase]] = []
    for kind, items in raw["sections"].items():
        sections.extend((SectionKind(kind), p) for p in _phrases(items))
    # NOTE: longer phrases first, so "должностные обязанности" wins over "обязанности".
    sections.sort(key=lambda kp: -len(kp[1]))
    lead_ins = [
        (SectionKind(kind), p)
        for kind, items in raw.get("lead_ins", {}).items()
        for p in _phrases(items)
    ]
    return LangData(
        lang=lang,
        markers=frozenset(light_stem(w) for w in raw.get("markers", [])),
        title=_phrases(raw["title"]),
        approval=_phrases(raw["approval"]),
        acknowledgement=_phrases(raw["acknowledgement"]),
        sections=tuple(sections),
        lead_ins=tuple(lead_ins),
        classify={k: _phrases(v) for k, v in raw.get("classify", {}).items()},
        noise_words=frozenset(raw.get("noise_words", [])),
        function_words=frozenset(raw.get("function_words", [])),
        title_alone=_phrases(raw.get("title_alone", [])),
        self_reference=frozenset(raw.get("self_reference", [])),
        title_predicates=tuple(raw.get("title_predicates", [])),
        heading_modifiers=tuple(raw.get("heading_modifiers", [])),
    )


def find(phrase: Phrase, seq: list[str]) -> int:
    """Index of the first occurrence of ``phrase`` in the stem sequence ``seq``, or -1."""
    n = len(phrase)
    if n == 0:
        return -1
    first = phrase[0]
    # NOTE: list.index scans in C; this is called ~60 times per line (profiled).
    last = len(seq) - n
    # NOTE: most phrases are absent from a line; the membership test answers that in C
    # without list.index raising ValueError (an exception costs more than the scan).
    if last < 0 or first not in seq:
        return -1
    i = -1
    while True:
        try:
            i = seq.index(first, i + 1, last + 1)
        except ValueError:
            return -1
        if n == 1 or tuple(seq[i : i + n]) == phrase:
            return i


def any_phrase(phrases: tuple[Phrase, ...], seq: list[str]) -> bool:
    """True when any phrase occurs in the stem sequence."""
    return any(find(p, seq) >= 0 for p in phrases)
