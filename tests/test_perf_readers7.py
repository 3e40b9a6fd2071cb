"""Issue 19, round five, TXT reader: a text whose every line ``normalize`` would only collapse
spaces in and strip (checked once for the whole text) is split into the blocks the old
per-line normalising split (kept here) made, on generated texts mixing decomposed letters,
characters normalize drops or replaces, tabs, control characters, every line end, form feeds,
runs of spaces and markup; the control characters looked for are normalize's but the line
ends."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Block, Source
from jdlint.core.text import _CONTROL, normalize
from jdlint.readers import txt
from jdlint.readers.markup import clean_line, is_marked_up


def _old_split_blocks(text: str) -> tuple[Block, ...]:
    """Round four's ``split_blocks``: every segment through ``normalize``."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        lines = txt._EOL.split(text)
    else:
        lines = text.split("\n")
    blocks: list[Block] = []
    markup = is_marked_up(text)
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():
            continue
        for segment in line.split("\f") if "\f" in line else (line,):
            clean = normalize(clean_line(segment) if markup else segment)
            if clean:
                index = len(blocks)
                raw = clean_line(segment) if markup else segment
                blocks.append(Block(index=index, text=clean, raw=raw,
                                    source=Source(block=index, line=number)))
    return tuple(blocks)


_PIECES = st.sampled_from([
    "Работник", "обязан", "ir", "Šias", "e\u0301", "\u00e9", "\u0435\u0308", "ё", "\u0301",
    " ", "  ", "   ", "\t", "\n", "\r\n", "\r", "\u2028", "\u2029", "\f", "\x0b", "\x1c",
    "\x85", "\x07", "\x7f", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\u3000", "\u2003",
    "1.", "2.3.", ";", ":", "-", "<p>", "&nbsp;", "</b>", "№",
])
TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_the_split_is_the_old_split(text: str) -> None:
    assert txt.split_blocks(text) == _old_split_blocks(text)


def test_plain_texts_are_told_apart() -> None:
    assert txt._plain("Работник  обязан\r\n1. ir\fx\u2028y")
    for dirty in ("e\u0301", "a\tb", "a\u00a0b", "a\x0bb", "a\x85b", "a\u200bb", "\ufeffa"):
        assert not txt._plain(dirty), repr(dirty)
    assert txt._spaced("  a   b  ") == "a b" == normalize("  a   b  ")


def test_the_control_characters_are_normalizes_but_the_line_ends() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = set(txt._CONTROL_IN_LINES.findall(every))
    assert found == set(_CONTROL.findall(every)) - {"\r", "\f"}
    assert re.compile("[\n\r\f]").search("".join(found)) is None
