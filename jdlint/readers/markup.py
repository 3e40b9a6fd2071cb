"""HTML left in a plain-text web copy: tags and character entities removed line by line.

A page saved or pasted as text often keeps its markup (``<p>1.1. …</p>``, ``<h2>2. Права</h2>``,
``&nbsp;``, ``&laquo;``). Left in, every clause starts with ``<p>`` and nothing is recognised
as a numbered clause or a heading, so the whole instruction is lost. This module owns the
decision whether a text is marked up (several tags of the usual block elements, or several
entities) and the cleaning of one line; ``txt.split_blocks`` applies it. A text that merely
mentions "<" or "&" is left alone.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*/?>")
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                         "br", "tr", "td", "th", "table", "tbody", "thead", "span", "b",
                         "strong", "i", "em", "u", "a", "section", "article", "body", "html"})
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
_SPACES = re.compile(r"\s+")
# Tags after which a line's content is a list item.
_ITEM_TAGS = frozenset({"li"})
_CELL_TAGS = frozenset({"td", "th"})


def is_marked_up(text: str) -> bool:
    """True when ``text`` carries HTML markup or entities in earnest (3 or more)."""
    tags = sum(1 for m in _TAG.finditer(text[:200_000]) if m.group(1).lower() in _BLOCK_TAGS)
    return tags >= 3 or len(_ENTITY.findall(text[:200_000])) >= 3


_CELL = re.compile(r"<t[dh]\b[^<>]*>(.*?)(?=<t[dh]\b|</tr>|$)", re.IGNORECASE | re.DOTALL)
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,4}\.?$")


def _row(line: str) -> str | None:
    """A table row on one line: "2.1 | text" rows become the clause "2.1 text" (as in a Word
    table); a row of column numbers ("1. | 2. | 3.") is dropped; any other row is kept as
    "| a | b |", which never reads as a numbered clause."""
    cells = [clean_line(c).strip() for c in _CELL.findall(line)]
    if len(cells) < 2:
        return None
    filled = [c for c in cells if c]
    if all(_BARE_NUMBER.match(c) for c in filled):
        return ""
    if len(filled) == 2 and _BARE_NUMBER.match(filled[0]):
        return f"{filled[0]} {filled[1]}"
    return "| " + " | ".join(cells) + " |"


def clean_line(line: str) -> str:
    """The text a browser shows for one line of markup: tags dropped (a list item becomes
    "• …", a table row as described in ``_row``), entities resolved."""
    names = [m.group(1).lower() for m in _TAG.finditer(line)]
    if not names and "&" not in line:
        return line
    if sum(1 for n in names if n in _CELL_TAGS) >= 2:
        row = _row(line)
        if row is not None:
            return row
    item = any(n in _ITEM_TAGS for n in names) and not line.lstrip().startswith(("<ul", "<ol"))

    def repl(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name not in _BLOCK_TAGS:
            return match.group(0)
        if name in _CELL_TAGS and not match.group(0).startswith("</"):
            return " | "
        return " "

    text = html.unescape(_TAG.sub(repl, line))
    text = _SPACES.sub(" ", text).strip().strip("|").strip()
    if not text:
        return ""
    return f"• {text}" if item else text
