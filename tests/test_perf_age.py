"""JD211's age requirement (``checklib.age.age_bounds``) looks for a literal every age pattern's
match holds before running the patterns (issue 19), and before that for substrings of the
lower-cased text every literal's match holds: it must answer what the patterns alone answered.
The old code is kept here and compared with the new on generated and edge texts; the comparison
is shown able to fail."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checklib import age as labour

_EVERY = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def _old_age(lang: str, text: str) -> tuple[int, int] | None:
    for pattern in labour.AGE.get(lang, []):
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v}
            if not groups:
                continue
            high = groups.get("hi") or groups.get("hi2")
            low = groups.get("lo") or groups.get("lo2")
            if high or (low and int(low) > labour.LAWFUL_MIN_AGE):
                return m.start(), m.end()
    return None


_PIECES = st.sampled_from([
    "Возраст", "ВОЗРАСТ", "возрасте", "возраст:", "-", "–", "от", "до", "лет", "года", "не",
    "старше", "Старше", "моложе", "МОЛОЖЕ", "более", "максимум", "25", "35", "18", "40", "45",
    "amžius", "AMŽIAUS", "Amžiaus", "nuo", "iki", "metų", "amžiaus", "ne", "vyresnis",
    "Vyresnis", "jaunesnis", "JAUNESNIS", "kaip", "nei", "–", ":", "водитель", "vairuotojas",
    "\n", ".", "возрасТ", "amŽius", "мᲂложе", "МОЛᲂЖЕ", "ᲀозраст", "ᲃтарше", "ſ", "İ", "ı",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=9), st.sampled_from([" ", "", "  "]),
       st.sampled_from(["ru", "lt", "en"]))
def test_age_is_the_old_search(pieces: list[str], sep: str, lang: str) -> None:
    text = sep.join(pieces)
    assert labour.age_bounds(lang, text) == _old_age(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Возраст - до 35 лет"), ("ru", "ВОЗРАСТ: 25–40 лет"), ("ru", "не старше 45"),
    ("ru", "моложе 30 лет"), ("ru", "старше 25 лет"), ("ru", "возраст не более 50"),
    ("lt", "nuo 25 iki 35 metų amžiaus"), ("lt", "AMŽIUS: iki 40"),
    ("lt", "ne vyresnis kaip 45"), ("lt", "jaunesnis nei 30"), ("lt", "amžius nuo 25"),
])
def test_age_edge_cases(lang: str, text: str) -> None:
    assert labour.age_bounds(lang, text) == _old_age(lang, text) is not None


def test_age_comparison_can_fail() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(labour.AGE_CUE, "ru", labour.re.compile("возраст"))
        text = "Возраст - до 35 лет"
        assert labour.age_bounds("ru", text) != _old_age("ru", text)


def test_age_hints_letters_fold_as_re_does() -> None:
    """Every letter of the hints matches, under ``re.I``, itself, its capital (which
    ``str.lower`` maps back to it) and characters the hints' "others" list (which send the
    text to the patterns): so a cue's match lower-cased holds a hint, or the text one of them."""
    for hints, others in labour.AGE_HINTS.values():
        for letter in set("".join(hints)):
            folds = set(re.findall("(?i)" + letter, _EVERY))
            assert {letter, letter.upper()} <= folds and letter.upper().lower() == letter
            assert all(c in others for c in folds - {letter, letter.upper()}), letter
    assert set(re.findall("(?i)о", _EVERY)) == {"о", "О", "ᲂ"}


def test_age_hints_can_fail() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(labour.AGE_HINTS, "ru", (("зр", "рше", "молож"), ""))
        assert labour.age_bounds("ru", "мᲂложе 30 лет") != _old_age("ru", "мᲂложе 30 лет")
