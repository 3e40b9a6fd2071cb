"""Hostile PDFs (issue 16): thousands of pages, a compression bomb, absurdly deep nesting and
a truncated file each end as one JD001 line in bounded time, never a traceback."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest

from jdlint.core.errors import InputError
from jdlint.readers import read_bytes
from tests.test_readers_pdf import make_pdf, page_of


def _refused(data: bytes, match: str) -> None:
    began = time.monotonic()
    with pytest.raises(InputError, match=match) as info:
        read_bytes(data, Path("evil.pdf"), "evil.pdf")
    assert "\n" not in str(info.value)
    assert time.monotonic() - began < 60


def test_ten_thousand_pages() -> None:
    _refused(make_pdf([[]] * 10_000), r"10,000 pages \(limit 500\)")


def test_compression_bomb() -> None:
    bomb = zlib.compress(b" " * (120 * 1024 * 1024), 9)
    pdf = make_pdf([page_of(["1. Punktas."], 1, header="")])
    # NOTE: the page's content stream is swapped for 120 MiB of spaces in ~120 KiB
    start = pdf.index(b"<< /Length")
    end = pdf.index(b"endstream", start) + len(b"endstream")
    evil = (pdf[:start] + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb)
            + bomb + b"\nendstream" + pdf[end:])
    # the xref offsets no longer match: pypdf rebuilds them, as for any damaged file
    _refused(evil, "compression bomb")


def test_deep_nesting() -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    _refused(make_pdf([page_of(["1. Punktas."], 1, header="")], trailer_extra=b"/X " + deep
                      + b" "), "too complex|damaged PDF")


def test_truncated_pdf() -> None:
    pdf = make_pdf([page_of(["1. Punktas."], 1, header="")])
    _refused(pdf[: len(pdf) // 2], "damaged PDF|without a text layer")
