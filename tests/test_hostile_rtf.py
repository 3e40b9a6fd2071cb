"""Hostile and broken RTF through ``jdlint check``: bounded time and memory, no traceback.

A file beyond the reader's limits (groups nested 100,000 deep, 20 MB of control words) is one
line of JD001 and exit 2 while the other files of the run are linted; a merely broken file
(unterminated groups, ``\\bin`` longer than the file, bad ``\\'zz`` escapes, ``\\u`` out of
range) is read for what it holds. Fixtures are generated at test time.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.core.errors import InputError
from jdlint.readers.rtf import MAX_DEPTH, read_rtf
from jdlint.readers.rtflex import MAX_TOKENS
from jdlint.testing.rtfbuild import text_to_rtf

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "corpus" / "ru" / "ru_hr_clean.txt"
SAFETY_NET_S = 120.0  # a hang, not a budget
MIB = 1024 * 1024


def run_check(*paths: Path) -> tuple[int, dict[str, Any]]:
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "--no-cache",
                                      *map(str, paths)], catch_exceptions=False)
    assert time.monotonic() - start < SAFETY_NET_S
    return result.exit_code, json.loads(result.stdout)


def _instruction() -> bytes:
    return text_to_rtf(GOOD.read_text(encoding="utf-8"))


REFUSED = [
    pytest.param(b"{\\rtf1 " + b"{" * 100_000 + b"x" + b"}" * 100_000 + b"}",
                 f"RTF groups nested more than {MAX_DEPTH} levels deep", id="deep-100000"),
    pytest.param(b"{\\rtf1 " + b"\\b\\i0 " * (20 * MIB // 6) + b"}",
                 f"RTF too complex: more than {MAX_TOKENS:,} control words", id="words-20mb"),
    pytest.param(b"{\\rtf1 {\\*\\x " + b"{}" * (10 * MIB) + b"}}",
                 f"RTF too complex: more than {MAX_TOKENS:,} control words", id="braces-20mb"),
    pytest.param(b"{\\rtf1 " + b"x\\par " * 30_000 + b"}", "document too long", id="paragraphs"),
]


@pytest.mark.parametrize(("data", "reason"), REFUSED)
def test_refused_in_one_line_and_others_linted(tmp_path: Path, data: bytes, reason: str) -> None:
    bad = tmp_path / "bad.rtf"
    bad.write_bytes(data)
    code, report = run_check(bad, GOOD)
    assert code == 2
    files = {entry["path"]: entry for entry in report["files"]}
    error = files[str(bad)]["error"]
    assert error is not None and error["code"] == "JD001"
    assert reason in error["message"] and "\n" not in error["message"]
    assert files[str(GOOD)]["error"] is None and files[str(GOOD)]["documents"]
    assert bad.read_bytes() == data


BROKEN = [
    pytest.param(b"{\\rtf1 Hello\\par{\\pict\\bin999999999 }}", ["Hello"], id="bin-huge"),
    pytest.param(b"{\\rtf1 Hello\\par{\\pict\\bin-5 ab}after\\par}", ["Hello", "after"],
                 id="bin-negative"),
    pytest.param(b"{\\rtf1{\\b Hello\\par{{{ more", ["Hello", "more"], id="unterminated"),
    pytest.param(b"{\\rtf1 a}}}}b\\par}", ["ab"], id="extra-closing"),
    pytest.param(b"{\\rtf1\\ansicpg1251 x\\'zz\\'4\\'\\'c0\\par}", ["xzz4А"], id="bad-hex"),
    pytest.param(b"{\\rtf1 \\u99999999999 a\\u-99999 b\\u70000?c\\u65?\\par}", ["cA"],
                 id="u-out-of-range"),
    pytest.param(b"{\\rtf1\\ansicpg99999\\uc99 x\\u65 yz\\par}", ["xA"], id="odd-codepage-uc"),
    pytest.param(b"{\\rtf1 \\par99999999999999999999 x\\", ["x"], id="long-parameter"),
    pytest.param(b"{\\rtf1 " + b"\\cell\\row" * 5_000 + b"}", [], id="empty-cells"),
]


@pytest.mark.parametrize(("data", "texts"), BROKEN)
def test_broken_file_is_read_for_what_it_holds(data: bytes, texts: list[str]) -> None:
    raw = read_rtf(data, None, "broken.rtf")
    assert [b.text for b in raw.blocks] == texts


def test_depth_limit_is_exact() -> None:
    def nested(depth: int) -> bytes:
        return b"{\\rtf1 " + b"{" * (depth - 1) + b"deep\\par" + b"}" * depth

    assert [b.text for b in read_rtf(nested(MAX_DEPTH), None, "d.rtf").blocks] == ["deep"]
    with pytest.raises(InputError, match="nested more than"):
        read_rtf(nested(MAX_DEPTH + 1), None, "d.rtf")


def test_instruction_after_a_huge_picture_is_read(tmp_path: Path) -> None:
    # NOTE: a logo as hex lines is one text run per group, far from the token limit
    picture = b"{\\pict\\pngblip " + (b"0123456789abcdef" * 8 + b"\r\n") * 200_000 + b"}"
    data = _instruction().replace(b"\\paperh16838\n", b"\\paperh16838\n" + picture, 1)
    assert len(data) > 20 * MIB
    path = tmp_path / "logo.rtf"
    path.write_bytes(data)
    code, report = run_check(path)
    entry = report["files"][0]
    assert entry["error"] is None and entry["format"] == "rtf" and entry["documents"]
    assert code in (0, 1)
