"""ODF list numbering: list styles parsed from the document, labels rebuilt as an office suite
draws them.

This module owns the model of ``text:list-style`` / ``text:outline-style``
(``text:list-level-style-number``: ``style:num-format`` 1/a/A/i/I and LibreOffice's Cyrillic
letter formats, ``style:num-prefix``/``num-suffix``, ``text:display-levels``,
``text:start-value``; ``text:list-level-style-bullet``) and the running counters of lists
(:class:`ListCounters`: a list continues another with ``text:continue-numbering`` or
``text:continue-list``; ``text:list-item/@text:start-value`` restarts it). The ODT reader walks
the lists and asks for labels. Number formats are those of the DOCX reader
(:func:`jdlint.readers.numbering.format_number`), so the same list reads the same from either.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from jdlint.core.errors import InputError
from jdlint.core.records import record
from jdlint.readers.numbering import (
    MAX_COUNTER,
    MAX_LABEL,
    MAX_LEVEL_TEXT,
    MAX_LEVELS,
    bullet_glyph,
    format_number,
)

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
LOEXT_NS = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
_T, _S = "{" + TEXT_NS + "}", "{" + STYLE_NS + "}"
MAX_ODF_LEVELS = 10  # ODF list styles define levels 1-10

# NOTE: style:num-format → the DOCX reader's numFmt names. LibreOffice writes its Cyrillic
# letter lists as "а, б, .., аа, аб, ... (ru)" and the repeating kind as "а, б, .., аа, бб"
# (the latter is Word's russianLower, which is what a DOCX saved as ODT carries).
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman", "": "none"}
_LOCALE_NUMBER = re.compile(r"%(\d+)%")


@record(slots=True)
class OdfLevel:
    """One level of a list style: what its label looks like."""

    number: bool  # False: a bullet (or an image bullet)
    fmt: str = "decimal"
    prefix: str = ""
    suffix: str = ""
    display: int = 1
    start: int = 1
    bullet: str = "•"
    template: str | None = None  # LibreOffice's loext:num-list-format ("%1%.%2%.")


@record(frozen=False, slots=True)
class ListStyle:
    """A ``text:list-style`` (or the outline style): levels 0-9."""

    name: str
    levels: dict[int, OdfLevel] = field(default_factory=dict)


def _fmt(value: str | None) -> str:
    if value is None:
        return "decimal"
    if value in _FORMATS:
        return _FORMATS[value]
    if value.startswith(("а,", "а, б")):
        return "russianLower" if ".., аа, бб" in value or "аа, бб" in value else "cyrLower"
    if value.startswith(("А,", "А, Б")):
        return "russianUpper" if "АА, ББ" in value else "cyrUpper"
    return "decimal"


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return min(max(number, low), high)


def _label_text(el: Any, attr: str) -> str | None:
    """A prefix, suffix or template, refused when longer than any label Word or Writer draws
    (the same amplification as DOCX lvlText: it is repeated in front of every item)."""
    value: str | None = el.get(attr)
    if value is not None and len(value) > MAX_LEVEL_TEXT:
        raise InputError(f"list level text has {len(value):,} characters (limit {MAX_LEVEL_TEXT})")
    return value


def parse_list_style(el: Any) -> ListStyle:
    """A ``text:list-style`` or ``text:outline-style`` element."""
    style = ListStyle(el.get(_S + "name", ""))
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        level = _int(child.get(_T + "level"), 1, 1, MAX_ODF_LEVELS) - 1
        if tag in (_T + "list-level-style-number", _T + "outline-level-style"):
            style.levels.setdefault(level, OdfLevel(
                number=True, fmt=_fmt(child.get(_S + "num-format")),
                prefix=_label_text(child, _S + "num-prefix") or "",
                suffix=_label_text(child, _S + "num-suffix") or "",
                display=_int(child.get(_T + "display-levels"), 1, 1, MAX_ODF_LEVELS),
                start=_int(child.get(_T + "start-value"), 1, 0, MAX_COUNTER),
                template=_label_text(child, "{" + LOEXT_NS + "}num-list-format")))
        elif tag == _T + "list-level-style-bullet":
            char = bullet_glyph(_label_text(child, _T + "bullet-char") or "•").strip() or "•"
            style.levels.setdefault(level, OdfLevel(number=False, bullet=char))
        elif tag == _T + "list-level-style-image":
            style.levels.setdefault(level, OdfLevel(number=False))
    return style


def _format(n: int, fmt: str) -> str:
    if fmt == "cyrLower":
        return _spreadsheet_letters(n, "абвгдежзиклмнопрстуфхцчшщэюя")
    if fmt == "cyrUpper":
        return _spreadsheet_letters(n, "абвгдежзиклмнопрстуфхцчшщэюя").upper()
    return format_number(n, fmt)


def _spreadsheet_letters(n: int, alphabet: str) -> str:
    # NOTE: LibreOffice's "а, б, .., аа, аб" kind counts like spreadsheet columns.
    if n <= 0 or n > MAX_COUNTER:
        return str(n)
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, len(alphabet))
        out = alphabet[rest] + out
    return out


@record(frozen=False, slots=True)
class Chain:
    """The counters of one list as numbered (a list and the lists that continue it). ``style``
    is the style of the list last opened in it: "continue numbering" looks for it."""

    id: str
    style: ListStyle
    counters: list[int | None] = field(default_factory=lambda: [None] * MAX_ODF_LEVELS)


class ListCounters:
    """Running list counters of one story, fed list items in document order."""

    def __init__(self) -> None:
        self.chains: list[Chain] = []
        self._by_xml_id: dict[str, Chain] = {}

    def open_list(self, style: ListStyle, xml_id: str | None, continue_numbering: bool,
                  continue_list: str | None) -> Chain:
        """The chain a top-level ``text:list`` numbers in: a continued one or a new one."""
        chain: Chain | None = None
        if continue_list:
            chain = self._by_xml_id.get(continue_list)
        elif continue_numbering:
            # NOTE: "continue the preceding list": the office suites take the last list of the
            # same style (a list of another style in between does not break it).
            chain = next((c for c in reversed(self.chains) if c.style.name == style.name), None)
        if chain is None:
            chain = Chain(f"odt{len(self.chains) + 1}", style)
            self.chains.append(chain)
        else:
            # NOTE: a continued list keeps the counters but draws with its own style (a DOCX
            # saved as ODT gives every Word num its own style over one shared list).
            self.chains.remove(chain)
            self.chains.append(chain)
            chain.style = style
        if xml_id:
            self._by_xml_id[xml_id] = chain
        return chain

    def label(self, chain: Chain, level: int, start: int | None = None,
              style: ListStyle | None = None) -> str | None:
        """Advance ``chain`` for an item at ``level`` (0-based) and return its label, drawn in
        ``style`` (an item's ``text:style-override``) or the chain's current style."""
        level = min(max(level, 0), MAX_ODF_LEVELS - 1)
        style = style or chain.style
        lvl = style.levels.get(level)
        if lvl is None:
            return None
        counters = chain.counters
        if start is not None:
            counters[level] = min(max(start, 0), MAX_COUNTER)
        else:
            current = counters[level]
            counters[level] = lvl.start if current is None else min(current + 1, MAX_COUNTER)
        for deeper in range(level + 1, MAX_ODF_LEVELS):
            counters[deeper] = None
        if not lvl.number:
            return lvl.bullet
        label = self._render(chain, style, level, lvl)
        if len(label) > MAX_LABEL:
            raise InputError(f"list label has {len(label):,} characters (limit {MAX_LABEL})")
        return label or None

    def _render(self, chain: Chain, style: ListStyle, level: int, lvl: OdfLevel) -> str:
        values: list[str] = []
        for k in range(MAX_ODF_LEVELS):
            ref = style.levels.get(k)
            value = chain.counters[k]
            if value is None:
                value = ref.start if ref is not None else 1
            values.append(_format(value, ref.fmt if ref is not None and ref.number
                                  else "decimal"))
        if lvl.template is not None and lvl.fmt != "none":
            # NOTE: LibreOffice's own template says exactly what it draws ("%1%.%2%.").
            return _LOCALE_NUMBER.sub(
                lambda m: values[int(m.group(1)) - 1]
                if 1 <= int(m.group(1)) <= MAX_ODF_LEVELS else "", lvl.template).strip()
        if lvl.fmt == "none":
            return f"{lvl.prefix}{lvl.suffix}".strip()
        first = max(level - lvl.display + 1, 0)
        shown = ".".join(values[k] for k in range(first, level + 1)
                         if values[k] or k == level)
        return f"{lvl.prefix}{shown}{lvl.suffix}".strip()


__all__ = ["MAX_LEVELS", "Chain", "ListCounters", "ListStyle", "OdfLevel", "parse_list_style"]
