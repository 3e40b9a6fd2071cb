"""Issue 19, round five, TXT reader: a text whose every line ``normalize`` would only collapse
spaces in and strip (checked once for the whole text) is split into the blocks the old
per-line normalising split (kept here) made, on generated texts mixing decomposed letters,
characters normalize drops or replaces, tabs, control characters, every line end, form feeds,
runs of spaces and markup; the control characters looked for are normalize's but the line
ends. ``read_path`` asks for the size fstat gave and reads on when the file grew: the bytes
are those one read to the limit gives. ``paragraphs.normalized`` (the paragraph readers' lines)
is ``normalize`` on generated lines."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import readers
from jdlint.core.errors import InputError
from jdlint.core.model import Block, Source
from jdlint.core.text import _CONTROL, _ODD, normalize
from jdlint.readers import paragraphs, txt
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


def test_the_characters_looked_for_are_normalizes_but_the_line_ends() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = set(txt._NOT_PLAIN.findall(every))
    assert found == (set(_CONTROL.findall(every)) - {"\r", "\f"}) | {"\t"} | set(
        _ODD.findall(every))
    assert re.compile("[\n\r\f]").search("".join(found)) is None


# --- read_path: the size fstat gives read first, a file that grew read on to the limit ---

def _fstat_saying(size: int) -> Any:
    real = os.fstat

    def fstat(fd: int) -> Any:
        found = real(fd)
        values = list(found)
        values[stat.ST_SIZE] = size
        return os.stat_result(values)

    return fstat


@pytest.mark.parametrize("said", [0, 5, 15, 16, 17, 99, 100, 101, 1000, 5000])
def test_a_file_is_read_whole_whatever_size_fstat_said(tmp_path: Path, said: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Работник обязан.\n" * 60).encode()
    path = tmp_path / "x.txt"
    path.write_bytes(text)
    monkeypatch.setattr(readers.os, "fstat", _fstat_saying(said))
    doc = readers.read_path(path)
    assert "\n".join(b.raw for b in doc.blocks) + "\n" == text.decode()


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"a\n" * 600)
    monkeypatch.setattr(readers, "MAX_TXT_BYTES", 1000)
    monkeypatch.setattr(readers.os, "fstat", _fstat_saying(10))
    with pytest.raises(InputError, match="file too large"):
        readers.read_path(path)
    path.write_bytes(b"a\n" * 500)  # NOTE: exactly the limit is read
    assert len(readers.read_path(path).blocks) == 500


# --- paragraphs.normalized: normalize of a line, its commonest case cut short ---

_LINE_PIECES = st.sampled_from([
    "Работник", "ir", "Šias", "e\u0301", "\u00e9", "\u0435\u0308", "\u0301", "A", " ", "  ",
    "\t", "\r", "\f", "\x0b", "\x1c", "\x1f", "\x85", "\x07", "\x00", "\x7f", "\x9f", "\u00a0",
    "\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff", "\u3000", "\u2003", "\u2007", "\u202f",
    "\u2028", "1.", ";", "-", "№", "İ", "\uf0b7", "ﬁ", "Å", "\u212b",
])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=12).map("".join))
def test_normalized_is_normalize(line: str) -> None:
    assert paragraphs.normalized(line) == normalize(line)


def test_the_characters_looked_for_in_a_line_are_normalizes() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = set(paragraphs._NOT_PLAIN.findall(every))
    assert found == set(_CONTROL.findall(every)) | {"\t"} | set(_ODD.findall(every))
    assert "\n" not in found
