"""Issue 19, round five, reading: ``Package.rels`` answers a relationship part stored exactly as
one read before from what it made of it; the answer equals a reading with an empty cache, a
part that differs in a stored byte is read on its own, the cache stays bounded, and a caller
changing the dict it got changes nothing for the next package. ``Block`` and ``Source`` built
slot by slot (``readers.blocks``) are the records their constructors build."""

from __future__ import annotations

import copy
import dataclasses
import io
import pickle
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import Block, BlockKind, Source
from jdlint.core.records import record
from jdlint.readers import blocks
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


# --- Block and Source built without their __init__ (jdlint.readers.blocks) ---

_TEXT = st.text(max_size=5)
_OPT_INT = st.none() | st.integers(-3, 10**6)
_CELL = st.none() | st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9))


def _same(built: object, made: object) -> None:
    assert type(built) is type(made)
    for f in dataclasses.fields(made):  # type: ignore[arg-type]
        assert getattr(built, f.name) == getattr(made, f.name), f.name
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made
    assert copy.copy(built) == made and dataclasses.replace(built) == made  # type: ignore[type-var]


def test_the_fast_builders_are_used() -> None:
    # NOTE: if Block or Source change, blocks.py must be told (the constructors take over)
    assert blocks.FAST


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), _TEXT, _TEXT, _OPT_INT, _OPT_INT, _OPT_INT, _CELL,
       st.sampled_from(["paragraph", "cell", "header", "footnote", "textbox"]),
       st.none() | _TEXT, st.none() | _TEXT, _OPT_INT, st.none() | _TEXT, _OPT_INT)
def test_built_records_are_the_constructed_ones(
        index: int, text: str, raw: str, line: int | None, paragraph: int | None,
        subline: int | None, cell: tuple[int, int, int] | None, kind: BlockKind,
        style: str | None, auto: str | None, level: int | None, list_id: str | None,
        heading: int | None) -> None:
    source = blocks.new_source(index, line, paragraph, subline, cell)
    made_source = Source(block=index, line=line, paragraph=paragraph, subline=subline, cell=cell)
    _same(source, made_source)
    _same(blocks.new_source(index), Source(index))
    _same(blocks.new_block(index, text, raw, source, kind, style, auto, level, list_id, heading),
          Block(index=index, text=text, raw=raw, source=made_source, kind=kind, style=style,
                auto_number=auto, list_level=level, list_id=list_id, heading_level=heading))
    _same(blocks.new_block(index, text, raw, source), Block(index, text, raw, made_source))


def test_a_record_of_other_fields_is_not_built_by_slots() -> None:
    @record(slots=True)
    class Extra:
        block: int
        start: int = 0

    @record(slots=True)
    class Checked:
        block: int

        def __post_init__(self) -> None:
            pass

    assert not blocks._plain(Extra, (("block", dataclasses.MISSING),))
    assert not blocks._plain(Checked, (("block", dataclasses.MISSING),))
    assert blocks._plain(Extra, (("block", dataclasses.MISSING), ("start", 0)))
    assert not blocks._plain(Extra, (("block", dataclasses.MISSING), ("start", 1)))
