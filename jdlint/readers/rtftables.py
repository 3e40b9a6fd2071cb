"""RTF document tables the body text depends on: fonts (their code pages) and paragraph styles.

This module owns what the RTF reader keeps from ``{\\fonttbl}`` (the code page each font's
``\\fcharsetN`` or ``\\cpgN`` selects, so that ``\\'xx`` bytes and raw 8-bit text decode right:
a Cyrillic font in a document whose ``\\ansicpg`` is 1252 still means CP1251) and from
``{\\stylesheet}`` (style names and outline levels, for headings), and the text buffer that
turns bytes in changing code pages into one string.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import field

from jdlint.core.records import record
from jdlint.readers.numbering import PUA_GLYPHS
from jdlint.readers.rtflex import charset_codepage

__all__ = ["Fonts", "StyleEntry", "TextBuffer", "codec_or_none", "heading_of"]

SYMBOL = "symbol"
_HEADING = re.compile(r"(?:heading|заголовок)\s*([1-9])", re.IGNORECASE)


def codec_or_none(name: str) -> str | None:
    """``name`` when Python has that codec ("cp1251"), else None (an unknown \\ansicpg)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


@record(frozen=False, slots=True)
class Fonts:
    """Font number → codec, filled while ``{\\fonttbl}`` is read."""

    ansi: str = "cp1252"
    default: int | None = None
    codecs: dict[int, str | None] = field(default_factory=dict)
    current: int | None = None  # the font entry being defined

    def define(self, number: int) -> None:
        self.current = number
        self.codecs.setdefault(number, None)

    def charset(self, value: int) -> None:
        if self.current is not None:
            self.codecs[self.current] = charset_codepage(value)

    def codepage(self, value: int) -> None:
        if self.current is not None and (name := codec_or_none(f"cp{value}")) is not None:
            self.codecs[self.current] = name

    def token(self, kind: str, name: str, param: int | None) -> None:
        """One token inside ``{\\fonttbl}``: font numbers, charsets and code pages."""
        if kind != "word" or param is None:
            return
        if name == "f":
            self.define(param)
        elif name == "fcharset":
            self.charset(param)
        elif name == "cpg":
            self.codepage(param)

    def codec(self, font: int | None) -> str:
        """The codec text in ``font`` is written in (the ANSI code page for a plain font)."""
        if font is None:
            font = self.default
        return (self.codecs.get(font) if font is not None else None) or self.ansi


@record(frozen=False, slots=True)
class StyleEntry:
    """One ``{\\sN ... name;}`` of the stylesheet while it is read."""

    number: int | None = 0  # a paragraph style without \sN is style 0 (Normal)
    outline: int | None = None
    name: bytearray = field(default_factory=bytearray)

    def token(self, kind: str, name: str, param: int | None, raw: bytes) -> None:
        """One token inside the entry: its number, outline level and name bytes."""
        if kind == "word":
            if name == "s":
                self.number = param or 0
            elif name in ("cs", "ds", "ts", "tsrowd"):
                self.number = None  # character, section and table styles: not paragraphs
            elif name == "outlinelevel":
                self.outline = param
        elif kind == "text" or kind == "hex":
            self.name += raw


def heading_of(name: str | None, outline: int | None) -> int | None:
    """Heading level of a style, as the DOCX reader derives it (outline level, else name)."""
    if outline is not None:
        return outline + 1 if 0 <= outline < 9 else None
    if name and (m := _HEADING.search(name)):
        return int(m.group(1))
    return None


class TextBuffer:
    """Text of one paragraph (or list label): bytes kept until their code page is known."""

    __slots__ = ("codec", "parts", "pending")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = bytearray()
        self.codec = ""

    def add_bytes(self, data: bytes, codec: str) -> None:
        if codec != self.codec:
            self.flush()
            self.codec = codec
        self.pending += data

    def add(self, text: str) -> None:
        if self.pending:
            self.flush()
        self.parts.append(text)

    def flush(self) -> None:
        if not self.pending:
            return
        data = bytes(self.pending)
        self.pending.clear()
        if self.codec == SYMBOL:
            # NOTE: Symbol/Wingdings bytes are private-use glyphs (F0xx) as in DOCX w:sym;
            # only the bullets people use are kept.
            self.parts.append("".join(PUA_GLYPHS.get(chr(0xF000 + b), "") for b in data))
            return
        self.parts.append(data.decode(self.codec, errors="replace"))

    def take(self) -> str:
        """The text so far (surrogate pairs from \\uN joined), and an empty buffer."""
        self.flush()
        text = "".join(self.parts)
        self.parts.clear()
        if any("\ud800" <= ch <= "\udfff" for ch in text):
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return text

    def __bool__(self) -> bool:
        return bool(self.parts or self.pending)
