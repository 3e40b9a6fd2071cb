"""``jdlint.core.text.roman_value``: the one Roman-numeral parser of the package."""

from __future__ import annotations

import pytest

from jdlint.core.text import roman_value


@pytest.mark.parametrize(("text", "value"), [
    ("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40), ("XC", 90), ("C", 100),
    ("VII.", 7), (" III ", 3),
])
def test_numerals(text: str, value: int) -> None:
    assert roman_value(text) == value


@pytest.mark.parametrize("text", ["", ".", "A", "IIV2", "1", "М", "D"])
def test_not_numerals(text: str) -> None:
    assert roman_value(text) is None


def test_lower_case_only_when_asked() -> None:
    # NOTE: "c)" and "v)" are list letters far more often than numerals
    assert roman_value("iv") is None
    assert roman_value("c") is None
    assert roman_value("iv", any_case=True) == 4
    assert roman_value("Xii", any_case=True) == 12
