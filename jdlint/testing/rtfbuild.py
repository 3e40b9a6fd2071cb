"""Build RTF files for tests, written the way Word writes them.

This module owns the test-side RTF writer: :func:`build_rtf` turns paragraphs (:class:`P` of
:mod:`jdlint.testing.docxbuild`, or :class:`Labelled` with the list label Word would draw) and
tables (:class:`~jdlint.testing.docxbuild.Table`) into RTF with a font table, a stylesheet,
``{\\listtext}`` labels, ``\\cell``/``\\row`` tables and headers/footers; text is written as
``\\'xx`` escapes in a code page, as ``\\uN`` escapes, or as raw 8-bit bytes (as some old
generators do). :func:`text_to_rtf` turns a plain-text instruction into such a file, typed
clause numbers becoming list labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from jdlint.core.records import record
from jdlint.core.text import normalize
from jdlint.testing.docxbuild import P, Table

__all__ = ["Labelled", "build_rtf", "escape", "text_to_rtf"]

Encoding = Literal["hex", "unicode", "raw"]
_CHARSET = {"cp1251": 204, "cp1257": 186, "cp1252": 0, "cp1250": 238}
_TYPED = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,8})(\.?) (\S.*)")
_BULLET = re.compile(r"([-•–]) (\S.*)")


@record(frozen=False)
class Labelled(P):
    """A list paragraph whose label Word draws (and writes into ``{\\listtext}``)."""

    label: str = ""


def escape(text: str, codec: str = "cp1251", encoding: Encoding = "hex") -> str:
    """RTF for ``text``: specials escaped, non-ASCII as ``\\'xx``, ``\\uN?`` or raw bytes
    (raw bytes are returned as latin-1 characters, written back as the same bytes)."""
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\t":
            out.append("\\tab ")
        elif ch == "\n":
            out.append("\\line ")
        elif ch == "\u00a0":
            out.append("\\~")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                data = ch.encode(codec)
            except UnicodeEncodeError:
                data = b""
            if encoding == "unicode" or not data:
                out.append(_unicode(ch))
            elif encoding == "raw":
                out.append(data.decode("latin-1"))
            else:
                out.append("".join(f"\\'{b:02x}" for b in data))
    return "".join(out)


def _unicode(ch: str) -> str:
    units = ch.encode("utf-16-le")
    parts = []
    for i in range(0, len(units), 2):
        code = int.from_bytes(units[i:i + 2], "little")
        parts.append(f"\\u{code - 0x10000 if code > 0x7FFF else code}?")
    return "".join(parts)


class _Writer:
    def __init__(self, codec: str, encoding: Encoding) -> None:
        self.codec, self.encoding = codec, encoding
        self.out: list[str] = []
        self.counters: list[int] = []

    def label(self, item: P) -> str | None:
        if isinstance(item, Labelled):
            return item.label
        if item.bullet:
            return "\u2022"
        if item.num_level is None:
            return None
        level = item.num_level
        self.counters = (self.counters + [0] * (level + 1))[: level + 1]
        self.counters[level] += 1
        return ".".join(map(str, self.counters)) + "."

    def para(self, item: P, cell: bool = False, end: str = "\\par") -> None:
        w = self.out
        w.append("\\pard\\plain\\f0\\fs24" + ("\\intbl" if cell else ""))
        if item.style and item.style.lower().startswith("heading"):
            w.append(f"\\s{item.style[-1]}\\outlinelevel{int(item.style[-1]) - 1}")
        label = self.label(item)
        if label is not None:
            font = "\\f1 \\'b7" if label == "\u2022" else "\\f0 " + self.esc(label)
            w.append(f"\\ls1\\ilvl{item.num_level or 0} {{\\listtext\\pard\\plain{font}\\tab}}")
        text = "\n".join(item.lines) if item.lines else item.text
        w.append(" " + self.esc(text))
        if item.inserted:
            w.append("{\\revised " + self.esc(item.inserted) + "}")
        if item.deleted:
            w.append("{\\deleted " + self.esc(item.deleted) + "}")
        w.append(end + "\n")

    def table(self, table: Table) -> None:
        for row in table.rows:
            edges = "".join(f"\\cellx{2000 * (i + 1)}" for i in range(len(row)))
            self.out.append(f"\\trowd\\trgaph108{edges}\n")
            for cell in row:
                lines = cell.split("\n")
                for i, line in enumerate(lines):
                    self.para(P(line), cell=True, end="\\cell" if i == len(lines) - 1 else "\\par")
            self.out.append("\\row\n")
        self.out.append("\\pard\n")

    def esc(self, text: str) -> str:
        return escape(text, self.codec, self.encoding)


def build_rtf(items: Sequence[P | Table], *, codec: str = "cp1251", font_codec: str | None = None,
              encoding: Encoding = "hex", header: str | None = None,
              footer: str | None = None) -> bytes:
    """An RTF document; ``codec`` is the ``\\ansicpg``, ``font_codec`` the body font's charset
    when it differs (a Cyrillic font in a Western document), ``encoding`` how text is written."""
    writer = _Writer(font_codec or codec, encoding)
    charset = _CHARSET[font_codec or codec]
    head = (
        f"{{\\rtf1\\ansi\\ansicpg{codec[2:]}\\uc1\\deff0"
        f"{{\\fonttbl{{\\f0\\froman\\fcharset{charset}\\fprq2 Times New Roman;}}"
        "{\\f1\\fnil\\fcharset2\\fprq2 Symbol;}}\n"
        "{\\colortbl;\\red0\\green0\\blue0;}\n"
        "{\\stylesheet{\\ql \\f0\\fs24 \\snext0 Normal;}"
        "{\\s1\\ql\\outlinelevel0\\b\\f0\\fs28 \\sbasedon0 \\snext0 heading 1;}"
        "{\\*\\cs10 \\additive Default Paragraph Font;}}\n"
        "{\\*\\listtable{\\list\\listtemplateid1{\\listlevel\\levelnfc0{\\leveltext\\'02\\'00.;}"
        "{\\levelnumbers\\'01;}}\\listid1}}\n"
        "{\\info{\\title jdlint test}{\\author jdlint tests}}\n"
        "{\\*\\generator jdlint rtfbuild;}\\paperw11906\\paperh16838\n"
    )
    writer.out.append(head)
    for where, text in (("header", header), ("footer", footer)):
        if text is not None:
            writer.out.append(f"{{\\{where} \\pard\\plain\\f0 {writer.esc(text)}\\par}}\n")
    for item in items:
        if isinstance(item, Table):
            writer.table(item)
        else:
            writer.para(item)
    writer.out.append("}")
    return "".join(writer.out).encode("latin-1")


def _line_item(line: str) -> P:
    norm = normalize(line)
    m = _TYPED.fullmatch(norm)
    if m and (m.group(2) or "." in m.group(1)) and "0" not in m.group(1).split("."):
        return Labelled(m.group(3), num_level=m.group(1).count("."),
                        label=m.group(1) + m.group(2))
    b = _BULLET.fullmatch(norm)
    if b:
        return Labelled(b.group(2), label=b.group(1))
    return P(line)


def text_to_rtf(text: str, *, codec: str = "cp1251", encoding: Encoding = "hex") -> bytes:
    """A plain-text instruction as RTF, one paragraph per line; typed decimal clause numbers
    and "- "/"• " bullets become ``{\\listtext}`` labels showing the same numbers."""
    return build_rtf([_line_item(line) for line in text.splitlines()], codec=codec,
                     encoding=encoding)
