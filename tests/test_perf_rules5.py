"""Speed-ups of the mid-cost rules, fourth round (issue 19), second part: same answers.

The code before each rewrite is kept here (or in ``tests/legacy_numbering*.py``) and compared
with the new one on generated and edge inputs:

* JD104: the judge's fast paths, section numbers read per number, labels worded only for a
  finding, the first top-level number found without listing them all, against
  ``tests/legacy_numbering.py``;
* JD203: the multiple of average earnings searched only in texts holding a hint, against the
  search of every text;
* phrase rules: the negation and quotation tests of a match kept per sentence, against running
  them; ``_ByLang.get`` against ``Mapping.get``; a scope's blocks in one comprehension.
"""

from __future__ import annotations

import re
from dataclasses import replace

import legacy_numbering
import legacy_numbering_model
import pytest
from helpers import make_raw
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.checklib import matching, numbering_model, phrase_context
from jdlint.checks import labour
from jdlint.core.model import Clause, Document, Section, SectionKind
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules
from jdlint.nlp.doctext import sharing

RULES = load_rules()


def _findings(code: str, doc: Document, check: object = None) -> list[tuple[object, ...]]:
    rule = RULES[code] if check is None else replace(RULES[code], check=check)
    return [(f.code, f.source, f.message, f.severity, f.data) for f in lint([doc], [rule])]


# --- JD104: numbering -----------------------------------------------------------------------------

_NUMBERS = st.lists(st.integers(0, 4), min_size=1, max_size=3).map(tuple)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=3).map(tuple), _NUMBERS, st.integers(0, 2))
@example((2, 3), (2, 4), 1)
@example((2,), (2, 1), 1)
@example((2,), (3,), 1)
@example((), (1,), 0)
def test_jd104_judge_is_the_old(prev: tuple[int, ...], n: tuple[int, ...], floor: int) -> None:
    assert numbering_model.judge(prev, n, floor) == legacy_numbering_model.judge(prev, n, floor)


@given(st.one_of(st.none(), st.sampled_from(("1", "2.", " 3 ", "IV", "IV.", "x", "", "12", "I"))))
def test_jd104_section_value_is_the_old(number: str | None) -> None:
    section = Section(SectionKind.DUTIES, "", number, (), range(0))
    for _ in range(2):
        old = legacy_numbering_model.section_value(section)
        assert numbering_model.section_value(section) == old


_LABELS = st.sampled_from(("dec", "dec", "dec", "bare", "letter", "bullet"))
_SECTION = st.tuples(st.sampled_from((None, "1", "2", "3", "4", "II", "IV")),
                     st.booleans(),
                     st.lists(st.tuples(_NUMBERS, _LABELS), max_size=6))


def _numbered_doc(sections: list[tuple[str | None, bool, list[tuple[tuple[int, ...], str]]]]
                  ) -> Document:
    """A document of numbered sections and clauses, built as the structure layer would."""
    lines: list[str] = []
    built: list[Section] = []
    for number, titled, clauses in sections:
        start = len(lines)
        heading = "Должностные обязанности" if titled else ""
        if titled:
            lines.append(f"{number + '. ' if number else ''}{heading}")
        made = []
        for numbers, kind in clauses:
            shown = ".".join(map(str, numbers))
            label = {"dec": f"{shown}.", "bare": shown, "letter": "а)", "bullet": "•"}[kind]
            made.append(Clause(label, f"п{shown}", () if kind == "bullet" else numbers, "Текст",
                               (len(lines),), len(numbers) - 1))
            lines.append(f"{label} Текст")
        built.append(Section(SectionKind.DUTIES, heading, number, tuple(made),
                             range(start, len(lines)), start if titled else None))
    raw = make_raw(lines or [""])
    return Document(raw=raw, span=range(len(raw.blocks)), language="ru", title=None,
                    position=None, sections=tuple(built), index=0, count=1,
                    classification="instruction", language_scores=(), noise=frozenset())


