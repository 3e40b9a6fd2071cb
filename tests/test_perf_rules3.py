"""Speed-ups of the mid-cost rules, third round (issue 19), must give the same answers.

The code before each rewrite is kept here and compared with the new one on generated and edge
inputs: JD105's literal prefilter (a clause holding none of the reference keyword's literals
is not scanned) against scanning every clause.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.checks import structure

_JD105 = load_catalogue()["JD105"].data

# NOTE: the keywords in several cases, the numbers they take, the law words that cancel a
# reference, and the old Cyrillic letter forms re's ignore-case matches with "т", "о", "с".
_REF_PIECES = ("п.", "П.", "пп.", "ПП.", "п. п.", "пункт", "Пункта", "ПУНКТЕ", "подпункт",
               "раздел", "РАЗДЕЛА", "см. ", "пунк\u1c84", "\u1c82", "ст.", "ТК РФ", "закона",
               "punkt", "PUNKTE", "papunkčio", "skyriuje", "Skyrius", "DK", "3", "2.1", "4.",
               "IV", "ir", "и", "-", ", ", " ", "\n", ".", "т.п.")
_REF_TEXTS = st.lists(st.sampled_from(_REF_PIECES), max_size=10).map("".join)


def _old_references(texts: list[str], lang: str) -> list[list[tuple[str, str, list[str]]]]:
    """Before: every clause scanned."""
    patterns = structure._reference_patterns(lang, _JD105)
    return [list(structure._references(text, patterns)) for text in texts]


def _new_references(texts: list[str], lang: str) -> list[list[tuple[str, str, list[str]]]]:
    """Now: only the clauses ``live_per_block`` keeps (as ``dangling_reference`` does)."""
    patterns = structure._reference_patterns(lang, _JD105)
    lives = live_per_block((patterns[0],), texts)
    return [list(structure._references(text, patterns)) if live else []
            for text, live in zip(texts, lives, strict=True)]


@settings(max_examples=500, deadline=None)
@given(st.lists(_REF_TEXTS, max_size=6), st.sampled_from(("ru", "lt")))
@example(["См. п. 3.2 и раздел 4", "согласно пункту 7"], "ru")
@example(["пунк\u1c84 5", "ПУНКТ 2.1"], "ru")
@example(["žr. 3.1 punktą", "2 SKYRIUJE"], "lt")
def test_jd105_prefilter_keeps_every_reference(texts: list[str], lang: str) -> None:
    assert _new_references(texts, lang) == _old_references(texts, lang)


def test_jd105_prefilter_finds_and_skips() -> None:
    texts = ["см. п. 9.9", "Ведёт учёт товара.", "согласно разделу 8"]
    found = _new_references(texts, "ru")
    assert found[0] and found[2] and not found[1]
