"""Clause markers: parse the number or list label at the start of a line ("2.3.", "III.",
"1)", "а)", "•") or given by Word auto-numbering, into a typed ``Marker``.

Typed numbers in real files are untidy ("1.ОБЩИЕ ПОЛОЖЕНИЯ", "1ОБЩИЕ ПОЛОЖЕНИЯ",
"1.4.12настоящей", "3.2.\t организовать"); the parser accepts them but refuses things that only
look like numbers (years "2019 г.", sums "80 000 руб.", dates "01.02.2020").
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any, Literal

from jdlint.core.records import record
from jdlint.core.text import roman_value
from jdlint.readers.blocks import plain_record, shadow_of, slot_setters

MarkerKind = Literal["decimal", "roman", "paren", "bullet"]

_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
_LAT_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# "2.3.", "2.3", "1.4.12настоящей", "1.ОБЩИЕ"; at most 5 levels, each ≤ 3 digits.
_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,4})(\.?)(?=(\s|\)?\s|[^\W\d_]|$|[….]))")
_ROMAN = re.compile(r"^([IVXLC]{1,6})(\.|\))(?=\s|[^\W\d_]|$)")
_PAREN = re.compile(r"^(\(?)(\d{1,3}|[а-яё]|[a-z])\)(?=\s)", re.IGNORECASE)
_BULLET = re.compile(r"^([-–—•·▪➢✓o*●■◦])(?=\s)")
_RUNS_ON = re.compile(r"\.?\d")
# NOTE: what a marker can start with besides a decimal digit ("\d" is ``str.isdecimal``) and a
# letter before ")": a Roman numeral's letter, "(", a bullet; "" for an empty text
_OPENERS = frozenset("IVXLC(-–—•·▪➢✓o*●■◦")


@record(slots=True)
class Marker:
    """A parsed label: ``label`` as written, ``numbers`` numeric components."""

    kind: MarkerKind
    label: str
    numbers: tuple[int, ...]
    rest: str
    glued: bool = False

    @property
    def path(self) -> str:
        """The label without trailing dot or bracket ("2.3", "III", "а")."""
        return self.label.rstrip(".)").lstrip("(")


# NOTE: a Marker per numbered line of every file: built slot by slot as ``readers.blocks``
# builds blocks (the object ``Marker(...)`` builds, without its frozen ``__init__``); the
# constructor itself if the fields ever differ from these
_FIELDS = (("kind", dataclasses.MISSING), ("label", dataclasses.MISSING),
           ("numbers", dataclasses.MISSING), ("rest", dataclasses.MISSING), ("glued", False))
FAST = plain_record(Marker, _FIELDS)
_new = object.__new__


def new_marker(kind: MarkerKind, label: str, numbers: tuple[int, ...], rest: str,
               glued: bool = False) -> Marker:
    """``Marker(kind, label, numbers, rest, glued)``."""
    if _SHADOW is not None:
        # NOTE: the plain class with Marker's slots, then given its class (``readers.blocks``)
        made = _SHADOW()
        made.kind = kind
        made.label = label
        made.numbers = numbers
        made.rest = rest
        made.glued = glued
        made.__class__ = Marker
        shadowed: Marker = made
        return shadowed
    if not FAST:  # pragma: no cover - only when Marker changes
        return Marker(kind, label, numbers, rest, glued)
    marker: Marker = _new(Marker)
    _set_kind(marker, kind)
    _set_label(marker, label)
    _set_numbers(marker, numbers)
    _set_rest(marker, rest)
    _set_glued(marker, glued)
    return marker


_SHADOW: Any = shadow_of(Marker) if FAST else None
if FAST:
    _set_kind, _set_label, _set_numbers, _set_rest, _set_glued = slot_setters(Marker, _FIELDS)


def letter_value(ch: str) -> int | None:
    """Position of a list letter ("а" → 1, "в" → 3, "c" → 3)."""
    low = ch.lower()
    if low in _RU_LETTERS:
        return _RU_LETTERS.index(low) + 1
    if low in _LAT_LETTERS:
        return _LAT_LETTERS.index(low) + 1
    return None


def parse_marker(text: str) -> Marker | None:
    """Parse a typed marker at the start of ``text`` (already normalised)."""
    first = text[:1]
    if not (first.isdecimal() or first in _OPENERS or text[1:2] == ")"):
        return None  # NOTE: none of the four patterns can match (most unnumbered lines)
    m = _DECIMAL.match(text)
    if m:
        digits, dot = m.group(1, 2)
        rest = text[m.end() :]
        if rest.startswith(")"):
            return _paren(text)
        glued = bool(rest) and not rest[0].isspace()
        if _RUNS_ON.match(rest):
            return None  # the number runs on: "05.01.2003", "1.2.3.4.5.6" are not labels
        # NOTE: what the label alone says is kept per label (issue 19: every line of a TXT
        # file is parsed, and a batch repeats its few hundred labels)
        numbers, single, quantity = _decimal_label(digits)
        if quantity or (single and _quantity_after(dot, rest, glued)):
            return None
        return new_marker("decimal", digits + dot, numbers, rest.strip(), glued)
    m = _ROMAN.match(text)
    if m:
        value = roman_value(m.group(1))
        if value is not None:
            rest = text[m.end() :]
            return new_marker("roman", m.group(1) + m.group(2), (value,), rest.strip(),
                              bool(rest) and not rest[0].isspace())
    paren = _paren(text)
    if paren is not None:
        return paren
    m = _BULLET.match(text)
    if m:
        return new_marker("bullet", m.group(1), (), text[m.end() :].strip())
    return None


def _paren(text: str) -> Marker | None:
    m = _PAREN.match(text)
    if not m:
        return None
    token = m.group(2)
    value = int(token) if token.isdigit() else letter_value(token)
    if value is None:
        return None
    return new_marker("paren", text[: m.end()], (value,), text[m.end() :].strip())


@lru_cache(maxsize=4096)
def _decimal_label(digits: str) -> tuple[tuple[int, ...], bool, bool]:
    """A typed decimal label's numbers, whether it has one part, and whether it is a quantity
    whatever follows it (``_looks_like_quantity``'s tests of the label alone)."""
    parts = digits.split(".")
    single = len(parts) == 1
    quantity = (single and int(parts[0]) > 199) or (len(parts) == 3 and len(parts[2]) == 4)
    return tuple([int(x) for x in parts]), single, quantity


def _quantity_after(dot: str, rest: str, glued: bool) -> bool:
    """``_looks_like_quantity``'s tests of what follows a one-part label (none are made for
    a longer one), once the label alone proved nothing."""
    first = rest[:1]
    if glued and first.isalpha() and first.islower():
        return True
    if not dot and first.isspace():
        following = rest.strip()[:1]
        return bool(following) and following.islower()
    return False


def _looks_like_quantity(digits: str, dot: str, rest: str, glued: bool) -> bool:
    """True for numbers that start a sentence but are not clause labels."""
    parts = digits.split(".")
    if len(parts) == 1 and int(parts[0]) > 199:
        return True  # years, sums: "2019 г.", "500 рублей"
    if len(parts) == 3 and len(parts[2]) == 4:
        return True  # a date "01.02.2020"
    if glued and rest[:1].isalpha() and rest[:1].islower() and len(parts) == 1:
        return True  # "5км", "3х" are not labels; "1.4.12настоящей" (multi-level) is
    if not dot and len(parts) == 1 and rest[:1].isspace():
        # "3 года опыта", "2 экземпляра": a bare number and a lower-case word is a quantity
        following = rest.strip()[:1]
        return bool(following) and following.islower()
    return False


def parse_auto(label: str, text: str) -> Marker | None:
    """Turn a Word auto-number label ("2.3.", "а)", "IV.", "•") into a Marker."""
    label = label.strip()
    if not label:
        return None
    m = _parse_label(label)
    if m is None:
        return new_marker("bullet", label, (), text)
    return new_marker(m.kind, m.label, m.numbers, text)


# NOTE: a document repeats a few dozen labels ("1.", "2.3.", "•") over hundreds of paragraphs;
# the parse depends on the label alone.
@lru_cache(maxsize=4096)
def _parse_label(label: str) -> Marker | None:
    return parse_marker(label + " x")
