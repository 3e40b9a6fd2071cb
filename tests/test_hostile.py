"""Hostile and broken input through ``jdlint check``: one line of reason, exit 2, JD001, and
the other files of the same run still linted, in bounded time.

Every fixture is generated at test time and kept small where the point allows (the 200 MB
text is a sparse file: only its size is ever looked at). The wall-clock guard is a safety net
against a hang, not a performance assertion; budgets are measured by ``bench/run.py``.
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import jdlint.readers as readers
import jdlint.readers.docx as docx_reader
import jdlint.readers.package as package
from jdlint.cli import cli
from jdlint.readers.limits import MAX_CHARS, MAX_PARAGRAPHS
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "corpus" / "ru" / "ru_hr_clean.txt"
GOOD_DOCX = ROOT / "corpus" / "lt" / "lt_sales_clean.docx"
SAFETY_NET_S = 120.0  # a hang, not a budget

Maker = Callable[[Path], Path]


def _options() -> set[str]:
    check = cli.commands["check"]  # type: ignore[attr-defined]
    return {opt for param in check.params for opt in param.opts}


def run_check(*paths: Path | str) -> tuple[int, dict[str, Any]]:
    """``jdlint check --output-format json`` in-process; (exit code, parsed JSON)."""
    extra = ["--no-cache"] if "--no-cache" in _options() else []
    args = ["check", "--output-format", "json", *extra, *map(str, paths)]
    start = time.monotonic()
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert time.monotonic() - start < SAFETY_NET_S
    return result.exit_code, json.loads(result.stdout)


def by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["path"]: entry for entry in report["files"]}


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def with_part(name: str, data: bytes) -> bytes:
    """A valid minimal DOCX whose part ``name`` is replaced by ``data``."""
    good = zipfile.ZipFile(io.BytesIO(xml_docx(p("Должностная инструкция"))))
    members = {n: good.read(n) for n in good.namelist()}
    members[name] = data
    return zip_bytes(members)


def document_xml(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{doctype}<w:document {NAMESPACES}><w:body>{body}'
            "</w:body></w:document>").encode()


def ole_file(*streams: str) -> bytes:
    """A compound-file (OLE2) header and a directory naming ``streams``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    directory = bytearray()
    for name in ("Root Entry", *streams):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HB", entry, 0x40, len(encoded), 5 if name == "Root Entry" else 2)
        directory += entry
    return bytes(header) + bytes(directory) + bytes(512 - len(directory) % 512)


def writer(name: str, data: Callable[[], bytes]) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data())
        return path

    return make


# --- the hostile files ---


def zip_bomb() -> bytes:
    # 16 MiB of one byte deflates ~1000x: refused from the central directory, never inflated.
    return with_part("word/document.xml", b" " * (16 * 1024 * 1024))


def lying_zip_header() -> bytes:
    """document.xml claims 2 KiB but inflates to 32 MiB: reading stops at the claimed size."""
    inflated = document_xml(p("x" * 100) + " " * (32 * 1024 * 1024))
    data = bytearray(with_part("word/document.xml", inflated))
    claimed = 2048
    offset = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").header_offset
    struct.pack_into("<I", data, offset + 22, claimed)  # local header: uncompressed size
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # central directory entries
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, pos + 24, claimed)
        pos += 4
    return bytes(data)


