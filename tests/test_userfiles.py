"""Configs, waivers and baselines from the user: bad bytes, wrong shapes and absurd nesting are
one line and exit code 2, never a traceback (issue 18, item 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.core.errors import UsageError
from jdlint.core.userfiles import load_json, load_toml, read_text
from tests.helpers import SALES_WITH_FINE


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(SALES_WITH_FINE, encoding="utf-8")
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args], catch_exceptions=False)
    return result.exit_code, result.stderr


WAIVER = '[[waiver]]\nfile = "a.txt"\ncode = "JD201"\nreason = "agreed"\nauthor = "legal"\n'


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("jdlint-waivers.toml", b"waiver = [1, 2]\n", "not a table"),
    ("jdlint-waivers.toml", b"\xff\xfe[[waiver]]\n", "not UTF-8"),
    ("jdlint-waivers.toml", b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested too deeply"),
    ("jdlint.toml", b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested too deeply"),
    ("jdlint.toml", b"select = ['JD1']\n\xff\n", "not UTF-8"),
])
def test_bad_user_file_is_one_line_and_exit_2(doc: Path, name: str, content: bytes,
                                              needle: str) -> None:
    (doc / name).write_bytes(content)
    code, err = _check("a.txt")
    assert code == 2 and needle in err and "Traceback" not in err


def test_deep_baseline_is_one_line(doc: Path) -> None:
    (doc / "b.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    code, err = _check("--baseline", "b.json", "a.txt")
    assert code == 2 and "nested too deeply" in err


def test_waiver_with_a_toml_datetime_expires_on_its_date(doc: Path) -> None:
    (doc / "jdlint-waivers.toml").write_text(WAIVER + "expires = 2099-01-01T00:00:00\n",
                                             encoding="utf-8")
    code, err = _check("--select", "JD201", "a.txt")
    assert code == 0 and "Traceback" not in err
    (doc / "jdlint-waivers.toml").write_text(WAIVER + "expires = 2001-01-01T00:00:00\n",
                                             encoding="utf-8")
    code, _ = _check("--select", "JD201", "a.txt")
    assert code == 1, "an expired waiver no longer hides the finding"


def test_reader_refuses_fifo_and_oversize(tmp_path: Path) -> None:
    fifo = tmp_path / "jdlint.toml"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="not a regular file"):
        read_text(fifo, "config")  # returns at once: never waits for a writer
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(UsageError, match="too large"):
        read_text(big, "baseline", limit=1024)
    good = tmp_path / "ok.toml"
    good.write_text("a = 1\n", encoding="utf-8")
    assert load_toml(good, "config") == {"a": 1}
    good.write_text('{"a": [1]}', encoding="utf-8")
    assert load_json(good, "baseline") == {"a": [1]}


@pytest.mark.parametrize(("content", "needle"), [
    (b"\xff\xfe code: ACME001\n", "not UTF-8"),
    (b"code: ACME001\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
])
def test_bad_house_rule_file_is_one_line(doc: Path, content: bytes, needle: str) -> None:
    (doc / "house").mkdir()
    (doc / "house" / "ACME001.yaml").write_bytes(content)
    (doc / "jdlint.toml").write_text('extend-rules = ["house"]\n', encoding="utf-8")
    code, err = _check("a.txt")
    assert code == 2 and needle in err and "Traceback" not in err
