"""Education levels and work experience, read from a standard's requirements and from an
instruction's qualification clause, on one scale so JD402 can compare them.

Owns the ordering of Russian education levels (ФЗ «Об образовании» ст. 10, 12: общее <
профессиональное обучение < СПО квалифицированных рабочих < СПО специалистов среднего звена <
бакалавриат < специалитет, магистратура < подготовка кадров высшей квалификации) and the
reading of "не менее трех лет" / "от 1 года" / "без требований к стажу" as months. A standard's
education list is a set of alternatives separated by "или" (an item of its own or inside an
item); additional professional education (ДПО) never lowers or raises the level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from jdlint.core.records import record

__all__ = ["EDUCATION_NAMES", "Experience", "education_range", "experience_months",
           "required_education", "required_experience"]

# NOTE: patterns tried in order on case-folded text; the first rank that matches a span wins
# and the span is blanked, so "высшее" does not also match inside "среднее профессиональное".
_LEVELS: Final[tuple[tuple[re.Pattern[str], tuple[int, int]], ...]] = tuple(
    (re.compile(p), r) for p, r in (
        (r"подготовк\w* кадров высшей квалификации|аспирантур\w*|адъюнктур\w*", (7, 7)),
        (r"высш\w*(?:\s+\w+){0,3}?\s*[-–—(:,]?\s*(?:\w+\s+)?(?:магистратур\w*|специалитет\w*)"
         r"|магистратур\w*|специалитет\w*", (6, 6)),
        (r"высш\w*(?:\s+\w+){0,3}?\s*[-–—(:,]?\s*бакалавриат\w*|бакалавриат\w*|бакалавр\w*",
         (5, 5)),
        (r"высш\w+(?:\s+профессиональн\w+)?\s+образовани\w*", (5, 6)),
        (r"средн\w+ профессиональн\w+ образовани\w*(?:\s+\w+){0,3}?\s*[-–—(:,]?\s*(?:\w+\s+)?"
         r"программ\w* подготовки специалистов среднего звена|специалистов среднего звена",
         (4, 4)),
        (r"средн\w+ профессиональн\w+ образовани\w*(?:\s+\w+){0,3}?\s*[-–—(:,]?\s*(?:\w+\s+)?"
         r"программ\w* подготовки квалифицированных рабочих|квалифицированных рабочих",
         (3, 3)),
        (r"(?:средн|начальн)\w+ профессиональн\w+ (?:\([^)]*\)\s*)?образовани\w*",
         (3, 4)),
        (r"профессиональн\w+ обучени\w*", (2, 2)),
        (r"(?:средн\w+|полн\w+|основн\w+) общ\w+ образовани\w*|общ\w+ образовани\w*", (1, 1)),
    ))
_ADDITIONAL: Final = re.compile(r"дополнительн\w+ профессиональн\w+ образовани\w*[^;]*")
EDUCATION_NAMES: Final = {
    1: "общее образование", 2: "профессиональное обучение",
    3: "СПО (квалифицированные рабочие)", 4: "СПО (специалисты среднего звена)",
    5: "высшее образование — бакалавриат", 6: "высшее образование — специалитет, магистратура",
    7: "подготовка кадров высшей квалификации",
}
_NUMBERS: Final = {
    "один": 1, "одн": 1, "полугод": 0.5, "полтор": 1.5, "дв": 2, "тр": 3, "четыр": 4,
    "пят": 5, "шест": 6, "сем": 7, "восьм": 8, "девят": 9, "десят": 10,
}
_AMOUNT: Final = re.compile(
    r"(?:не\s+менее|не\s+меньше|минимум|от|свыше|более)\s+"
    r"(\d+(?:[.,]\d+)?|[а-яё]+)(?:-?х)?(?:\s*\([^)]*\))?\s*(?:\(?\s*(?:лет|года?|год)\b|"
    r"(месяц\w*)|(лет|года?|год))", re.IGNORECASE)
_HALF_YEAR: Final = re.compile(r"не\s+менее\s+полугода", re.IGNORECASE)
_NONE: Final = re.compile(r"без\s+(?:предъявления\s+)?требовани\w*\s+к\s+(?:стажу|опыту)",
                          re.IGNORECASE)
_CONDITION_SPO: Final = re.compile(r"при\s+(?:наличии\s+)?средн\w+\s+профессиональн", re.I)
_CONDITION_HIGHER: Final = re.compile(r"при\s+(?:наличии\s+)?высш", re.I)


def education_range(text: str) -> tuple[int, int] | None:
    """(lowest, highest) level the text admits, over all alternatives it names; None when it
    names none. ДПО is ignored."""
    folded = _ADDITIONAL.sub(" ", text.casefold().replace("ё", "е"))
    found: list[tuple[int, int]] = []
    for pattern, rank in _LEVELS:
        for match in pattern.finditer(folded):
            found.append(rank)
            folded = folded[:match.start()] + " " * (match.end() - match.start()) + \
                folded[match.end():]
    if not found:
        return None
    return min(r[0] for r in found), max(r[1] for r in found)


def required_education(items: Sequence[str]) -> int | None:
    """The lowest level a standard's education list admits (alternatives joined by "или")."""
    ranges = [r for r in (education_range(i) for i in items) if r is not None]
    return min(r[0] for r in ranges) if ranges else None


def _number(word: str) -> float | None:
    word = word.casefold().replace(",", ".")
    try:
        return float(word)
    except ValueError:
        pass
    return next((v for stem, v in _NUMBERS.items() if word.startswith(stem)), None)


def experience_months(text: str) -> float | None:
    """The smallest experience the text asks for, in months (0 for "без требований к стажу");
    None when it states none."""
    found: list[float] = []
    if _NONE.search(text):
        found.append(0.0)
    if _HALF_YEAR.search(text):
        found.append(6.0)
    for m in _AMOUNT.finditer(text):
        value = _number(m.group(1))
        if value is None:
            continue
        found.append(value if m.group(2) else value * 12)
    return min(found) if found else None


@record(slots=True)
class Experience:
    """One experience requirement of a standard: months, and the education it applies with
    (None = always; 3..4 = "при среднем профессиональном образовании")."""

    months: float
    text: str
    applies_to: tuple[int, int] | None


def required_experience(items: Iterable[str]) -> list[Experience]:
    """The experience requirements of a standard's list (items stating no duration skipped)."""
    out: list[Experience] = []
    for item in items:
        months = experience_months(item)
        if months is None:
            continue
        applies: tuple[int, int] | None = None
        if _CONDITION_SPO.search(item):
            applies = (3, 4)
        elif _CONDITION_HIGHER.search(item):
            applies = (5, 7)
        out.append(Experience(months, item, applies))
    return out
