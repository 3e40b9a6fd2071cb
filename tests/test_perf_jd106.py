"""Speed-ups of JD106 (issue 19) must give the same answers as the code they replaced.

The code before each rewrite is kept here and compared with the new one on generated and edge
inputs: the per-document literal prefilter against ``Prefilter.live`` block by block (and its
ALIEN characters against ``literals.ALIEN`` over all of Unicode), the last word of a text
found by a windowed search against the walk back from its end, the cheap exits of the dot
tests (``_dots_only``, ``_trailing_dots``) against the plain regex work, the mark gate against
``_MARK`` itself, and ``unfinished`` against its body before the rewrite.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import rules_dir
from jdlint.checklib import placeholder_gaps as gaps
from jdlint.checklib import placeholder_scan
from jdlint.checks import placeholders
from jdlint.core import literals

_DATA = yaml.safe_load((rules_dir() / "JD106.yaml").read_text(encoding="utf-8"))["data"]

# NOTE: pieces that hit the patterns' literals (weak and strong), the ALIEN letters, case
# partners, and plain words: generated blocks join a few of them.
_PIECES = ("(", ")", "[", "]", "20", "19", "__", "ао", "ИП", "ООО «", "»", "ф.", "Ф. И. О.",
           "фамилия", "Иванов", "ХХХ", "xXx", "наименование", "Должность", "указать", "UAB",
           "pavardė", "Vardas", "teisės", "vadovo", "\u0130", "\u0131", "\u017f", "\u1c80",
           "работа", "склад", " ", "\n", ".", "…", "-", "\u00a0")
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


def _old_live(regexes: tuple[re.Pattern[str], ...], texts: list[str]) -> list[list[int]]:
    """Before: one ``Prefilter.live`` per block."""
    live = literals.prefilter(regexes).live
    return [live(text) for text in texts]


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXTS, max_size=8), st.sampled_from(("ru", "lt")))
@example(["(фамилия, инициалы)", "ООО «ХХХ»"], "ru")
@example(["abc", "\u0130stanbul 20__ г."], "ru")
@example(["", "ф", ".", "ф."], "ru")
def test_live_per_block_is_prefilter_live(texts: list[str], lang: str) -> None:
    regexes = tuple(p.regex for p in placeholders._patterns(_DATA, lang))
    assert placeholder_scan.live_per_block(regexes, texts) == _old_live(regexes, texts)


def test_live_per_block_keeps_a_literal_split_by_the_join() -> None:
    # the separator may make a literal of the joined text that no block holds: still exact
    regexes = (re.compile("a\nb"), re.compile("zz"))
    assert placeholder_scan.live_per_block(regexes, ["a", "b"]) == [[], []]
    assert placeholder_scan.live_per_block(regexes, ["xa\nby"]) == [[0]]


_WORD_CHAR = re.compile(r"[\w-]")
_WORD = re.compile(r"[\w-]+$")


def _old_last_word(text: str) -> re.Match[str] | None:
    """Before: walk back from the end one character at a time."""
    end = len(text) - 1 if text.endswith("\n") else len(text)
    start = end
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    if start == end:
        return None
    return _WORD.match(text, start)


_WORDY = st.lists(st.sampled_from(("a", "ж", "-", "_", "1", " ", ".", "\n", "(", "ё" * 70,
                                   "x" * 63, "\u00a0")), max_size=20).map("".join)


@settings(max_examples=600, deadline=None)
@given(_WORDY)
@example("")
@example("\n")
@example("слово\n")
@example("a" * 64)
@example(" " + "a" * 64)
@example("b" * 200 + "\n")
@example("a\n\n")
def test_last_word_is_the_walk_back(text: str) -> None:
    new, old = gaps._last_word(text), _old_last_word(text)
    assert (new.span() if new else None) == (old.span() if old else None)


_ENCLOSED = re.compile(r"\([^()]*\)|/[^/]*/")
_DOTS = re.compile(r"(?:\.|…){2,}|…")


def _old_dots_only(text: str) -> str | None:
    rest = _ENCLOSED.sub(" ", text)
    found = _DOTS.search(rest)
    if found is None:
        return None
    if rest.replace(found.group(0), "", 1).strip(" .…;:,-–—"):
        return None
    return found.group(0)


def _old_trailing_dots(text: str) -> str | None:
    found = re.search(r"(?:\.|…)+\s*$", text)
    if found is None:
        return None
    run = found.group(0).strip()
    if sum(3 if ch == "…" else 1 for ch in run) < 4:
        return None
    return run


_DOTTY = st.lists(st.sampled_from((".", "…", " ", "(", ")", "/", "a", "должн", ";", "\n",
                                   "\u00a0", "—")), max_size=14).map("".join)


@settings(max_examples=800, deadline=None)
@given(_DOTTY)
@example("должностной….")
@example("….")
@example("…")
@example(". . . .")
@example("(.).")
@example("a.(x).")
@example("3.6. ……… (другие обязанности)")
@example("....\n")
def test_dot_tests_answer_as_before(text: str) -> None:
    assert placeholders._dots_only(text) == _old_dots_only(text)
    assert placeholders._trailing_dots(text) == _old_trailing_dots(text)


_MARKY = st.lists(st.sampled_from(("_", "__", ".", " ", "\n", "\t", "\u00a0", "\u2009", "\u3000",
                                   "\x1c", "\x85", "\u2028", "a", "ж", ",")), max_size=12
                  ).map("".join)


@settings(max_examples=800, deadline=None)
@given(_MARKY)
@example("a\u00a0.")
@example("a\u2028.")
@example("a _.")
@example("a__")
def test_mark_gate_never_hides_a_mark(text: str) -> None:
    assert gaps._may_mark(text) or gaps._MARK.search(text) is None


def test_re_blank_is_str_isspace() -> None:
    # _may_mark tests the character before a dot with str.isspace in place of the regex's \s
    blanks = [chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))]
    assert blanks == [chr(c) for c in range(0x110000) if chr(c).isspace()]


_PHRASES = yaml.safe_load((rules_dir() / "JD106.yaml").read_text(encoding="utf-8"))["phrases"]


def _old_unfinished(unit: gaps.Unit, lang: str, follows: str | None) -> gaps.Gap | None:
    """Before: every stop sorted, the word lists looked up per unit, exits in this order."""
    dangling = gaps._words(_PHRASES, "dangling", lang)
    governors = gaps._words(_PHRASES, "governors", lang)
    weak = gaps._words(_PHRASES, "weak", lang)
    text = unit.text
    stops = [(m.start(), True) for m in gaps._MARK.finditer(text)]
    stops.extend((b, False) for b in unit.breaks)
    stops.append((len(text.rstrip(" .,;:…")), False))
    end_at = len(text.rstrip(" .,;:…_"))
    for stop, marked in sorted(stops):
        low = max(0, stop - 256)
        before = text[low:stop].rstrip(" ,;:")
        found = _old_last_word(before)
        if found is None:
            continue
        w_start, w_end = low + found.start(), low + found.end()
        if w_start > 0 and text[w_start - 1] in "./":
            continue
        if text[w_end:w_end + 256].lstrip().startswith(":"):
            continue
        lemma = found.group(0).casefold()
        if not (lemma in dangling or lemma in governors or (marked and lemma in weak)):
            continue
        if gaps._DATE_FIELD.search(before[-12:]):
            continue
        at_end = stop >= end_at
        if not marked and not at_end and stop not in unit.breaks:
            continue
        if at_end and not marked and not unit.clause and lemma in dangling \
                and follows is not None and follows[:1].islower():
            continue
        if at_end and follows is not None and follows[:1].islower() and not marked:
            continue
        start = gaps._sentence_start(text, w_start)
        if len(text[start:w_end].split()) < 2:
            continue
        block, piece = unit.piece(start, w_end, w_start)
        return gaps.Gap(block, piece, "unfinished", text[start:w_end].strip())
    return None


_SENTENCE = st.lists(st.sampled_from((
    "Работник", "подчиняется", "непосредственно", "приказом", "в", "с", "соответствии",
    "Ф.И.О.", "контроль за:", "____", " .", ".", ",", "…", "\u00a0.", "12.05.2020",
    "pavaldus", "teikimu", "ir", "Darbuotojas", "2.1.", "№ __", "ёлка-палка", "\t")),
    min_size=1, max_size=10).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=3), st.booleans(), st.booleans(),
       st.sampled_from(("ru", "lt")), st.sampled_from((None, "и далее", "Далее")))
@example(["Работник подчиняется непосредственно"], True, False, "ru", None)
@example(["Назначается приказом ____ директора"], False, True, "ru", "и")
@example(["Darbuotojas yra tiesiogiai pavaldus", "Direktoriui"], True, False, "lt", None)
def test_unfinished_answers_as_before(parts: list[str], clause: bool, breaks: bool,
                                      lang: str, follows: str | None) -> None:
    starts, offset = [], 0
    for n, part in enumerate(parts):
        starts.append((offset, n))
        offset += len(part) + 1
    cuts = tuple(s - 1 for s, _ in starts[1:]) if breaks else ()
    unit = gaps.Unit(" ".join(parts), tuple(starts), clause, clause, cuts)
    lists = gaps.word_lists(_PHRASES, lang)
    assert gaps.unfinished(unit, _PHRASES, lang, follows, lists) == \
        _old_unfinished(unit, lang, follows)


def test_alien_chars_are_what_alien_matches() -> None:
    matched = [chr(c) for c in range(0x110000) if literals.ALIEN.match(chr(c))]
    assert tuple(matched) == placeholder_scan.ALIEN_CHARS
