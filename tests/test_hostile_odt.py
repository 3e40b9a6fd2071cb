"""Hostile and broken OpenDocument texts through ``jdlint check``: one line of reason, exit 2,
JD001, the good files of the same run still linted, the bad file untouched. Generated at test
time (jdlint.testing.odtbuild); the same ZIP and XML limits as for DOCX apply."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.readers.limits import MAX_PARAGRAPHS
from jdlint.testing.odtbuild import NS, odt_bytes, para

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "corpus" / "lt" / "lt_sales_clean.docx"
SAFETY_NET_S = 120.0  # a hang, not a budget


def _with_content(content: bytes) -> bytes:
    """A valid ODT whose content.xml is replaced by ``content``."""
    good = zipfile.ZipFile(io.BytesIO(odt_bytes(para("Pareigybės aprašymas"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in good.infolist():
            data = content if info.filename == "content.xml" else good.read(info)
            zf.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def _content(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{doctype}<office:document-content {NS}><office:body>'
            f"<office:text>{body}</office:text></office:body>"
            "</office:document-content>").encode()


def zip_bomb() -> bytes:
    return _with_content(b" " * (16 * 1024 * 1024))


def laughs() -> bytes:
    doctype = ('<!DOCTYPE office:document-content [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;'
               '&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return _with_content(_content("<text:p>&c;</text:p>", doctype))


def xxe() -> bytes:
    doctype = '<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return _with_content(_content("<text:p>&x;</text:p>", doctype))


def deep_spans() -> bytes:
    return _with_content(_content("<text:p>" + "<text:span>" * 10_000 + "x"
                                  + "</text:span>" * 10_000 + "</text:p>"))


def deep_lists() -> bytes:
    return _with_content(_content("<text:list><text:list-item>" * 10_000 + "<text:p>x</text:p>"
                                  + "</text:list-item></text:list>" * 10_000))


def space_bomb() -> bytes:
    return odt_bytes("<text:p>" + '<text:s text:c="1000000"/>' * 30_000 + "</text:p>")


def many_paragraphs() -> bytes:
    return odt_bytes("".join(f"<text:p>{i}. Punktas {i * 7919 % 100_003}.</text:p>"
                             for i in range(MAX_PARAGRAPHS + 10)))


def truncated() -> bytes:
    data = odt_bytes(para("Pareigybės aprašymas " * 200))
    return data[: len(data) // 2]


def no_text() -> bytes:
    return _with_content(f"<office:document-content {NS}><office:body><office:spreadsheet/>"
                         "</office:body></office:document-content>".encode())


HOSTILE: list[Any] = [
    pytest.param(zip_bomb, "possible ZIP bomb", id="zip-bomb"),
    pytest.param(laughs, "declares a DTD with entities", id="billion-laughs"),
    pytest.param(xxe, "declares a DTD with entities", id="xxe"),
    pytest.param(deep_spans, "nested too deeply", id="spans-10000-deep"),
    pytest.param(deep_lists, "nested too deeply", id="lists-10000-deep"),
    pytest.param(many_paragraphs, "document too long", id="too-many-paragraphs"),
    pytest.param(space_bomb, "document too long", id="space-bomb"),
    pytest.param(truncated, "corrupt or truncated ZIP archive", id="truncated"),
    pytest.param(no_text, "not an OpenDocument text", id="not-text"),
]


@pytest.mark.parametrize(("make", "reason"), HOSTILE)
def test_hostile_odt_is_refused_and_others_are_linted(
        tmp_path: Path, make: Callable[[], bytes], reason: str) -> None:
    bad = tmp_path / "priesas.odt"
    bad.write_bytes(make())
    before = bad.read_bytes()
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "--no-cache",
                                      str(bad), str(GOOD)], catch_exceptions=False)
    assert time.monotonic() - start < SAFETY_NET_S
    assert result.exit_code == 2
    files = {entry["path"]: entry for entry in json.loads(result.stdout)["files"]}
    error = files[str(bad)]["error"]
    assert error is not None and error["code"] == "JD001"
    assert reason in error["message"], error["message"]
    assert "\n" not in error["message"] and "Traceback" not in error["message"]
    assert files[str(GOOD)]["error"] is None
    assert bad.read_bytes() == before
