"""Markdown (``.md``): the TXT reader's lines with Markdown's own marks read as structure.

The TXT reader already does the encodings and the line model; this module only reads what
Markdown adds on a line: ATX headings (``## 2. Права`` → a heading block, level from the
``#`` count, the marks dropped), bullets ``*``/``+``/``-`` (kept as "-", the bullet the
structure layer knows), ``1)``/``1.`` list items (kept as typed), block quotes ``>``, and the
inline marks a reader does not see (``**bold**``, ``_italic_``, `` `code` ``, links
``[text](url)`` → text). Fenced code blocks, horizontal rules and front matter are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from jdlint.core.errors import InputError
from jdlint.core.model import Block, RawDocument
from jdlint.core.text import normalize
from jdlint.readers.limits import check_text_size
from jdlint.readers.txt import EMPTY_REASON, decode_text, split_blocks

__all__ = ["read_md"]

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[*+]\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")


def _inline(text: str) -> str:
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))


def _lines(text: str) -> list[tuple[str, int | None]]:
    """Each line's visible text (blank when dropped) and its heading level."""
    out: list[tuple[str, int | None]] = []
    fenced = False
    lines = text.splitlines()
    front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if front:
            out.append(("", None))
            if number and line.strip() in ("---", "..."):
                front = False
            continue
        if _FENCE.match(line):
            fenced = not fenced
            out.append(("", None))
            continue
        if fenced or _RULE.match(line):
            out.append(("", None))
            continue
        line = _QUOTE.sub("", line)
        heading = _HEADING.match(line)
        if heading:
            out.append((_inline(heading.group(2)), len(heading.group(1))))
            continue
        out.append((_inline(_BULLET.sub(r"\1- ", line)), None))
    return out


def read_md(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a Markdown file; raise InputError when unreadable."""
    if not data:
        raise InputError(EMPTY_REASON)
    text, encoding = decode_text(data)
    lines = _lines(text)
    # NOTE: one visible line per source line, so the TXT reader's line numbers still hold
    blocks = split_blocks("\n".join(line for line, _ in lines))
    levels = {number: level for number, (_, level) in enumerate(lines, start=1) if level}
    out: list[Block] = []
    for block in blocks:
        level = levels.get(block.source.line or 0)
        if level:
            block = replace(block, heading_level=level, style=f"Heading {level}",
                            text=normalize(block.text))
        out.append(block)
    if not out:
        raise InputError(EMPTY_REASON)
    check_text_size(len(out), sum(len(b.text) for b in out))
    return RawDocument(path=path, display_path=display_path, format="md", blocks=tuple(out),
                       encoding=encoding)
