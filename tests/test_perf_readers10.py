"""Issue 19, reading round two: a DOCX paragraph whose (numId, ilvl) the numbering state has
labelled before without a look-up is labelled without asking ``Numbering.level`` again. The
blocks are those read when every paragraph asks it (the state's fast keys hidden from the
walk), on generated numbering: undefined and "0" numIds, levels out of range, negative and
missing, style numbering, overrides, a level defined only for some numIds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.readers import docx
from jdlint.readers.docx import read_docx
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NAMESPACES}>'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2."/></w:lvl>'
    '<w:lvl w:ilvl="8"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%9)"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">'
    '<w:startOverride w:val="4"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>'
    "</w:numbering>")
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles {NAMESPACES}>'
    '<w:style w:type="paragraph" w:styleId="L"><w:name w:val="List"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')

_NUM_IDS = st.sampled_from([None, "0", "", "1", "2", "3", "4", "9"])
_LEVELS = st.sampled_from([None, "0", "1", "2", "8", "9", "12", "-1", "x"])


def _paragraph(num_id: str | None, ilvl: str | None, style: bool, n: int) -> str:
    props = '<w:pStyle w:val="L"/>' if style else ""
    if num_id is not None or ilvl is not None:
        props += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>"
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>item {n}</w:t></w:r></w:p>"


def _blocks(data: bytes) -> list[Any]:
    return [(b.text, b.auto_number, b.list_level, b.list_id, b.source.paragraph)
            for b in read_docx(data, None, "x.docx").blocks]


def _asking(data: bytes) -> list[Any]:
    """The blocks when every numbered paragraph asks ``Numbering.level``."""
    real = docx._Story.__init__

    def init(self: Any, *args: Any) -> None:
        real(self, *args)
        self.known = {}  # NOTE: what the walk did before: no key is known

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(docx._Story, "__init__", init)
        return _blocks(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_NUM_IDS, _LEVELS, st.booleans()), min_size=1, max_size=30))
def test_labels_are_those_of_asking_every_paragraph(
        paragraphs: list[tuple[str | None, str | None, bool]]) -> None:
    body = "".join(_paragraph(num, lvl, style, n) for n, (num, lvl, style)
                   in enumerate(paragraphs))
    data = xml_docx(body, {"numbering.xml": _NUMBERING, "styles.xml": _STYLES})
    assert _blocks(data) == _asking(data)


def test_a_level_out_of_range_is_not_labelled_by_its_clamped_key() -> None:
    # NOTE: ilvl 12 clamps to 8, which numId 1 defines; Numbering.level(1, 12) is None, so no
    # label, however often (1, 8) was labelled before
    body = "".join(_paragraph("1", lvl, False, n) for n, lvl in enumerate(["8", "8", "12", "12"]))
    data = xml_docx(body, {"numbering.xml": _NUMBERING})
    got = _blocks(data)
    assert got == _asking(data)
    assert [b[1] for b in got] == ["c)", "d)", None, None]
