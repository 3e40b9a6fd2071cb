"""Speed-ups of the reading and structure layer (issue 19) must give the same answers: each
rewritten computation is compared with the formula it replaced, on generated text mixing both
scripts, Polish and Lithuanian letters, punctuation and every kind of whitespace."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.structure import language

_PIECES = st.sampled_from([
    "ir", "IR", "Yra", "su", "darbuotojas", "pareigybės", "Įmonės", "vadovo", "(ir)", "su.",
    "irgi", "ąčęėįšųūž", "ĄŽ", "łódź", "Ść", "ó", "работник", "ЁЖ", "ё", "Іі", "abc", "Z",
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85", "\u3000", ".", ",", ";", ":",
    "(", ")", "-", "7", "İ", "ß", "ђ", "Ѓ", "є", "€", "«", "\u00c0", "\u00ff", "№",
])
TEXTS = st.lists(_PIECES, max_size=30).map("".join)

_OLD_CYR = re.compile("[а-яА-ЯёЁ]")
_OLD_LAT = re.compile("[A-Za-z]")
_OLD_LT = re.compile("[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]")
_OLD_NOT_LT = re.compile("[łżśćńźóŁŻŚĆŃŹÓ]")
_OLD_LT_WORD = re.compile(
    r"(?<!\S)[.,;:()]*(?:" + "|".join(sorted(language._LT_WORDS, key=len, reverse=True))
    + r")[.,;:()]*(?!\S)")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_letter_counts_are_the_old_regexes(text: str) -> None:
    assert language.cyrillic_letters(text) == len(_OLD_CYR.findall(text))
    assert language.latin_letters(text) == len(_OLD_LAT.findall(text))
    assert language.lithuanian_letters(text) == len(_OLD_LT.findall(text))
    assert language.polish_letters(text) == len(_OLD_NOT_LT.findall(text))


def test_letter_counts_over_every_character() -> None:
    # NOTE: each code point once, lone surrogates included (the encoder drops them too)
    text = "".join(chr(c) for c in range(sys.maxunicode + 1))
    assert language.cyrillic_letters(text) == len(_OLD_CYR.findall(text)) == 66
    assert language.latin_letters(text) == len(_OLD_LAT.findall(text)) == 52
    assert language.lithuanian_letters(text) == len(_OLD_LT.findall(text)) == 18
    assert language.polish_letters(text) == len(_OLD_NOT_LT.findall(text)) == 14


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_lithuanian_words_are_the_old_regex(text: str) -> None:
    assert language.lithuanian_words(text) == len(_OLD_LT_WORD.findall(text.lower()))


def test_split_whitespace_is_the_regex_whitespace() -> None:
    # NOTE: lithuanian_words splits with str.split(); the old regex used \S: the same set.
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert ch.isspace() == bool(space.match(ch)), hex(code)


def _old_detect(texts: list[str]) -> tuple[object, tuple[tuple[str, float], ...]]:
    """language.detect before issue 19: one regex count per letter class."""
    joined = "\n".join(texts)
    cyr = len(_OLD_CYR.findall(joined))
    lt_letters = len(_OLD_LT.findall(joined))
    lat = len(_OLD_LAT.findall(joined)) + lt_letters
    lt_words = len(_OLD_LT_WORD.findall(joined.lower()))
    foreign = len(_OLD_NOT_LT.findall(joined))
    letters = cyr + lat
    if letters < 20:
        return None, (("letters", float(letters)),)
    cyr_share = cyr / letters
    lt_share = lt_letters / max(lat, 1)
    scores = (("cyrillic", round(cyr_share, 3)), ("lithuanian_letters", round(lt_share, 4)),
              ("lithuanian_words", float(lt_words)))
    if cyr_share >= 1 - 0.35:
        return "ru", scores
    if cyr_share <= 0.35 and (lt_share >= 0.004 or lt_words >= 3) and (
        foreign * 2 < lt_letters or lt_words >= 3
    ):
        return "lt", scores
    return None, scores


@settings(max_examples=500, deadline=None)
@given(st.lists(TEXTS, max_size=4))
def test_detect_is_the_old_detect(texts: list[str]) -> None:
    assert language.detect(texts) == _old_detect(texts)
    assert language.detect(iter(texts)) == _old_detect(texts)  # the cached answer


def test_detect_reads_both_languages() -> None:
    ru = "Работник обязан выполнять поручения руководителя и соблюдать правила."
    lt = "Darbuotojas vykdo vadovo pavedimus ir laikosi įmonės taisyklių pagal tvarką."
    assert language.detect([ru])[0] == "ru"
    assert language.detect([lt])[0] == "lt"
    assert language.detect(["Pracownik wykonuje polecenia szefa i dba o ład w biurze."])[0] \
        is None
    assert language.detect([lt, lt]) == language.detect([lt + "\n" + lt])


_TAGS = ["{urn:w}pPr", "{urn:w}numPr", "{urn:w}rPr", "{urn:x}pPr", "pPr", "#comment", "#pi"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TAGS), max_size=8), st.sampled_from(_TAGS[:5]))
def test_first_child_is_lxml_find(children: list[str], wanted: str) -> None:
    from lxml import etree

    from jdlint.readers.wml import first_child

    root = etree.Element("{urn:w}p")
    for i, tag in enumerate(children):
        if tag == "#comment":
            root.append(etree.Comment(f"c{i}"))
        elif tag == "#pi":
            root.append(etree.ProcessingInstruction("pi", str(i)))
        else:
            etree.SubElement(root, tag).text = str(i)
            etree.SubElement(root[-1], wanted)  # a grandchild is never the answer
    found, expected = first_child(root, wanted), root.find(wanted)
    assert (found is None) == (expected is None)
    if found is not None:
        assert found is expected


def _old_label(state: object, num_id: str, ilvl: int) -> str | None:
    """NumberingState.label as it was before the restart levels were worked out per numId."""
    from jdlint.readers.numbering import MAX_LEVELS, NumberingState

    assert isinstance(state, NumberingState)
    if num_id in ("", "0"):
        return None
    ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
    lvl = state.numbering.level(num_id, ilvl)
    abstract = state.numbering.abstract_for(num_id)
    if lvl is None or abstract is None:
        return None
    counters = state._counters.setdefault(abstract.id, [None] * MAX_LEVELS)
    num = state.numbering.nums[num_id]
    if num_id not in state._seen:
        state._seen.add(num_id)
        for k, start in (num.start_overrides.items() if num.start_overrides else ()):
            if 0 <= k < MAX_LEVELS:
                counters[k] = start - 1 if k == ilvl else start if k < ilvl else None
    current = counters[ilvl]
    counters[ilvl] = lvl.start if current is None else current + 1
    for deeper in range(ilvl + 1, MAX_LEVELS):
        deeper_lvl = state.numbering.level(num_id, deeper)
        restart = deeper if deeper_lvl is None else deeper_lvl.restart
        restart = deeper if restart is None else restart
        if ilvl < restart:
            counters[deeper] = None
    return state._render(num_id, lvl, counters)


_LEVEL = st.tuples(st.integers(0, 8), st.sampled_from([None, 0, 1, 2, 3, 9]),
                   st.sampled_from(["decimal", "lowerLetter", "upperRoman"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LEVEL, max_size=9), st.dictionaries(st.integers(0, 3), st.integers(1, 5),
                                                       max_size=2),
       st.lists(st.tuples(st.sampled_from(["1", "2", "7"]), st.integers(-1, 9)), max_size=40))
def test_label_restarts_are_the_old_loop(levels: list[tuple[int, int | None, str]],
                                         overrides: dict[int, int],
                                         paragraphs: list[tuple[str, int]]) -> None:
    from jdlint.readers.numbering import AbstractNum, Level, Num, Numbering, NumberingState

    abstract = AbstractNum(id="0")
    for ilvl, restart, fmt in levels:
        text = ".".join(f"%{k + 1}" for k in range(ilvl + 1)) + "."
        abstract.levels.setdefault(ilvl, Level(ilvl=ilvl, fmt=fmt, text=text, restart=restart))
    numbering = Numbering([abstract], [Num(id="1", abstract_id="0"),
                                       Num(id="2", abstract_id="0", start_overrides=overrides)])
    new, old = NumberingState(numbering), NumberingState(numbering)
    for num_id, ilvl in paragraphs:
        assert new.label(num_id, ilvl) == _old_label(old, num_id, ilvl)
        assert new._counters == old._counters


_LEGACY_TEXTS = st.lists(st.sampled_from([
    "Работник", "обязан", "ДОЛЖНОСТЬ", "Šias", "pareigas", "Įmonės", "ąčęėįšųūž", "ёЁ", "…", "•",
    "«", "»", "№", "§", " ", "\n", "1.", "abc", "Z", "ł", "ó",
]), min_size=1, max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LEGACY_TEXTS, st.sampled_from(["cp1251", "cp1257", "koi8_r", "iso8859_13", "cp866"]),
       st.binary(max_size=6))
def test_legacy_choice_is_the_full_scoring(text: str, codec: str, noise: bytes) -> None:
    from jdlint.readers import txt

    sample = text.encode(codec, errors="replace") + noise
    scores = {c: txt._legacy_score(sample, c) for c in txt.LEGACY_CANDIDATES}
    best = max(scores.values())
    first = next(c for c in txt.LEGACY_CANDIDATES if scores[c] == best)
    assert txt.best_legacy(sample) == (first, best)


def test_damaged_utf8_counts_the_non_ascii_characters() -> None:
    from jdlint.readers import txt

    good = ("Работник обязан " * 3).encode()
    damaged = good + b"\xff" + good
    exc = None
    try:
        damaged.decode("utf-8")
    except UnicodeDecodeError as error:
        exc = error
    assert exc is not None
    reason = txt._damaged_utf8(damaged, exc)
    assert reason is not None and "invalid UTF-8 at byte" in str(reason)
    few = b"abc \xd0\xb1 " * 3 + b"\xff"  # three good multi-byte letters: not UTF-8 at all
    try:
        few.decode("utf-8")
    except UnicodeDecodeError as error:
        assert txt._damaged_utf8(few, error) is None


def _old_parse_level(el: object) -> object:
    """numbering.parse_level before issue 19: one find() per property."""
    from jdlint.readers.numbering import MAX_LEVELS, Level, _int
    from jdlint.readers.wml import _VAL, _W

    def val(tag: str) -> str | None:
        found = el.find(_W + tag)  # type: ignore[attr-defined]
        return None if found is None else found.get(_VAL)

    restart = val("lvlRestart")
    lgl = el.find(_W + "isLgl")  # type: ignore[attr-defined]
    return Level(
        ilvl=min(max(_int(el.get(_W + "ilvl"), 0), 0), MAX_LEVELS - 1),  # type: ignore[attr-defined]
        start=_int(val("start"), 1), fmt=val("numFmt") or "decimal", text=val("lvlText"),
        restart=None if restart is None else _int(restart, 0),
        is_lgl=lgl is not None and lgl.get(_VAL, "true") not in ("0", "false", "off"),
        pstyle=val("pStyle"))


_LVL_CHILD = st.tuples(
    st.sampled_from(["start", "numFmt", "lvlText", "lvlRestart", "isLgl", "pStyle", "suff",
                     "#comment"]),
    st.sampled_from([None, "0", "1", "3", "off", "true", "x", "%1.", "lowerLetter", "-2"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LVL_CHILD, max_size=10), st.sampled_from([None, "0", "4", "12", "x"]))
def test_parse_level_is_the_old_lookups(children: list[tuple[str, str | None]],
                                        ilvl: str | None) -> None:
    from lxml import etree

    from jdlint.readers.numbering import parse_level
    from jdlint.readers.wml import _VAL, _W

    el = etree.Element(_W + "lvl")
    if ilvl is not None:
        el.set(_W + "ilvl", ilvl)
    for tag, value in children:
        if tag == "#comment":
            el.append(etree.Comment("c"))
            continue
        child = etree.SubElement(el, _W + tag)
        if value is not None:
            child.set(_VAL, value)
    assert parse_level(el) == _old_parse_level(el)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_legacy_score_with_a_shared_histogram(sample: bytes) -> None:
    from jdlint.readers import txt

    histogram = txt._histogram(sample)
    for codec in txt.LEGACY_CANDIDATES:
        assert txt._legacy_score(sample, codec, histogram=histogram) == txt._legacy_score(
            sample, codec)


def _old_follows(prev: tuple[int, ...] | None, cur: tuple[int, ...]) -> bool:
    if not cur:
        return False
    if prev is None or not prev:
        return all(n == 1 for n in cur[1:]) and cur[0] <= 1
    if cur == (*prev, 1):
        return True
    return any(cur[: k + 1] == (*prev[:k], prev[k] + 1) and all(n == 1 for n in cur[k + 1:])
               for k in range(len(prev)))


_NUMBERS = st.lists(st.integers(0, 4), max_size=5).map(tuple)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.none(), _NUMBERS), _NUMBERS)
def test_follows_is_the_old_any(prev: tuple[int, ...] | None, cur: tuple[int, ...]) -> None:
    from jdlint.structure.falsenum import follows

    assert follows(prev, cur) == _old_follows(prev, cur)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["1.", "2.3.", "IV.", "а)", "(b)", "•", "-", "12", "0.1", "x", " 5. "]),
       st.sampled_from(["", "Текст", "x"]))
def test_parse_auto_cached_is_the_parse(label: str, text: str) -> None:
    from jdlint.structure.markers import Marker, parse_auto, parse_marker

    stripped = label.strip()
    fresh = parse_marker(stripped + " x") if stripped else None
    expected = None if not stripped else (
        Marker("bullet", stripped, (), text) if fresh is None
        else Marker(fresh.kind, fresh.label, fresh.numbers, text))
    assert parse_auto(label, text) == expected
    assert parse_auto(label, text) == expected  # from the cache
