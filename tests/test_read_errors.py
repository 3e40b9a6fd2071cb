"""Dispatcher: what is not a readable document gives one plain-language reason (JD001)."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import struct
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jdlint.readers as readers
from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument
from jdlint.readers import read_bytes, read_path, read_stdin

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def ole_file(*streams: str) -> bytes:
    """A compound-file (OLE2) header and a directory sector naming ``streams``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<I", header, 0x30, 0)  # first directory sector
    directory = bytearray()
    for name in ("Root Entry", *streams):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HB", entry, 0x40, len(encoded), 5 if name == "Root Entry" else 2)
        directory += entry
    directory += bytes(512 - len(directory) % 512)
    return bytes(header) + bytes(directory) + os.urandom(1024)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reason_of(call: Callable[[], RawDocument]) -> str:
    with pytest.raises(InputError) as info:
        call()
    reason = info.value.reason
    assert reason == str(info.value)
    assert reason and "\n" not in reason
    assert "Traceback" not in reason and "Error" not in reason
    return reason


def junk_with_nuls() -> bytes:
    data = bytearray(os.urandom(8192))
    data[100:104] = b"\x00\x00\x00\x00"  # NULs in both byte lanes whatever urandom gave
    return bytes(data)


BAD_FILES = [
    pytest.param(
        "instrukcija.docx",
        PNG,
        "named .docx but is not a Word document: the content is a PNG image",
        id="png-named-docx",
    ),
    pytest.param(
        "instrukcija.docx",
        PDF,
        # NOTE: read by its content (issue 16): a truncated PDF is a damaged PDF
        "damaged PDF: startxref not found",
        id="pdf-named-docx",
    ),
    pytest.param(
        "instrukcija.pdf",
        PDF,
        "damaged PDF: startxref not found",
        id="pdf",
    ),
    pytest.param(
        "instrukcija.txt",
        PDF,
        "damaged PDF: startxref not found",
        id="pdf-named-txt",
    ),
    pytest.param(
        "instrukcija.docx",
        ole_file("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"),
        "password-protected (encrypted) Word document: remove the password in Word and save again",
        id="ole-encrypted",
    ),
    pytest.param(
        "instrukcija.doc",
        ole_file("WordDocument", "1Table", "\x05SummaryInformation"),
        "corrupt or truncated Word 97-2003 .doc: the OLE container cannot be read",
        id="ole-doc-damaged",
    ),
    pytest.param(
        "instrukcija.docx",
        ole_file("WordDocument", "1Table"),
        "corrupt or truncated Word 97-2003 .doc: the OLE container cannot be read",
        id="ole-doc-damaged-named-docx",
    ),
    pytest.param(
        "skenas.txt",
        JPEG,
        "not a text or Word document: the content is a JPEG image",
        id="jpeg-named-txt",
    ),
    pytest.param("tuscias.txt", b"", "the file is empty", id="empty"),
    pytest.param("tuscias.txt", b"  \r\n\t\n   \n", "the file is empty", id="whitespace"),
    pytest.param("bom.txt", b"\xef\xbb\xbf\r\n", "the file is empty", id="bom-only"),
    pytest.param(
        "tuscias.docx",
        b"",
        "named .docx but is not a Word document: the file is empty",
        id="empty-docx",
    ),
    pytest.param(
        "instrukcija.docx",
        "Должностная инструкция\nОбщие положения\n".encode(),
        "named .docx but is not a Word document: the content is plain text (rename it to .txt)",
        id="text-named-docx",
    ),
    pytest.param("dump.txt", junk_with_nuls(), "binary data, not a text document", id="junk"),
    pytest.param(
        "dump.docx",
        junk_with_nuls(),
        "named .docx but is not a Word document: the content is binary data",
        id="junk-named-docx",
    ),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES)
