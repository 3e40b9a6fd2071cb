"""The per-process cache of parsed DOCX styles and numbering (readers.partcache): a part with
the same bytes is parsed once, a different part is never answered from the cache, and a part
that fails its checks is refused every time."""

from __future__ import annotations

import pytest

from jdlint.core.errors import InputError
from jdlint.readers import partcache
from jdlint.readers.docx import read_docx
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import xml_docx

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# NOTE: padding (an unused character style) lifts a part over partcache.MIN_BYTES.
_PAD = "".join(f'<w:style w:type="character" w:styleId="Pad{i}"><w:name w:val="pad {i}"/>'
               "</w:style>" for i in range(80))


def _styles(heading_name: str) -> str:
    return (f"<w:styles {_W}>"
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
            '<w:name w:val="Normal"/></w:style>'
            f'<w:style w:type="paragraph" w:styleId="H"><w:name w:val="{heading_name}"/>'
            '<w:basedOn w:val="Normal"/></w:style>' + _PAD + "</w:styles>")


def _numbering(fmt: str) -> str:
    pad = "".join(f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                  '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                  for i in range(1, 40))
    return (f"<w:numbering {_W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1)"/></w:lvl>'
            f'</w:abstractNum>{pad}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            "</w:numbering>")


def _doc(text: str, heading_name: str, fmt: str = "decimal") -> bytes:
    body = ('<w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")
    return xml_docx(body, {"styles.xml": _styles(heading_name),
                           "numbering.xml": _numbering(fmt)})


def _summary(data: bytes) -> list[tuple[str, str | None, str | None, int | None]]:
    doc = read_docx(data, None, "x.docx")
    return [(b.text, b.style, b.auto_number, b.heading_level) for b in doc.blocks]


def test_parts_are_large_enough_to_be_cached() -> None:
    assert len(_styles("heading 1").encode()) >= partcache.MIN_BYTES
    assert len(_numbering("decimal").encode()) >= partcache.MIN_BYTES


def test_same_bytes_give_the_same_model_and_the_same_reading() -> None:
    first, second = _doc("один", "heading 1"), _doc("два", "heading 1")
    a, b = Package(first), Package(second)
    assert partcache.styles_of(a, "word/styles.xml") is partcache.styles_of(
        b, "word/styles.xml")
    assert partcache.numbering_of(a, "word/numbering.xml") is partcache.numbering_of(
        b, "word/numbering.xml")
    assert _summary(first) == [("Title", "heading 1", None, 1), ("один", "Normal", "1)", None)]
    assert _summary(second) == [("Title", "heading 1", None, 1), ("два", "Normal", "1)", None)]


def test_different_bytes_are_read_on_their_own() -> None:
    _summary(_doc("один", "heading 1"))  # cached first
    assert _summary(_doc("один", "heading 2", "lowerLetter")) == [
        ("Title", "heading 2", None, 2), ("один", "Normal", "a)", None)]
    assert _summary(_doc("один", "Body")) == [
        ("Title", "Body", None, None), ("один", "Normal", "1)", None)]


def test_a_bad_part_is_refused_each_time() -> None:
    broken = _styles("heading 1").replace("</w:styles>", "<w:style>")
    data = xml_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>", {"styles.xml": broken})
    for _ in range(2):
        with pytest.raises(InputError, match="malformed"):
            read_docx(data, None, "x.docx")
    assert not any(b"<w:style>" in key[-40:] for key in partcache._styles)


def test_the_cache_stays_bounded() -> None:
    for i in range(partcache.MAX_ENTRIES + 3):
        _summary(_doc("x", f"custom {i}"))
    assert len(partcache._styles) <= partcache.MAX_ENTRIES
    assert _summary(_doc("x", "custom 0"))[0] == ("Title", "custom 0", None, None)


def test_a_large_part_is_read_but_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(partcache, "MAX_BYTES", partcache.MIN_BYTES + 10)
    before = dict(partcache._styles)
    assert _summary(_doc("x", "big one"))[0] == ("Title", "big one", None, None)
    assert partcache._styles == before