@settings(max_examples=400, deadline=None)
@given(st.lists(_SECTION, max_size=5))
@example([("1", True, [((1, 1), "dec"), ((1, 2), "dec")]), ("2", True, [((2, 1), "dec")])])
@example([("1", True, [((1, 1), "dec"), ((1, 3), "dec")]), ("3", True, [((1,), "dec")])])
@example([("I", True, [((1,), "dec"), ((2,), "dec")]), ("II", True, [((3,), "dec")])])
@example([(None, False, [((2,), "dec"), ((3,), "dec")]), ("4", True, [((4, 1), "dec")])])
@example([("1", True, [((1, 1), "dec"), ((2,), "bare")]), (None, False, [((2, 1), "dec")]),
          ("3", True, [((3, 1), "dec")])])
def test_jd104_same_findings(sections: list[tuple[str | None, bool,
                                                  list[tuple[tuple[int, ...], str]]]]) -> None:
    doc = _numbered_doc(sections)
    new = _findings("JD104", doc)
    assert new == _findings("JD104", doc, legacy_numbering.numbering_defect)
    assert all(f[0] == "JD104" for f in new)  # NOTE: no rule error (JD000) on either side


def test_jd104_finds() -> None:
    doc = _numbered_doc([("1", True, [((1, 1), "dec"), ((1, 3), "dec")]),
                         ("3", True, [((3, 1), "dec")])])
    kinds = [f[4]["kind"] for f in _findings("JD104", doc)]
    assert "gap" in kinds and "section_gap" in kinds


# --- JD203: multiples of average earnings --------------------------------------------------------

_EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def _old_multiple(lang: str, text: str) -> tuple[int, int, int] | None:
    m = labour._MULTIPLE[lang].search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    n = int(word) if word.isdigit() else labour._NUM_WORDS[lang].get(word)
    return (n, m.start(), m.end()) if n else None


def test_jd203_hint_letters_fold_as_re_does() -> None:
    for hints in labour._MULTIPLE_HINTS.values():
        for letter in set("".join(hints)):
            assert set(re.findall("(?i)" + letter, _EVERY)) == {letter, letter.upper()}, letter
            assert letter.upper().lower() == letter


_MULTIPLE_PIECES = st.sampled_from((
    "в", "размере", "трех", "ТРЁХ", "3", "3-кратного", "средних", "СРЕДНЕГО", "месячных",
    "заработков", "ЗАРАБОТКА", "зарплат", "Зарплаты", " ", "-", "\n", "trijų", "TRIJŲ",
    "vidutinių", "VIDUTINIŲ", "mėnesio", "darbo", "užmokesčių", "UŽMOKESČIŲ", "atlyginimų",
    "Atlyginimo", "jo", "šešių", "ſ", "İ"))


@settings(max_examples=600, deadline=None)
@given(st.lists(_MULTIPLE_PIECES, max_size=8), st.sampled_from((" ", "")),
       st.sampled_from(("ru", "lt")))
@example(["трех", "средних", "месячных", "заработков"], " ", "ru")
@example(["trijų", "vidutinių", "mėnesio", "atlyginimų"], " ", "lt")
def test_jd203_multiple_is_the_old(pieces: list[str], sep: str, lang: str) -> None:
    text = sep.join(pieces)
    assert labour._multiple(lang, text) == _old_multiple(lang, text)


def test_jd203_multiple_found() -> None:
    assert labour._multiple("ru", "в размере трех средних месячных заработков") is not None
    assert labour._multiple("lt", "šešių vidutinių darbo užmokesčių") is not None
    assert labour._multiple("ru", "в размере среднего заработка") is None


# --- phrase rules: negation and quotation of a match, kept per sentence --------------------------


def _old_excused(sentence: str, start: int, end: int, lang: str, extra: tuple[str, ...],
                 negation: bool, quotation: bool) -> bool:
    if negation and (phrase_context.negated(sentence, start, lang, extra)
                     or phrase_context.negated_after(sentence, end, lang)):
        return True
    return quotation and phrase_context.quoted_law(sentence, start, end)


