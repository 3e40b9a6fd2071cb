"""Issue 19, round eight: a numbering part whose head (its bytes up to the first ``<w:num ``)
was met before is read with the definitions of the head's children kept
(``readers.numprefix``). Its model is the model ``Numbering.from_element`` (kept the way it
was called before) makes of the part, on generated heads and tails: abstract definitions,
picture bullets, comments and sections in the head, a ``<w:num `` inside a comment or a
section, a ``w:num`` written before the head's end, overrides and broken tails; failures are
the same failures, and the caches stay bounded. Round two: of a known head only the root's start
tag and the bytes past the head are parsed; prologs and root tags that must not be cut so (a
DOCTYPE, a ">" in an attribute value, a tag in a comment or instruction before the root) and
broken tails give the same model or failure as the whole part."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.errors import InputError
from jdlint.readers import numprefix
from jdlint.readers.numbering import Numbering
from jdlint.readers.package import Package
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_PKG = Package(xml_docx("<w:p/>"))
_NAME = "word/numbering.xml"


@pytest.fixture(autouse=True)
def _empty() -> None:
    numprefix._heads.clear()
    numprefix._seen.clear()


def _model(numbering: Numbering) -> list[Any]:
    return [(a.id, a.num_style_link, a.style_link, sorted(a.levels.items()))
            for a in numbering.abstracts.values()] + [
        (n.id, n.abstract_id, n.start_overrides, n.level_overrides)
        for n in numbering.nums.values()] + [sorted(numbering._by_style_link)]


def _old(data: bytes) -> Any:
    """What reading the part gave before: the whole root read, or the failure."""
    try:
        return _model(Numbering.from_element(_PKG.parse(_NAME, data)))
    except InputError as exc:
        return str(exc)


def _new(data: bytes) -> Any:
    try:
        return _model(numprefix.numbering_from(_PKG, _NAME, data))
    except InputError as exc:
        return str(exc)


def _abstract(i: int, fmt: str) -> str:
    return (f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:start w:val="{i}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>')


_HEAD_PIECES = st.sampled_from([
    _abstract(0, "decimal"), _abstract(1, "russianLower"), _abstract(0, "upperRoman"),
    '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="L"/>'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    "</w:abstractNum>",
    '<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="L"/></w:abstractNum>',
    '<w:numPicBullet w:numPicBulletId="0"><w:pict/></w:numPicBullet>',
    "<!-- a comment -->", "<!-- <w:num  -->", "<?pi x?>", "\n  ",
    '<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:lvlText w:val="'
    + "%1" * 200 + '"/></w:lvl></w:abstractNum>',
    '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>',  # NOTE: ends the head
    '<w:num><w:abstractNumId w:val="0"/></w:num>',  # NOTE: a w:num inside the head
])
_TAIL_PIECES = st.sampled_from([
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="5"/></w:lvlOverride></w:num>',
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="1">'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl>'
    "</w:lvlOverride></w:num>",
    _abstract(5, "decimal"), _abstract(0, "lowerLetter"), "<!-- tail -->",
    '<w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>',
    "<w:num w:numId='8'><w:bad></w:num>",  # NOTE: malformed
])


# NOTE: what may stand between the XML declaration and the root's children
_PROLOGS = st.sampled_from(["", "<!-- <x> -->", "<?pi a>b?>", "<?pi <x> ?>", "\n",
                            "<!DOCTYPE w:numbering>", '<!DOCTYPE w:numbering [<!ENTITY e "x">]>'])
_ROOT_ATTRS = st.sampled_from(["", ' w:note="a>b"', " w:note='<&gt;'", " mc:Ignorable=\"w14\"",
                               ' xmlns:x="urn:x" x:a="1"', ' w:note="1" w:note="2"'])


def _part(head: list[str], tail: list[str], prolog: str = "", attrs: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:numbering {NAMESPACES}{attrs}>'
            + "".join(head) + "".join(tail) + "</w:numbering>").encode()


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEAD_PIECES, max_size=6),
       st.lists(st.lists(_TAIL_PIECES, min_size=1, max_size=4), min_size=1, max_size=4),
       _PROLOGS, _ROOT_ATTRS)
def test_parts_read_as_the_whole_root_read(head: list[str], tails: list[list[str]],
                                           prolog: str, attrs: str) -> None:
    numprefix._heads.clear()
    numprefix._seen.clear()
    for _ in range(3):
        for tail in tails:  # NOTE: the head is kept from the second reading on
            data = _part(head, tail, prolog, attrs)
            assert _new(data) == _old(data)


def test_a_head_met_twice_is_read_once_more_only() -> None:
    head = [_abstract(0, "decimal"), _abstract(1, "russianLower")]
    first = _part(head, ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'])
    second = _part(head, ['<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
                          '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'])
    assert _new(first) == _old(first) and not numprefix._heads  # NOTE: met once
    assert _new(first) == _old(first) and len(numprefix._heads) == 1
    with _spy() as skipped:
        assert _new(second) == _old(second)
    # NOTE: the two abstractNums of the head were not parsed nor read again
    assert skipped[0] == (0, 2, 2)
    model = _new(second)
    assert model[0][0] == "0" and model[2][:2] == ("1", "1")


@contextmanager
def _spy() -> Iterator[list[tuple[int, int, int]]]:
    """(skip, children of the root, leading abstractNums) of each ``from_element`` call."""
    calls: list[tuple[int, int, int]] = []
    real = Numbering.from_element.__func__  # type: ignore[attr-defined]

    def spy(cls: Any, root: Any, skip: int = 0, leading: Any = ()) -> Numbering:
        leading = list(leading)
        calls.append((skip, len(root), len(leading)))
        built: Numbering = real(cls, root, skip, leading)
        return built

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Numbering, "from_element", classmethod(spy))
        yield calls


@pytest.mark.parametrize(("prolog", "attrs", "short"), [
    ("", "", True), ("<!-- <x> -->", "", False), ("<?pi a>b?>", "", True),
    ("<?pi <x> ?>", "", False),
    ("<!DOCTYPE w:numbering>", "", False), ("", ' w:note="a>b"', False),
    ("", ' xmlns:x="urn:x" x:a="1"', True)])
def test_the_start_tag_is_parsed_alone_only_when_it_closes_alike(
        prolog: str, attrs: str, short: bool) -> None:
    head = [_abstract(0, "decimal"), _abstract(1, "russianLower")]
    tail = ['<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>']
    data = _part(head, tail, prolog, attrs)
    assert _new(data) == _old(data) and _new(data) == _old(data)
    with _spy() as calls:
        assert _new(data) == _old(data)
    assert calls[0] == ((0, 1, 2) if short else (2, 3, 2))
    broken = _part(head, ['<w:num w:numId="1"><w:bad></w:num>'], prolog, attrs)
    assert _new(broken) == _old(broken) and "malformed" in _old(broken)


def test_a_part_whose_tags_are_counted_is_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    head = [_abstract(0, "decimal")]
    data = _part(head, ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'])
    assert _new(data) == _old(data) and _new(data) == _old(data)
    monkeypatch.setattr(numprefix, "MAX_XML_TAGS", len(data) - 1)
    with _spy() as calls:
        assert _new(data) == _old(data)
    assert calls[0] == (1, 2, 1)


def test_a_head_that_does_not_close_is_not_kept() -> None:
    # NOTE: the first "<w:num " is inside a comment: the head ends in it
    head = [_abstract(0, "decimal"), "<!-- <w:num  -->", _abstract(1, "decimal")]
    data = _part(head, ['<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'])
    for _ in range(3):
        assert _new(data) == _old(data)
    assert not numprefix._heads


def test_a_failing_part_is_refused_alike_and_not_kept() -> None:
    bomb = ['<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:lvlText w:val="'
            + "%1" * 200 + '"/></w:lvl></w:abstractNum>']
    data = _part(bomb, ['<w:num w:numId="1"><w:abstractNumId w:val="4"/></w:num>'])
    for _ in range(3):
        assert _new(data) == _old(data) and "numbering level text" in _old(data)
    assert not numprefix._heads and not numprefix._seen


def test_the_caches_are_bounded() -> None:
    for i in range(3 * numprefix.MAX_ENTRIES):
        data = _part([_abstract(i, "decimal")],
                     ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'])
        assert _new(data) == _old(data) and _new(data) == _old(data)
    assert len(numprefix._heads) <= numprefix.MAX_ENTRIES
    assert len(numprefix._seen) <= numprefix.MAX_ENTRIES
