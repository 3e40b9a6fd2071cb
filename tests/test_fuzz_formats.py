"""Fuzz run of the readers (issue 18): small valid DOCX, ODT, RTF, HTML and TXT files built
here, with random bytes overwritten, cut short or spliced, are read by content. Each either
reads (and the structure layer takes what it gives) or fails with ``InputError`` — never
another exception, and within a time bound per file.

Bounded for CI: derandomised examples (``JDLINT_PROPERTY_SCALE`` multiplies them), no example
database, nothing written.
"""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint.core.errors import InputError
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.docxbuild import text_to_docx
from jdlint.testing.odtbuild import text_to_odt
from jdlint.testing.rtfbuild import text_to_rtf

SCALE = int(os.environ.get("JDLINT_PROPERTY_SCALE", "1"))
TEXT = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
2. Должностные обязанности
2.1. Принимает товар на склад по накладным.
2.2. Выдаёт товар по накладным.
"""
SEEDS = {
    "docx": text_to_docx(TEXT),
    "odt": text_to_odt(TEXT),
    "rtf": text_to_rtf(TEXT),
    "html": ("<html><body><h1>Должностная инструкция</h1><ol><li>Принимает товар.</li>"
             "<li>Выдаёт товар.</li></ol></body></html>").encode(),
    "txt": TEXT.encode("utf-8"),
}
PER_FILE_SECONDS = 20.0


def _read(data: bytes, name: str) -> None:
    start = time.monotonic()
    try:
        raw = read_bytes(data, None, name)
    except InputError:
        return
    finally:
        assert time.monotonic() - start < PER_FILE_SECONDS
    analyse(raw)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[fmt])
    how = draw(st.sampled_from(["flip", "cut", "splice"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif how == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    else:
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return fmt, bytes(data)


@settings(max_examples=200 * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_read_or_fail_with_input_error(case: tuple[str, bytes]) -> None:
    fmt, data = case
    _read(data, f"fuzz.{fmt}")


def test_the_seeds_themselves_read() -> None:
    for fmt, data in SEEDS.items():
        raw = read_bytes(data, None, f"seed.{fmt}")
        assert any("товар" in b.text for b in raw.blocks), fmt
