"""Issue 19, round eight, reading: ``Block`` and ``Source`` built as instances of a plain class
with their slots and then given their class (``readers.blocks``) are the records the slot
setters of round seven (kept here) and the constructors build; a class of another layout is
refused. ``Package.member_key`` leaves out a ZIP member's local time stamp only: a styles or
numbering part stored alike but at another time is answered from the cache (and reads as a
cold reading does), one stored otherwise in any other byte is not."""

from __future__ import annotations

import copy
import dataclasses
import io
import pickle
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.errors import InputError
from jdlint.core.model import Block, BlockKind, Source
from jdlint.readers import blocks, partcache
from jdlint.readers.docx import read_docx
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import xml_docx

# --- Block and Source: plain slotted instances given their class ---

_BLOCK_SET = blocks.slot_setters(Block, blocks._BLOCK_FIELDS)
_SOURCE_SET = blocks.slot_setters(Source, blocks._SOURCE_FIELDS)


def _old_source(block: int, line: int | None, paragraph: int | None, subline: int | None,
                cell: tuple[int, int, int] | None) -> Source:
    """Round seven's ``new_source``: each slot set through its descriptor."""
    source: Source = object.__new__(Source)
    for setter, value in zip(_SOURCE_SET, (block, 0, None, line, paragraph, subline, cell,
                                           None, None), strict=True):
        setter(source, value)
    return source


def _old_block(index: int, text: str, raw: str, source: Source, kind: BlockKind,
               style: str | None, auto: str | None, level: int | None, list_id: str | None,
               heading: int | None) -> Block:
    """Round seven's ``new_block``."""
    block: Block = object.__new__(Block)
    for setter, value in zip(_BLOCK_SET, (index, text, raw, source, kind, style, auto, level,
                                          list_id, heading, None), strict=True):
        setter(block, value)
    return block


def _same(built: Any, made: Any) -> None:
    assert type(built) is type(made)
    for f in dataclasses.fields(made):
        assert getattr(built, f.name) == getattr(made, f.name), f.name
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made and copy.copy(built) == made


def test_the_shadow_builders_are_used() -> None:
    # NOTE: if CPython refused the class assignment, the slot setters would take over
    assert blocks.FAST and blocks.SHADOWS


_TEXT = st.text(max_size=5)
_OPT_INT = st.none() | st.integers(-3, 10**6)
_CELL = st.none() | st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), _TEXT, _TEXT, _OPT_INT, _OPT_INT, _OPT_INT, _CELL,
       st.sampled_from(["paragraph", "cell", "header", "footnote", "textbox"]),
       st.none() | _TEXT, st.none() | _TEXT, _OPT_INT, st.none() | _TEXT, _OPT_INT)
def test_built_records_are_the_old_ones(
        index: int, text: str, raw: str, line: int | None, paragraph: int | None,
        subline: int | None, cell: tuple[int, int, int] | None, kind: BlockKind,
        style: str | None, auto: str | None, level: int | None, list_id: str | None,
        heading: int | None) -> None:
    source = blocks.new_source(index, line, paragraph, subline, cell)
    old_source = _old_source(index, line, paragraph, subline, cell)
    _same(source, old_source)
    _same(source, Source(block=index, line=line, paragraph=paragraph, subline=subline,
                         cell=cell))
    built = blocks.new_block(index, text, raw, source, kind, style, auto, level, list_id,
                             heading)
    _same(built, _old_block(index, text, raw, old_source, kind, style, auto, level, list_id,
                            heading))
    _same(blocks.new_block(index, text, raw, source), Block(index, text, raw, old_source))


def test_built_records_stay_frozen() -> None:
    source = blocks.new_source(1, paragraph=2)
    block = blocks.new_block(0, "a", "a", source)
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.paragraph = 3  # type: ignore[misc]
    assert dataclasses.replace(block, text="b").text == "b" and block.text == "a"


def test_a_class_of_another_layout_is_refused() -> None:
    class Base:
        __slots__ = ("a",)

    class Derived(Base):
        __slots__ = ("b",)

    class Plain:
        __slots__ = ("a", "b")

    class Loose:
        pass

    class One:
        __slots__ = "a"

    assert blocks.shadow_of(Derived) is None  # NOTE: its slots live in two classes
    assert blocks.shadow_of(Loose) is None  # NOTE: no slots, a __dict__
    single = blocks.shadow_of(One)
    assert single is not None and single.__slots__ == ("a",)
    shadow = blocks.shadow_of(Plain)
    assert shadow is not None
    probe = shadow()
    probe.a, probe.b = 1, 2
    probe.__class__ = Plain
    assert type(probe) is Plain and (probe.a, probe.b) == (1, 2)


