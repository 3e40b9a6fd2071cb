"""RTF tokenizer: the bytes of an RTF file as a flat stream of tokens, no recursion.

This module owns the lexical level of RTF (Microsoft's RTF 1.9.1 specification, "Conventions
of an RTF Reader"): group braces, control words with their optional signed parameter and the
one space that delimits them, control symbols, ``\\'xx`` hex escapes (as raw bytes: the parser
knows the code page), runs of plain text bytes, and ``\\binN`` data, which is skipped here so
that no binary byte is ever read as a brace. It also names the
vocabulary: destinations that hold no body text, header and footer destinations, control
words and symbols that stand for a character. What the tokens mean is :mod:`jdlint.readers.rtf`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from jdlint.core.errors import InputError

__all__ = ["CHARS", "KNOWN_WORDS", "LINE_BREAKS", "MAX_TOKENS", "NOTES", "PARA_PROPS",
           "SKIP_DESTINATIONS", "STORIES", "SYMBOLS", "Token", "TokenKind", "after_fallback",
           "charset_codepage", "tokens"]

TokenKind = Literal["open", "close", "word", "symbol", "hex", "text"]
# (kind, control word or symbol or text, numeric parameter or None, raw bytes for hex/text)
Token = tuple[TokenKind, str, int | None, bytes]

# NOTE: the specification caps control words at 32 letters and parameters at a signed 16-bit
# value, but Word writes 32-bit ones (\listtemplateid-2040104530); 10 digits bound the int()
# cost of a hostile "\par99999...9" to nothing. Line ends inside text runs are dropped by
# :func:`tokens` (RTF ignores them), so that a picture's hex lines are one token, not many.
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?[0-9]{1,10})?[0-9]* ?"  # 1, 2: control word, parameter
    rb"|((?:\\'[0-9a-fA-F]{2})+)"  # 3: hex escapes, a run of them (Word's Cyrillic text)
    rb"|\\(.)"  # 4: control symbol (\\ \{ \} \~ \- \_ \* and \<newline>)
    rb"|([{}])"  # 5: group
    rb"|([^\\{}]+)"  # 6: plain text bytes
    rb"|(\\)\Z",  # 7: a lone backslash at the very end
    re.DOTALL,
)
# NOTE: a Word RTF holds about one token per 8 bytes (7,299 in the largest real file of 60 KB);
# a job description of MAX_PARAGRAPHS paragraphs stays under a million. The limit bounds the
# time a file of nothing but control words or braces takes (about 2 µs a token).
MAX_TOKENS = 2_000_000

# Destinations whose text is not part of what Word shows in the body.
SKIP_DESTINATIONS = frozenset((
    "colortbl info listtable listoverridetable revtbl rsidtbl filetbl pict object objdata "
    "annotation fldinst xe tc txe rxe bkmkstart bkmkend ftnsep ftnsepc ftncn aftnsep "
    "aftnsepc aftncn generator template themedata colorschememapping latentstyles datastore "
    "xmlnstbl mmathPr nonesttables pgdsctbl protusertbl userprops docvar nonshppict shpinst "
    "shprslt comment title subject author operator keywords doccomm company manager category "
    "atnid atnauthor atndate atnref atnicn atrfstart atrfend pnseclvl pn listpicture "
    "datafield formfield private wgrffmtfilter htmltag mhtmltag background fontemb fontfile "
    "falt panose do field-inst passwordhash").split())
# Control words that end a paragraph, a cell, a row or a line.
LINE_BREAKS = frozenset("par sect cell nestcell row nestrow line tab page".split())
# NOTE: read apart from the body (jdlint.readers.notes): a footnote (an endnote with \ftnalt)
# where the body or a text box has one; a shape's text in ``{\*\shpinst ... {\shptxt ...}}``
# (its picture copy in \shprslt is skipped, so the text is read once).
NOTES = frozenset(("footnote", "shpinst", "shptxt", "ftnalt"))
STORIES: dict[str, tuple[Literal["header", "footer"], str]] = {
    "header": ("header", ""), "headerr": ("header", ""), "headerl": ("header", "facingp"),
    "headerf": ("header", "titlepg"), "footer": ("footer", ""), "footerr": ("footer", ""),
    "footerl": ("footer", "facingp"), "footerf": ("footer", "titlepg"),
}  # fmt: skip
CHARS = {
    "tab": "\t", "line": "\n", "page": "\n", "emdash": "\u2014", "endash": "\u2013",
    "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019", "ldblquote": "\u201c",
    "rdblquote": "\u201d", "emspace": " ", "enspace": " ", "qmspace": " ",
}  # fmt: skip
SYMBOLS = {"~": "\u00a0", "_": "-", "\\": "\\", "{": "{", "}": "}"}
PARA_PROPS = frozenset("pard intbl itap s ls ilvl outlinelevel".split())
# Every control word the reader acts on; the rest (formatting) costs one set lookup.
KNOWN_WORDS = (
    frozenset(CHARS) | SKIP_DESTINATIONS | frozenset(STORIES) | PARA_PROPS | LINE_BREAKS | NOTES
    | frozenset("u f plain v deleted revised uc listtext pntext fonttbl stylesheet ansicpg "
                "ansi mac pc pca deff titlepg facingp".split()))
# \fcharsetN → Python codec (0 and 1 mean "the document's ANSI code page", None here).
_CHARSETS: dict[int, str] = {
    2: "symbol", 77: "mac_roman", 128: "cp932", 129: "cp949", 130: "johab", 134: "gbk",
    136: "big5", 161: "cp1253", 162: "cp1254", 163: "cp1258", 177: "cp1255", 178: "cp1256",
    186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250", 254: "cp437", 255: "cp850",
}  # fmt: skip


def charset_codepage(charset: int) -> str | None:
    """The codec of a font's ``\\fcharsetN``; None for ANSI/default (use ``\\ansicpg``)."""
    return _CHARSETS.get(charset)


