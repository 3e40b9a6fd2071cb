"""Word 97-2003 .doc: OLE containers told apart (a .doc, an encrypted .doc, an encrypted .docx,
Excel, a damaged file), a one-line JD001 without LibreOffice, and the conversion's safety (time
limit, a private folder, the input never written beside). The compound files are built at test
time (jdlint.testing.olebuild); a stand-in soffice (a shell script) plays LibreOffice."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.core.errors import InputError
from jdlint.readers import read_path
from jdlint.readers.convert import ENV_SOFFICE, ENV_TIMEOUT
from jdlint.testing.docxbuild import text_to_docx
from jdlint.testing.olebuild import ole_bytes, word_stream

ROOT = Path(__file__).resolve().parents[1]
DOC = ole_bytes({"WordDocument": word_stream(), "1Table": b"\x00" * 16})

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="a shell script plays soffice")


def reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_path(path)
    text = info.value.reason
    assert text and "\n" not in text and "Traceback" not in text
    return text


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize(("streams", "expected"), [
    ({"WordDocument": word_stream(encrypted=True), "1Table": b"x"},
     "password-protected (encrypted) Word 97-2003 .doc: remove the password in Word and "
     "save again"),
    ({"WordDocument": word_stream(), "EncryptionInfo": b"x", "1Table": b"x"},
     "password-protected (encrypted) Word 97-2003 .doc: remove the password in Word and "
     "save again"),
    ({"EncryptionInfo": b"x", "EncryptedPackage": b"y"},
     "password-protected (encrypted) Word document: remove the password in Word and save again"),
    ({"Workbook": b"x"}, "not a Word document: the content is an Excel 97-2003 workbook"),
    ({"PowerPoint Document": b"x"},
     "not a Word document: the content is a PowerPoint 97-2003 presentation"),
    ({"WordDocument": b"not a FIB"},
     "corrupt or truncated Word 97-2003 .doc: the OLE container cannot be read"),
], ids=["fib-encrypted", "encryption-info", "encrypted-docx", "excel", "powerpoint", "bad-fib"])
@pytest.mark.parametrize("name", ["instrukcija.doc", "instrukcija.docx"])
def test_ole_kinds(tmp_path: Path, streams: dict[str, bytes], expected: str, name: str,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SOFFICE, "")
    file = tmp_path / name
    file.write_bytes(ole_bytes(streams))
    assert reason(file) == expected


def test_truncated_doc_is_damaged_not_encrypted(tmp_path: Path) -> None:
    file = tmp_path / "nukirptas.doc"
    file.write_bytes(DOC[:1400])
    assert reason(file) == ("corrupt or truncated Word 97-2003 .doc: the OLE container cannot "
                            "be read")


def test_without_libreoffice_one_line_says_how_to_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SOFFICE, "")
    file = tmp_path / "instrukcija.doc"
    file.write_bytes(DOC)
    result = CliRunner().invoke(cli, ["check", str(file), "--output-format", "json",
                                      "--no-cache"])
    assert result.exit_code == 2
    entry = json.loads(result.output)["files"][0]
    message = entry["error"]["message"]
    assert entry["error"]["code"] == "JD001"
    assert "install LibreOffice" in message and "save as .docx" in message
    assert "\n" not in message


def _fake_soffice(folder: Path, script: str) -> Path:
    tool = folder / "fake-soffice"
    tool.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return tool


@needs_posix
def test_conversion_time_limit_ends_the_converter(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "still-running"
    tool = _fake_soffice(tmp_path, f"sleep 30; touch {marker}\n")
    monkeypatch.setenv(ENV_SOFFICE, str(tool))
    monkeypatch.setenv(ENV_TIMEOUT, "1")
    file = tmp_path / "in" / "instrukcija.doc"
    file.parent.mkdir()
    file.write_bytes(DOC)
    assert "did not convert it within 1 s" in reason(file)
    assert sorted(os.listdir(file.parent)) == ["instrukcija.doc"]
    assert not marker.exists()


@needs_posix
def test_converter_output_is_read_from_a_private_folder_and_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = tmp_path / "made.docx"
    docx.write_bytes(text_to_docx((ROOT / "corpus/lt/lt_sales_clean.txt").read_text("utf-8")))
    log = tmp_path / "calls"
    # NOTE: a stand-in converter copying a DOCX into --outdir, named as LibreOffice names it
    script = ('out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; '
              f'prev="$a"; done; echo "$@" >> {log}; cp {docx} "$out/document.docx"\n')
    monkeypatch.setenv(ENV_SOFFICE, str(_fake_soffice(tmp_path, script)))
    file = tmp_path / "in" / "pardavimai.doc"
    file.parent.mkdir()
    file.write_bytes(DOC)
    first = read_path(file)
    assert first.format == "doc"
    assert any("Pardavimų" in b.text or "pardavim" in b.text.lower() for b in first.blocks)
    args = log.read_text(encoding="utf-8")
    assert "-env:UserInstallation=file://" in args and str(file.parent) not in args
    assert sorted(os.listdir(file.parent)) == ["pardavimai.doc"]
    monkeypatch.setenv(ENV_SOFFICE, "")  # the second read comes from the cache
    second = read_path(file)
    assert [b.text for b in second.blocks] == [b.text for b in first.blocks]
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1


@needs_posix
def test_converter_that_makes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SOFFICE, str(_fake_soffice(tmp_path, "exit 1\n")))
    file = tmp_path / "instrukcija.doc"
    file.write_bytes(DOC)
    assert "LibreOffice could not convert it" in reason(file)