# --- Package.member_key: the local header's time stamp left out ---

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# NOTE: padding (unused character styles) lifts the part over partcache.MIN_BYTES
_PAD = "".join(f'<w:style w:type="character" w:styleId="Pad{i}"><w:name w:val="pad {i}"/>'
               "</w:style>" for i in range(80))
_STYLES = (f"<w:styles {_W}><w:style w:type='paragraph' w:default='1' w:styleId='Normal'>"
           "<w:name w:val='Normal'/></w:style><w:style w:type='paragraph' w:styleId='H'>"
           f"<w:name w:val='heading 1'/></w:style>{_PAD}</w:styles>")
_BODY = ("<w:p><w:pPr><w:pStyle w:val='H'/></w:pPr><w:r><w:t>Заголовок</w:t></w:r></w:p>"
         "<w:p><w:r><w:t>Текст</w:t></w:r></w:p>")


def _restamped(data: bytes, when: tuple[int, int, int, int, int, int], *,
               extra: bytes = b"", comment: bytes = b"") -> bytes:
    """``data`` with its styles part stored at ``when`` (local header and directory), with
    an ``extra`` field or a ``comment`` in its directory entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/styles.xml":
                info = zipfile.ZipInfo(info.filename, when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.extra, info.comment = extra, comment
            dst.writestr(info, body)
    return out.getvalue()


def _docs() -> list[bytes]:
    base = xml_docx(_BODY, {"styles.xml": _STYLES})
    return [_restamped(base, (2020, 1, 1, 0, 0, 0)), _restamped(base, (2024, 5, 17, 13, 7, 44))]


def _summary(data: bytes) -> list[tuple[str, str | None, int | None]]:
    doc = read_docx(data, None, "x.docx")
    return [(b.text, b.style, b.heading_level) for b in doc.blocks]


def _cold(data: bytes) -> list[tuple[str, str | None, int | None]]:
    with pytest.MonkeyPatch.context() as mp:
        for name in ("_styles", "_numbering", "_styles_stored", "_numbering_stored"):
            mp.setattr(partcache, name, {})
        return _summary(data)


def test_a_part_stored_at_another_time_has_the_same_key() -> None:
    first, second = _docs()
    assert first != second
    key = Package(first).member_key("word/styles.xml")
    assert key is not None and key == Package(second).member_key("word/styles.xml")
    # NOTE: any other stored byte of the member is in the key: an extra field, the stored
    # name's case, the compressed bytes
    other = _restamped(first, (2020, 1, 1, 0, 0, 0), extra=b"\xfe\xca\x00\x00")
    assert Package(other).member_key("word/styles.xml") != key
    renamed = first.replace(b"word/styles.xml", b"word/STYLES.xml")
    assert Package(renamed).member_key("word/styles.xml") != key
    unpadded = _restamped(xml_docx(_BODY, {"styles.xml": _STYLES.replace("Pad", "Qad")}),
                          (2020, 1, 1, 0, 0, 0))
    assert Package(unpadded).member_key("word/styles.xml") != key


def test_a_part_stored_at_another_time_is_answered_from_the_cache() -> None:
    first, second = _docs()
    expected = _cold(first)
    assert expected == _cold(second) == [("Заголовок", "heading 1", 1), ("Текст", "Normal", None)]
    built: list[object] = []
    with pytest.MonkeyPatch.context() as mp:
        for name in ("_styles", "_numbering", "_styles_stored", "_numbering_stored"):
            mp.setattr(partcache, name, {})
        mp.setattr(Package, "read", _counting(Package.read, built))
        assert _summary(first) == expected
        reads = len(built)
        assert _summary(second) == expected
        # NOTE: the second file's styles part is neither inflated nor parsed again
        assert built[reads:].count("word/styles.xml") == 0
        assert built[:reads].count("word/styles.xml") == 1


def _counting(read: Any, seen: list[object]) -> Any:
    def counted(self: Package, name: str) -> bytes:
        seen.append(name)
        data: bytes = read(self, name)
        return data

    return counted


def test_a_renamed_part_is_read_on_its_own() -> None:
    first, _ = _docs()
    wrong = first.replace(b"word/styles.xml", b"word/Styles.xml", 1)  # NOTE: local header only
    _summary(first)
    assert Package(wrong).member_key("word/styles.xml") != Package(first).member_key(
        "word/styles.xml")
    with pytest.raises(InputError, match="differ"):
        read_docx(wrong, None, "x.docx")