def laughs() -> bytes:
    doctype = ('<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
               '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    return with_part("word/document.xml", document_xml(p("&d;"), doctype))


def xxe() -> bytes:
    doctype = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return with_part("word/document.xml", document_xml(p("&x;"), doctype))


def external_dtd() -> bytes:
    # NOTE: loopback only, and never fetched: the parser has no network and loads no DTD.
    doctype = '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">'
    return with_part("word/document.xml", document_xml(p("x"), doctype))


def parameter_entity() -> bytes:
    doctype = '<!DOCTYPE w:document [<!ENTITY % e SYSTEM "http://127.0.0.1:9/e.dtd"> %e;]>'
    return with_part("word/document.xml", document_xml(p("x"), doctype))


def entities_in_styles() -> bytes:
    doctype = '<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    styles = f'<?xml version="1.0"?>{doctype}<w:styles {NAMESPACES}/>'
    return xml_docx(p("x"), {"styles.xml": styles})


def truncated_zip() -> bytes:
    data = xml_docx(p("Должностная инструкция " * 50))
    return data[: len(data) // 2]


def no_document_xml() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"})


def many_paragraphs() -> bytes:
    return xml_docx("".join(p(f"{i}. Пункт {i * 7919 % 100_003} ведёт учёт.")
                            for i in range(100_000)))


def many_lines() -> bytes:
    return "1. Ведёт учёт договоров.\n".encode() * 100_000


def many_breaks() -> bytes:
    return xml_docx("<w:p><w:r>" + "<w:t>x</w:t><w:br/>" * (MAX_PARAGRAPHS + 10) + "</w:r></w:p>")


def one_huge_line() -> bytes:
    return ("Ведёт учёт договоров " * (MAX_CHARS // 20)).encode()


def nested_tables() -> bytes:
    return xml_docx("<w:tbl><w:tr><w:tc>" * 40 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 40)


def nested_elements() -> bytes:
    return xml_docx("<w:p>" + "<w:hyperlink>" * 2000 + "<w:r><w:t>x</w:t></w:r>"
                    + "</w:hyperlink>" * 2000 + "</w:p>")


def too_many_members() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for i in range(package.MAX_MEMBERS + 1):
            zf.writestr(f"m/{i}", b"")
    return out.getvalue()


def invalid_utf8() -> bytes:
    text = "Должностная инструкция менеджера\n1. Общие положения\n1.1. Ведёт учёт договоров.\n"
    data = (text * 20).encode()
    return data[:300] + b"\xff\xfe\xc0" + data[300:]


def nul_bytes() -> bytes:
    return "Должностная инструкция\n1. Общие\x00 положения\n2. Права\n".encode()


def sparse_200mb(folder: Path) -> Path:
    path = folder / "didelis.txt"
    with open(path, "wb") as handle:
        handle.write("Должностная инструкция\n".encode())
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB is written or read
    return path


HOSTILE = [
    pytest.param(writer("bomb.docx", zip_bomb), "possible ZIP bomb", id="zip-bomb-ratio"),
    pytest.param(writer("lying.docx", lying_zip_header), "corrupt or truncated ZIP",
                 id="zip-bomb-lying-header"),
    pytest.param(writer("members.docx", too_many_members), "suspicious ZIP archive",
                 id="zip-too-many-members"),
    pytest.param(writer("laughs.docx", laughs), "entity-expansion", id="billion-laughs"),
    pytest.param(writer("xxe.docx", xxe), "XXE", id="xxe-external-entity"),
    pytest.param(writer("dtd.docx", external_dtd), "external DTD", id="external-dtd"),
    pytest.param(writer("param.docx", parameter_entity), "DTD", id="parameter-entity"),
    pytest.param(writer("styles.docx", entities_in_styles), "XML of word/styles.xml",
                 id="xxe-in-styles"),
    pytest.param(writer("secret.docx", lambda: ole_file("EncryptionInfo", "EncryptedPackage")),
                 "password-protected", id="encrypted-ole"),
    pytest.param(writer("old.docx", lambda: ole_file("WordDocument", "1Table")),
                 # NOTE: the content decides: a .doc whatever its name; this one's FAT is
                 # missing, so it is a damaged .doc (real ones: tests/test_readers_legacy.py)
                 "corrupt or truncated Word 97-2003 .doc", id="doc-renamed-docx"),
    pytest.param(writer("cut.docx", truncated_zip), "corrupt or truncated ZIP",
                 id="truncated-zip"),
    pytest.param(writer("nodoc.docx", no_document_xml), "no word/document.xml",
                 id="no-document-xml"),
    pytest.param(writer("long.docx", many_paragraphs), "document too long: 100,000 paragraphs",
                 id="docx-100k-paragraphs"),
    pytest.param(writer("long.txt", many_lines), "document too long: 100,000 paragraphs",
                 id="txt-100k-lines"),
    pytest.param(writer("breaks.docx", many_breaks), "document too long: more than 20,000",
                 id="docx-line-breaks"),
    pytest.param(writer("huge_line.txt", one_huge_line), "characters of text",
                 id="txt-one-huge-line"),
    pytest.param(writer("tables.docx", nested_tables), "tables nested more than 16 levels",
                 id="nested-tables"),
    pytest.param(writer("deep.docx", nested_elements), "nested too deeply",
                 id="nested-xml-elements"),
    pytest.param(writer("bad.txt", invalid_utf8), "invalid UTF-8 at byte 300 (line",
                 id="invalid-utf8"),
    pytest.param(writer("nul.txt", nul_bytes), "NUL byte at offset", id="nul-bytes"),
    pytest.param(sparse_200mb, "file too large (200 MiB; limit 20 MiB)", id="txt-200mb"),
]


@pytest.mark.parametrize(("make", "reason"), HOSTILE)
def test_hostile_file_is_refused_and_others_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Maker, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = make(tmp_path)
    size, mtime = bad.stat().st_size, bad.stat().st_mtime_ns
    code, report = run_check(GOOD, bad, GOOD_DOCX)
    assert code == 2
    files = by_path(report)
    error = files[str(bad)]["error"]
    assert error is not None and error["code"] == "JD001"
    assert reason in error["message"]
    assert "\n" not in error["message"] and "Traceback" not in error["message"]
    assert files[str(bad)]["findings"] == []
    for good in (GOOD, GOOD_DOCX):
        assert files[str(good)]["error"] is None
        assert files[str(good)]["format"] in ("txt", "docx")
        assert files[str(good)]["documents"]
    assert report["summary"]["unreadable"] == 1
    assert (bad.stat().st_size, bad.stat().st_mtime_ns) == (size, mtime)


def test_200mb_text_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = sparse_200mb(tmp_path)
    handed_out = [0]
    real_open = open

    class Counting(io.BufferedReader):
        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            handed_out[0] += len(data)
            return data

    def counting_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(path) == bad:
            return Counting(real_open(path, "rb", buffering=0))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(readers, "open", counting_open, raising=False)
    code, report = run_check(bad)
    assert code == 2
    assert by_path(report)[str(bad)]["error"]["message"].startswith("file too large")
    assert handed_out[0] <= 16


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "slapta.txt"
    bad.write_text("Должностная инструкция\n", encoding="utf-8")
    real_open = open

    def deny(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(readers, "open", deny, raising=False)
    code, report = run_check(bad, GOOD)
    files = by_path(report)
    assert code == 2
    assert files[str(bad)]["error"] == {"code": "JD001",
                                        "message": "cannot read: permission denied"}
    assert files[str(GOOD)]["error"] is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    bad = tmp_path / "slapta.txt"
    bad.write_text("Должностная инструкция\n", encoding="utf-8")
    bad.chmod(0)
    try:
        code, report = run_check(bad, GOOD)
    finally:
        bad.chmod(0o600)
    assert code == 2
    assert by_path(report)[str(bad)]["error"]["message"] == "cannot read: permission denied"


def test_symlink_to_itself(tmp_path: Path) -> None:
    loop = tmp_path / "kilpa.txt"
    loop.symlink_to(loop)
    code, report = run_check(loop, GOOD)
    files = by_path(report)
    assert code == 2
    assert files[str(loop)]["error"]["code"] == "JD001"
    assert "symbolic link loop" in files[str(loop)]["error"]["message"]
    assert files[str(GOOD)]["error"] is None


def test_directory_symlink_loop_terminates_and_lints_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "instrukcijos"
    (root / "skyrius").mkdir(parents=True)
    (root / "skyrius" / "hr.txt").write_bytes(GOOD.read_bytes())
    (root / "skyrius" / "atgal").symlink_to(root, target_is_directory=True)
    (root / "pats").symlink_to(".", target_is_directory=True)
    code, report = run_check(root)
    assert code in (0, 1)
    assert [entry["path"] for entry in report["files"]] == [str(root / "skyrius" / "hr.txt")]


def test_hostile_numbering_start_is_rendered_in_bounded_size(tmp_path: Path) -> None:
    level = ('<w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="%1)"/></w:lvl>')
    numbering = (f'<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">{level}'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 "</w:numbering>")
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            "<w:r><w:t>Ведёт учёт договоров.</w:t></w:r></w:p>")
    path = tmp_path / "numeracija.docx"
    path.write_bytes(xml_docx(p("Должностная инструкция") + item * 3,
                              {"numbering.xml": numbering}))
    from jdlint.readers import read_path

    labels = [b.auto_number for b in read_path(path).blocks if b.auto_number]
    assert labels == ["2000000000)", "2000000001)", "2000000002)"]
    code, report = run_check(path)
    assert code in (0, 1)
    assert by_path(report)[str(path)]["error"] is None


def test_xml_tag_count_is_checked_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_XML_TAGS", 1000)
    parsed: list[bytes] = []
    real = package.etree.fromstring

    def spy(data: bytes, *args: Any, **kwargs: Any) -> Any:
        parsed.append(data[:40])
        return real(data, *args, **kwargs)

    monkeypatch.setattr(package.etree, "fromstring", spy)
    path = tmp_path / "zymes.docx"
    path.write_bytes(xml_docx(p("x") * 200))
    code, report = run_check(path)
    assert code == 2
    assert "XML tags" in by_path(report)[str(path)]["error"]["message"]
    assert not any(b"w:document" in head for head in parsed)


def test_unexpected_recursion_in_a_reader_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(data: bytes, path: Path | None, display_path: str) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(docx_reader, "read_docx", boom)
    path = tmp_path / "gilus.docx"
    path.write_bytes(xml_docx(p("x")))
    code, report = run_check(path, GOOD)
    files = by_path(report)
    assert code == 2
    assert files[str(path)]["error"]["message"].startswith("document too complex")
    assert files[str(GOOD)]["error"] is None


def test_zip_bomb_is_refused_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    inflated: list[int] = []
    real = zlib.decompressobj

    def spy(*args: Any, **kwargs: Any) -> Any:
        inflated.append(1)
        return real(*args, **kwargs)

    data = zip_bomb()
    monkeypatch.setattr(zlib, "decompressobj", spy)
    from jdlint.core.errors import InputError

    with pytest.raises(InputError, match="ZIP bomb"):
        docx_reader.read_docx(data, None, "bomb.docx")
    assert inflated == []
