"""Issue 19, round five, reading: ``Package.rels`` answers a relationship part stored exactly as
one read before from what it made of it; the answer equals a reading with an empty cache, a
part that differs in a stored byte is read on its own, the cache stays bounded, and a caller
changing the dict it got changes nothing for the next package."""

from __future__ import annotations

import io
import zipfile

import pytest

from jdlint.readers import package as package_module
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import xml_docx

_RELS = "word/_rels/document.xml.rels"


def _with_rels(data: bytes, rels: str) -> bytes:
    """``data`` with its document relationships replaced by ``rels``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = rels.encode() if info.filename == _RELS else src.read(info)
            dst.writestr(info, body)
    return out.getvalue()


def _rels_xml(target: str) -> str:
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/styles" Target="{target}"/>'
            '<Relationship Id="rId2" Type="x/hyperlink" Target="http://e.org" '
            'TargetMode="External"/></Relationships>')


def _cold(data: bytes, part: str) -> dict[str, tuple[str, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(package_module, "_rels_cache", {})
        return Package(data).rels(part)


@pytest.fixture(autouse=True)
def _empty() -> None:
    package_module._rels_cache.clear()


def test_a_stored_part_read_again_is_the_first_reading() -> None:
    data = _with_rels(xml_docx("<w:p/>"), _rels_xml("styles.xml"))
    first = Package(data).rels("word/document.xml")
    assert first == {"rId1": ("styles", "word/styles.xml")} == _cold(data, "word/document.xml")
    first["rId9"] = ("evil", "x")  # NOTE: the caller's dict is its own
    again = Package(data).rels("word/document.xml")
    assert again == _cold(data, "word/document.xml") and "rId9" not in again
    assert Package(data).rels("") == _cold(data, "")


def test_a_part_stored_otherwise_is_read_on_its_own() -> None:
    one = _with_rels(xml_docx("<w:p/>"), _rels_xml("styles.xml"))
    other = _with_rels(xml_docx("<w:p/>"), _rels_xml("../styles2.xml"))
    assert Package(one).rels("word/document.xml")["rId1"] == ("styles", "word/styles.xml")
    assert Package(other).rels("word/document.xml")["rId1"] == ("styles", "styles2.xml")
    assert Package(one).rels("word/document.xml")["rId1"] == ("styles", "word/styles.xml")


def test_the_cache_is_bounded() -> None:
    for i in range(3 * package_module._RELS_ENTRIES):
        data = _with_rels(xml_docx("<w:p/>"), _rels_xml(f"s{i}.xml"))
        assert Package(data).rels("word/document.xml")["rId1"] == ("styles", f"word/s{i}.xml")
    assert len(package_module._rels_cache) <= package_module._RELS_ENTRIES