def test_bad_file(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    file = tmp_path / name
    file.write_bytes(data)
    before = (sha256(file), file.stat().st_mtime_ns, file.stat().st_mode)
    assert reason_of(lambda: read_path(file)) == reason
    assert (sha256(file), file.stat().st_mtime_ns, file.stat().st_mode) == before


def test_junk_without_nuls_is_binary(tmp_path: Path) -> None:
    file = tmp_path / "dump.txt"
    file.write_bytes(os.urandom(4096).replace(b"\x00", b"\x01"))
    assert reason_of(lambda: read_path(file)) == "binary data, not a text document"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "aplankas.docx"
    folder.mkdir()
    assert reason_of(lambda: read_path(folder)) == "cannot read: it is a directory, not a file"


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nera.txt"
    assert reason_of(lambda: read_path(missing)) == "cannot read: no such file or directory"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert reason_of(lambda: read_path(link)) == "cannot read: no such file or directory"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_permission_denied_for_real(tmp_path: Path) -> None:
    file = tmp_path / "slapta.txt"
    file.write_text("Должностная инструкция", encoding="utf-8")
    file.chmod(0)
    try:
        assert reason_of(lambda: read_path(file)) == "cannot read: permission denied"
    finally:
        file.chmod(0o600)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "slapta.txt"
    file.write_text("Должностная инструкция", encoding="utf-8")

    def deny(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(readers, "open", deny, raising=False)
    assert reason_of(lambda: read_path(file)) == "cannot read: permission denied"


def test_opened_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "instrukcija.txt"
    file.write_text("Должностная инструкция\n", encoding="utf-8")
    modes: list[str] = []
    real_open = builtins.open

    def spy(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        modes.append(mode)
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(readers, "open", spy, raising=False)
    assert read_path(file).blocks[0].text == "Должностная инструкция"
    assert modes == ["rb"]


class _CountingFile:
    """A read-only file object that counts the bytes handed out."""

    def __init__(self, path: Path, counter: list[int]) -> None:
        self._file = builtins.open(path, "rb")
        self._counter = counter

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def fileno(self) -> int:
        return self._file.fileno()

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._counter[0] += len(data)
        return data


def test_oversize_text_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_TXT_BYTES", 1024 * 1024)
    file = tmp_path / "didelis.txt"
    file.write_bytes(("Ведёт учёт договоров.\n" * 40000).encode("utf-8")[: 3 * 512 * 1024])
    before = sha256(file)
    counter = [0]
    monkeypatch.setattr(
        readers, "open", lambda path, mode, **_: _CountingFile(path, counter), raising=False
    )
    assert reason_of(lambda: read_path(file)) == "file too large (1.5 MiB; limit 1 MiB)"
    assert counter[0] <= 16  # only the magic bytes were read
    assert sha256(file) == before


def test_oversize_docx_is_refused_before_the_docx_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_DOCX_BYTES", 1024 * 1024)
    monkeypatch.setitem(sys.modules, "jdlint.readers.docx", None)  # import would fail
    file = tmp_path / "didelis.docx"
    file.write_bytes(b"PK\x03\x04" + bytes(2 * 1024 * 1024))
    assert reason_of(lambda: read_path(file)) == "file too large (2 MiB; limit 1 MiB)"


def test_small_limit_reads_in_kib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_TXT_BYTES", 1000)
    file = tmp_path / "a.txt"
    file.write_bytes(b"a" * 3000)
    assert reason_of(lambda: read_path(file)) == "file too large (3 KiB; limit 1 KiB)"


def fake_docx_module(calls: list[tuple[bytes, Path | None, str]]) -> types.ModuleType:
    module = types.ModuleType("jdlint.readers.docx")

    def read_docx(data: bytes, path: Path | None, display_path: str) -> RawDocument:
        calls.append((data, path, display_path))
        return RawDocument(path=path, display_path=display_path, format="docx", blocks=())

    module.read_docx = read_docx  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("name", ["instrukcija.docx", "instrukcija.txt", "be_pletinio"])
def test_zip_goes_to_the_docx_reader_whatever_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    calls: list[tuple[bytes, Path | None, str]] = []
    monkeypatch.setitem(sys.modules, "jdlint.readers.docx", fake_docx_module(calls))
    file = tmp_path / name
    data = b"PK\x03\x04" + b"\x14\x00" * 20
    file.write_bytes(data)
    doc = read_path(file)
    assert doc.format == "docx"
    assert calls == [(data, file, str(file))]


def test_empty_zip_goes_to_the_docx_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, Path | None, str]] = []
    monkeypatch.setitem(sys.modules, "jdlint.readers.docx", fake_docx_module(calls))
    data = b"PK\x05\x06" + bytes(18)
    assert read_bytes(data, None, "-").format == "docx"
    assert len(calls) == 1


def test_text_with_other_suffix_is_read_as_text(tmp_path: Path) -> None:
    file = tmp_path / "instrukcija.md"
    file.write_bytes("Pareigybės aprašymas\n\nFunkcijos\n".encode("cp1257"))
    doc = read_path(file)
    assert [(b.source.line, b.text) for b in doc.blocks] == [
        (1, "Pareigybės aprašymas"),
        (3, "Funkcijos"),
    ]
    assert doc.encoding == "cp1257"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin("Общие положения\r\n\r\nПрава\r\n".encode("cp1251")))
    doc = read_stdin()
    assert doc.display_path == "-"
    assert doc.path is None
    assert [(b.source.line, b.text) for b in doc.blocks] == [(1, "Общие положения"), (3, "Права")]


def test_stdin_png_and_oversize(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(PNG))
    assert reason_of(read_stdin) == "not a text or Word document: the content is a PNG image"
    monkeypatch.setattr(readers, "MAX_TXT_BYTES", 1024)
    monkeypatch.setattr(readers, "MAX_DOCX_BYTES", 2048)
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 4096))
    assert reason_of(read_stdin) == "input too large (more than 2 KiB)"
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 1500))
    assert reason_of(read_stdin) == "file too large (2 KiB; limit 1 KiB)"
