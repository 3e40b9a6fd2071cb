"""Property-based fuzz of the readers and the whole ``lint_file`` pipeline (issue 18).

Inputs: DOCX built from random paragraph / numbering / run / table structures
(``jdlint.testing.docxbuild``), and mutated bytes of small valid DOCX, ODT, RTF and TXT files
(mutations of the raw file and, for the ZIP formats, of the XML part inside a well-formed ZIP,
so the XML parser and the structure code are reached rather than only the ZIP checksum).

Every example must give a result or one JD001 line (``FileResult.error``, no newline), no
exception, within a wall-clock alarm, and no file may be opened for writing, renamed or removed
anywhere (an audit hook watches the process while the pipeline runs).

Hypothesis runs derandomized with a fixed, small example budget so CI is stable and the whole
module stays within a few tens of seconds.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx
from jdlint.testing.odtbuild import text_to_odt
from jdlint.testing.rtfbuild import text_to_rtf

ALARM_S = 20  # a hang, not a budget
FUZZ = settings(derandomize=True, deadline=None, max_examples=25, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

SAMPLE = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера по продажам\n1. Общие положения\n"
          "1.1. Менеджер подчиняется директору.\n2. Обязанности\n2.1. Вести переговоры.\n"
          "3. Ответственность\n3.1. За нарушение взыскивается штраф.\n")

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_MUTATING_EVENTS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.truncate",
                    "os.chmod", "os.link", "os.symlink", "shutil.rmtree", "shutil.copyfile"}
_watch: list[list[str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _watch:
        return
    if event == "open" and len(args) >= 3:
        mode, flags = args[1], args[2]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writes:
            _watch[-1].append(f"open {args[0]!r} {mode!r}")
    elif event in _MUTATING_EVENTS:
        _watch[-1].append(f"{event} {args[:2]!r}")


sys.addaudithook(_audit)  # NOTE: hooks cannot be removed; it is inert unless _watch is set


class Hang(Exception):
    """The alarm fired: the pipeline did not finish in ALARM_S seconds."""


@contextmanager
def _guarded() -> Iterator[list[str]]:
    def _fire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no result within {ALARM_S} s")

    writes: list[str] = []
    old = signal.signal(signal.SIGALRM, _fire)
    signal.alarm(ALARM_S)
    _watch.append(writes)
    try:
        yield writes
    finally:
        _watch.pop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


RULES = list(load_rules().values())


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _lint(work: Path, name: str, data: bytes) -> None:
    path = work / name
    path.write_bytes(data)  # written before the watch starts: the input, not an output
    with _guarded() as writes:
        result = lint_file(path, RULES, Settings())
    assert not writes, writes
    if result.error is not None:
        assert result.error.strip() and "\n" not in result.error, result.error
        assert "Traceback" not in result.error
    assert path.read_bytes() == data  # the input is never changed


# -- structured DOCX -------------------------------------------------------------------------

_words = st.sampled_from(["Обязанности", "штраф", "2.1.", "директор", "pareigos", "bauda", "",
                          "\u200f", "\u00ad", "\t", "  ", "%1.", "•", "ž", "\u0301", "1)", "—"])
_text = st.lists(_words, max_size=8).map(" ".join)


@st.composite
def _paragraph(draw: st.DrawFn) -> P | Table:
    if draw(st.integers(0, 9)) == 0:
        return Table(rows=draw(st.lists(st.lists(_text, min_size=1, max_size=3),
                                        min_size=1, max_size=3)))
    text = draw(_text)
    runs = None
    if text and draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        runs = [text[:cut], text[cut:]]
    return P(text=text,
             style=draw(st.sampled_from([None, "Heading 1", "Heading 2", "Title",
                                         "List Paragraph"])),
             num_level=draw(st.one_of(st.none(), st.integers(0, 8))),
             bullet=draw(st.booleans()) if runs is None else False,
             runs=runs,
             inserted=draw(st.one_of(st.none(), _text)),
             deleted=draw(st.one_of(st.none(), _text)),
             restart_at=draw(st.one_of(st.none(), st.lists(st.integers(0, 99), min_size=1,
                                                          max_size=3))))


@FUZZ
@given(items=st.lists(_paragraph(), max_size=25))
def test_random_docx_structures(work: Path, items: list[P | Table]) -> None:
    try:
        data = build_docx(items)
    except (ValueError, IndexError, KeyError):
        # NOTE: the builder refuses some combinations (it is a test helper, not the subject)
        return
    _lint(work, "structured.docx", data)


# -- mutated bytes ---------------------------------------------------------------------------

SEEDS: dict[str, bytes] = {
    "seed.docx": text_to_docx(SAMPLE),
    "seed.odt": text_to_odt(SAMPLE),
    "seed.rtf": text_to_rtf(SAMPLE),
    "seed.txt": SAMPLE.encode("utf-8"),
}
_INNER = {"seed.docx": "word/document.xml", "seed.odt": "content.xml"}

_edits = st.lists(st.tuples(st.sampled_from(["flip", "cut", "dup", "insert"]),
                            st.floats(0, 1), st.binary(min_size=1, max_size=16)),
                  min_size=1, max_size=6)
_SPICE = [b"<", b">", b"&", b"\x00", b"\xff", b"%1%1%1", b"{\\", b"}", b"\\u-1?", b"\xe2\x80\xae",
          b"]]>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>"]


def _mutate(data: bytes, edits: list[tuple[str, float, bytes]], spice: bytes) -> bytes:
    buf = bytearray(data)
    for op, where, blob in edits:
        at = int(where * len(buf))
        if op == "flip" and buf:
            at = min(at, len(buf) - 1)
            buf[at] ^= blob[0] or 1
        elif op == "cut":
            del buf[at:at + len(blob) * 8]
        elif op == "dup":
            buf[at:at] = buf[at:at + len(blob) * 4]
        else:
            buf[at:at] = blob + spice
    return bytes(buf)


def _repack(data: bytes, part: str, mutate: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, mutate(body) if info.filename == part else body)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(SEEDS))
@FUZZ
@given(edits=_edits, spice=st.sampled_from(_SPICE), inner=st.booleans())
def test_mutated_bytes(work: Path, name: str, edits: list[tuple[str, float, bytes]],
                       spice: bytes, inner: bool) -> None:
    seed = SEEDS[name]
    if inner and name in _INNER:
        data = _repack(seed, _INNER[name], lambda body: _mutate(body, edits, spice))
    else:
        data = _mutate(seed, edits, spice)
    _lint(work, "mutated" + Path(name).suffix, data)


def test_the_watch_sees_a_write(work: Path) -> None:
    """The no-write assertion can fail: a write while watched is recorded."""
    with _guarded() as writes:
        (work / "probe.txt").write_bytes(b"x")
    assert writes and "probe.txt" in writes[0]
