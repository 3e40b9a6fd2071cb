"""Issue 19, round four: partcache answers a styles or numbering part from the member as stored
in the ZIP (``Package.member_key``) without inflating it; the reading equals a reading with an
empty cache, and a member that differs in any stored byte (its CRC, its local header, its
compressed data) is read and checked on its own, failing as before."""

from __future__ import annotations

import io
import zipfile

import pytest

from jdlint.core.errors import InputError
from jdlint.readers import partcache
from jdlint.readers.docx import read_docx
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import xml_docx

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PAD = "".join(f'<w:style w:type="character" w:styleId="Pad{i}"><w:name w:val="pad {i}"/>'
               "</w:style>" for i in range(80))
_STYLES = "word/styles.xml"


def _doc(heading: str, text: str = "x") -> bytes:
    styles = (f"<w:styles {_W}><w:style w:type=\"paragraph\" w:default=\"1\" "
              'w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              f'<w:style w:type="paragraph" w:styleId="H"><w:name w:val="{heading}"/>'
              '<w:basedOn w:val="Normal"/></w:style>' + _PAD + "</w:styles>")
    body = ('<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    return xml_docx(body, {"styles.xml": styles})


def _summary(data: bytes) -> list[tuple[str, str | None, int | None]]:
    return [(b.text, b.style, b.heading_level) for b in read_docx(data, None, "x.docx").blocks]


def _cold(data: bytes) -> list[tuple[str, str | None, int | None]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(partcache, "_styles", {})
        mp.setattr(partcache, "_styles_stored", {})
        return _summary(data)


def _central(data: bytes, member: str) -> int:
    """Offset of ``member``'s central directory record."""
    at = data.index(b"PK\x01\x02")
    while data[at:at + 4] == b"PK\x01\x02":
        size = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + size] == member.encode():
            return at
        at += 46 + size + int.from_bytes(data[at + 30:at + 32], "little") + int.from_bytes(
            data[at + 32:at + 34], "little")
    raise AssertionError(member)


def _patched(data: bytes, at: int, new: bytes) -> bytes:
    return data[:at] + new + data[at + len(new):]


def test_stored_member_readings_equal_cold_readings() -> None:
    for heading in ("heading 1", "Body", "heading 2", "heading 1"):
        for text in ("один", "два"):
            data = _doc(heading, text)
            assert _summary(data) == _cold(data)
            assert _summary(data) == _cold(data)  # the second time from the stored key


def test_same_member_is_answered_without_reading() -> None:
    first, second = Package(_doc("heading 1", "a")), Package(_doc("heading 1", "b"))
    assert first.member_key(_STYLES) == second.member_key(_STYLES)
    model = partcache.styles_of(first, _STYLES)
    reads: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Package, "read", lambda self, name: reads.append(name) or b"")
        assert partcache.styles_of(second, _STYLES) is model
    assert reads == []


def test_same_part_compressed_otherwise_still_shares_the_model() -> None:
    deflated = _doc("heading 3")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deflated)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_STORED)
    stored = buffer.getvalue()
    a, b = Package(deflated), Package(stored)
    assert a.member_key(_STYLES) != b.member_key(_STYLES)
    assert partcache.styles_of(a, _STYLES) is partcache.styles_of(b, _STYLES)
    assert _summary(stored) == _cold(stored)


def test_a_wrong_crc_fails_even_after_the_good_member_was_cached() -> None:
    good = _doc("heading 4")
    _summary(good)
    at = _central(good, _STYLES)
    crc = int.from_bytes(good[at + 16:at + 20], "little") ^ 1
    bad = _patched(good, at + 16, crc.to_bytes(4, "little"))
    for _ in range(2):
        with pytest.raises(InputError, match="corrupt"):
            read_docx(bad, None, "x.docx")
        with pytest.raises(InputError, match="corrupt"):
            _cold(bad)


def test_a_wrong_local_header_fails_even_after_the_good_member_was_cached() -> None:
    good = _doc("heading 5")
    _summary(good)
    offset = Package(good).names[_STYLES].header_offset
    bad = _patched(good, offset + 30, b"wOrd")  # the local name no longer matches
    assert Package(bad).member_key(_STYLES) != Package(good).member_key(_STYLES)
    for _ in range(2):
        with pytest.raises(InputError, match="corrupt"):
            read_docx(bad, None, "x.docx")


def test_no_key_where_the_member_cannot_be_located() -> None:
    good = _doc("heading 6")
    pkg = Package(good)
    pkg._data = pkg._data[:pkg.names[_STYLES].header_offset + 10]
    assert pkg.member_key(_STYLES) is None