_SENTENCE_PIECES = st.sampled_from((
    "работодатель", "не", "вправе", "применять", "штрафы", "штрафов", "запрещается", "«",
    "»", "ст.", "192", "ТК", "РФ", "не применяются", "ни", "иные", "поручения", "draudžiama",
    "baudos", "netaikomos", "\"", ",", " "))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE_PIECES, min_size=1, max_size=10).map(" ".join), st.data(),
       st.sampled_from(("ru", "lt")), st.sampled_from(((), ("без согласия",))),
       st.booleans(), st.booleans())
@example("Работодатель не вправе применять штрафы", None, "ru", (), True, True)
@example("«штрафы, ст. 192 ТК РФ»", None, "ru", (), False, True)
def test_excused_kept_is_the_old(sentence: str, data: st.DataObject | None, lang: str,
                                 extra: tuple[str, ...], negation: bool,
                                 quotation: bool) -> None:
    start = sentence.find("штраф") if data is None else \
        data.draw(st.integers(0, len(sentence) - 1))
    start = max(start, 0)
    end = start + (5 if data is None else data.draw(st.integers(1, len(sentence) - start)))
    kept: dict[tuple[object, ...], bool] = {}
    with sharing():
        for _ in range(2):  # NOTE: the second answer is the kept one
            assert phrase_context.excused(sentence, start, end, lang, extra, negation,
                                          quotation, kept) == \
                _old_excused(sentence, start, end, lang, extra, negation, quotation)
    assert len(kept) == 1


def test_excused_answers_and_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrase_context, "EXCUSED_SIZE", 3)
    kept: dict[tuple[object, ...], bool] = {}
    sentence = "Работодатель не вправе применять штрафы"
    at = sentence.find("штраф")
    assert phrase_context.excused(sentence, at, at + 6, "ru", (), kept=kept)
    assert not phrase_context.excused(sentence, at, at + 6, "ru", (), negation=False, kept=kept)
    assert not phrase_context.excused("Применять штрафы", 10, 16, "ru", (), kept=kept)
    assert phrase_context.excused(sentence, at, at + 6, "ru", ())  # NOTE: nothing kept
    for n in range(5):
        phrase_context.excused(f"Применять штрафы {n}", 10, 16, "ru", (), kept=kept)
    phrase_context.excused("штрафы " * 100, 0, 6, "ru", (), kept=kept)
    assert len(kept) <= 3 and all(len(key[0]) <= 400 for key in kept)  # type: ignore[arg-type]


def test_bylang_get_is_mapping_get() -> None:
    spec = matching._ByLang({"ru": ["штраф"]})
    assert spec.get("lt") is None and spec.get("lt", 1) == 1
    ru = spec.get("ru")
    assert ru is spec["ru"] and ru is not None and ru.find("штрафы")


def _old_blocks_in_scope(doc: Document, scope: tuple[SectionKind, ...]) -> list[int]:
    skip: set[int] = set(doc.noise)
    for span in (doc.approval, doc.acknowledgement):
        if span is not None:
            skip.update(span)
    if scope:
        wanted = [i for s in doc.sections if s.kind in scope for i in s.blocks]
    else:
        wanted = list(doc.span)
    n = len(doc.raw.blocks)
    return [i for i in wanted if i < n and i not in skip]


@settings(max_examples=200, deadline=None)
@given(st.lists(_SECTION, max_size=4), st.sets(st.integers(0, 12), max_size=3),
       st.sampled_from(((), (SectionKind.DUTIES,), (SectionKind.RIGHTS, SectionKind.DUTIES))),
       st.one_of(st.none(), st.builds(range, st.integers(0, 5), st.integers(0, 8))))
def test_blocks_in_scope_are_the_old(sections: list[tuple[str | None, bool,
                                                          list[tuple[tuple[int, ...], str]]]],
                                     noise: set[int], scope: tuple[SectionKind, ...],
                                     approval: range | None) -> None:
    doc = replace(_numbered_doc(sections), noise=frozenset(noise), approval=approval,
                  span=range(0, 9))
    assert matching._blocks_in_scope(doc, scope) == _old_blocks_in_scope(doc, scope)