def tokens(data: bytes) -> Iterator[Token]:
    """Yield the tokens of ``data`` in order; ``\\binN`` and the N bytes after it are dropped.

    Never raises on malformed input except past :data:`MAX_TOKENS`: a truncated escape is a
    control symbol, and a ``\\bin`` longer than the file ends the stream.
    """
    pos, count = 0, 0
    while True:
        for m in _TOKEN.finditer(data, pos):
            count += 1
            if count > MAX_TOKENS:
                raise InputError(f"RTF too complex: more than {MAX_TOKENS:,} control words, "
                                 "groups and text runs; a job description has tens of thousands")
            group = m.lastindex
            if group is not None and group <= 2:
                param = m.group(2)
                value = int(param) if param is not None else None
                if m.group(1) == b"bin":
                    # NOTE: binary data follows; a negative or absent count skips nothing, a
                    # count beyond the end (\bin999999999) ends the stream without allocating.
                    pos = m.end() + max(0, value or 0)
                    break
                yield "word", m.group(1).decode("ascii"), value, b""
            elif group == 6:
                text = m.group(6)
                if b"\n" in text or b"\r" in text:
                    text = text.replace(b"\r", b"").replace(b"\n", b"")
                    if not text:
                        continue
                yield "text", "", None, text
            elif group == 5:
                yield ("open" if m.group(5) == b"{" else "close"), "", None, b""
            elif group == 3:
                yield "hex", "", None, bytes.fromhex(m.group(3).replace(b"\\'", b"").decode())
            elif group == 4:
                yield "symbol", m.group(4).decode("latin-1"), None, b""
        else:
            return


def after_fallback(kind: str, name: str, raw: bytes, skip: int) -> tuple[bytes | None, int]:
    """Drop the fallback characters after a \\uN: what is left of this token (None when it
    is all dropped) and how many characters are still to drop."""
    if (kind == "text" or kind == "hex") and len(raw) > skip:
        return raw[skip:], 0
    if kind == "word" and name in LINE_BREAKS:
        return raw, 0  # NOTE: a writer that left out the fallback loses no paragraph
    skip -= len(raw) if kind == "text" or kind == "hex" else 1
    return None, max(skip, 0)
